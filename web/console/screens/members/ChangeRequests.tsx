import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ChangeRequest, ChangeRequestList, ChangeRequestStatus } from "../../../../contract/members.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { describeChange } from "../../../member/RequestsScreen.js";

/** One pending request's decision: a note, approve or reject. */
function Decide({ request }: { request: ChangeRequest }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState("");
  const decide = useMutation({
    mutationFn: (verb: "approve" | "reject") =>
      api<ChangeRequest>("POST", `/change-requests/${request.id}/${verb}`, { note: note.trim() || undefined }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["change-requests"] }),
  });
  return (
    <div className="decide">
      {decide.isError ? <Notice tone="error">{errorMessage(t, decide.error)}</Notice> : null}
      <TextField
        label={t("memberAdmin.note")}
        name={`note-${request.id}`}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button
        variant="primary"
        busy={decide.isPending && decide.variables === "approve"}
        onClick={() => decide.mutate("approve")}
      >
        {t("memberAdmin.approve")}
      </Button>
      <Button busy={decide.isPending && decide.variables === "reject"} onClick={() => decide.mutate("reject")}>
        {t("memberAdmin.reject")}
      </Button>
    </div>
  );
}

/** Staff: members' change requests, the pending ones first to decide (/console/change-requests). */
export function ChangeRequests() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<ChangeRequestStatus | "">("pending");
  const list = useQuery({
    queryKey: ["change-requests", status],
    queryFn: () => api<ChangeRequestList>("GET", `/change-requests?limit=200${status ? `&status=${status}` : ""}`),
  });
  return (
    <>
      <PageHeader title={t("memberAdmin.changeRequestsTitle")} />
      <SelectField
        label={t("memberAdmin.filter")}
        name="status"
        value={status}
        onChange={(e) => setStatus(e.target.value as ChangeRequestStatus | "")}
        options={[
          { value: "pending", label: t("member.requests.statuses.pending") },
          { value: "approved", label: t("member.requests.statuses.approved") },
          { value: "rejected", label: t("member.requests.statuses.rejected") },
          { value: "", label: t("memberAdmin.all") },
        ]}
      />
      {list.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {list.isError ? <Notice tone="error">{errorMessage(t, list.error)}</Notice> : null}
      {list.data ? (
        <Table
          caption={t("memberAdmin.changeRequestsTitle")}
          columns={[
            { key: "o", header: t("memberAdmin.organisation"), cell: (r) => r.organisation.name },
            { key: "c", header: t("member.requests.change"), cell: (r) => describeChange(r, t) },
            {
              key: "r",
              header: t("member.requests.by"),
              cell: (r) => `${r.requestedBy.name}${r.reason ? ` — ${r.reason}` : ""}`,
            },
            { key: "a", header: t("member.requests.asked"), cell: (r) => formatDateTime(r.createdAt, i18n.language) },
            {
              key: "s",
              header: t("member.requests.status"),
              cell: (r) =>
                r.status === "pending" ? (
                  <Decide request={r} />
                ) : (
                  `${t(`member.requests.statuses.${r.status}`)} ${r.note}`
                ),
            },
          ]}
          rows={list.data.items}
          rowKey={(r) => r.id}
          empty={t("member.requests.empty")}
        />
      ) : null}
    </>
  );
}
