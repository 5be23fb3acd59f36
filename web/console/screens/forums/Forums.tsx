import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Forum, ForumCreateInput, ForumKind } from "../../../../contract/forums.js";
import { FORUM_MANAGER_ROLES, holdsRole } from "../../../../contract/roles.js";
import { api } from "../../../lib/api/client.js";
import { ApiError } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Link } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { useForumWrite, useStaffForums } from "./api.js";

const KINDS: ForumKind[] = ["sector", "csirt", "other"];

/** Staff: every forum with its counts, and a form to start one. */
export function Forums({ me }: { me: Me }) {
  const { t } = useTranslation();
  const forums = useStaffForums();
  return (
    <>
      <PageHeader title={t("forums.title")} />
      <p className="ws-intro">{t("forums.intro")}</p>
      <Section title={t("forums.list.title")} id="forums">
        {forums.isError ? <Notice tone="error">{errorMessage(t, forums.error)}</Notice> : null}
        {forums.isPending ? <p role="status">{t("common.loading")}</p> : null}
        {forums.data ? (
          <Table<Forum>
            caption={t("forums.list.title")}
            rows={forums.data.items}
            rowKey={(f) => f.id}
            empty={t("forums.list.empty")}
            columns={[
              {
                key: "name",
                header: t("forums.list.name"),
                cell: (f) => (
                  <>
                    <Link to={`/console/forums/${f.id}`}>{f.name}</Link>
                    <span className="cell-sub">{t(`forums.kinds.${f.kind}`)}</span>
                  </>
                ),
              },
              {
                key: "tlp",
                header: t("forums.list.tlp"),
                cell: (f) => (
                  <>
                    <TlpBadge label={f.defaultTlp} /> – <TlpBadge label={f.maxTlp} />
                  </>
                ),
              },
              { key: "members", header: t("forums.list.members"), className: "cell-num", cell: (f) => f.members },
              { key: "pending", header: t("forums.list.pending"), className: "cell-num", cell: (f) => f.pending },
              { key: "address", header: t("forums.list.address"), cell: (f) => f.listAddress ?? "—" },
            ]}
          />
        ) : null}
      </Section>
      {holdsRole(me.roles, FORUM_MANAGER_ROLES) ? <NewForum /> : null}
    </>
  );
}

function NewForum() {
  const { t } = useTranslation();
  const create = useForumWrite((input: ForumCreateInput) => api<Forum>("POST", "/forums", input));
  const [name, setName] = useState("");
  const [kind, setKind] = useState<ForumKind>("sector");
  const [address, setAddress] = useState("");
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, kind, listAddress: address.trim() === "" ? null : address.trim() },
      { onSuccess: () => setName("") },
    );
  };
  return (
    <Section title={t("forums.create.title")} id="new-forum">
      <form className="stack" onSubmit={submit}>
        <TextField
          label={t("forums.create.name")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          error={fields.name}
        />
        <SelectField
          label={t("forums.create.kind")}
          value={kind}
          onChange={(e) => setKind(KINDS.find((k) => k === e.target.value) ?? "other")}
          options={KINDS.map((k) => ({ value: k, label: t(`forums.kinds.${k}`) }))}
        />
        <TextField
          label={t("forums.create.address")}
          type="email"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          hint={t("forums.create.addressHint")}
          error={fields.listAddress}
        />
        {create.isError ? <Notice tone="error">{errorMessage(t, create.error)}</Notice> : null}
        {create.isSuccess ? <Notice tone="success">{t("forums.create.done")}</Notice> : null}
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t("forums.create.submit")}
        </Button>
      </form>
    </Section>
  );
}
