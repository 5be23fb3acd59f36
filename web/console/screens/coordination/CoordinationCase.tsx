import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type CaseDetail,
  type MaterialKind,
  type Participant,
  ParticipantRole,
  ParticipantStatus,
} from "../../../../contract/coordination.js";
import { TlpLabel } from "../../../../contract/intake.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { CheckboxField, SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { EmbargoCountdown, PostItem } from "../../../member/CoordinationScreen.js";

/** One participant: role, notification, first view, status with history, and the coordinator's actions. */
function ParticipantCard({ p, path, onChange }: { p: Participant; path: string; onChange: (d: CaseDetail) => void }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState(p.status);
  const [statement, setStatement] = useState("");
  const notify = useMutation({
    mutationFn: () => api<CaseDetail>("POST", `${path}/participants/${p.id}/notify`, {}),
    onSuccess: onChange,
  });
  const set = useMutation({
    mutationFn: () => api<CaseDetail>("POST", `${path}/participants/${p.id}/status`, { status, statement }),
    onSuccess: onChange,
  });
  return (
    <article className="panel" data-testid="participant">
      <h3>
        {p.organisation.name} — {t(`coordination.roles.${p.role}`)}
      </h3>
      <p>
        {t(`coordination.statuses.${p.status}`)}
        {p.statement ? ` — ${p.statement}` : ""}
      </p>
      <p>
        {p.notifiedAt
          ? t("coordination.notifiedAt", {
              when: formatDateTime(p.notifiedAt, i18n.language),
              addresses: p.notifiedAddresses.join(", "),
            })
          : t("coordination.notNotified")}
        {" · "}
        {p.firstViewedAt
          ? t("coordination.firstViewed", { when: formatDateTime(p.firstViewedAt, i18n.language) })
          : t("coordination.notViewed")}
      </p>
      {p.history.length > 0 ? (
        <details>
          <summary>{t("coordination.history")}</summary>
          <ul>
            {p.history.map((h) => (
              <li key={h.changedAt + h.status}>
                {formatDateTime(h.changedAt, i18n.language)} {t(`coordination.statuses.${h.status}`)}{" "}
                {t(`coordination.via.${h.changedVia}`)} {h.statement}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <Button onClick={() => notify.mutate()} busy={notify.isPending}>
        {t("coordination.notify")}
      </Button>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          set.mutate();
        }}
      >
        <SelectField
          label={t("coordination.status")}
          value={status}
          onChange={(e) => setStatus(e.target.value as ParticipantStatus)}
          options={ParticipantStatus.options.map((s) => ({ value: s, label: t(`coordination.statuses.${s}`) }))}
        />
        <TextField
          label={t("coordination.statement")}
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
        />
        <Button type="submit" busy={set.isPending}>
          {t("coordination.setStatus")}
        </Button>
      </form>
      {notify.isError ? <Notice tone="error">{errorMessage(t, notify.error)}</Notice> : null}
      {set.isError ? <Notice tone="error">{errorMessage(t, set.error)}</Notice> : null}
    </article>
  );
}

/** The coordinator's form for a post: text, TLP, recipients, pinning, material from a report. */
function PostForm({ d, path, onChange }: { d: CaseDetail; path: string; onChange: (d: CaseDetail) => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState("");
  const [tlp, setTlp] = useState<TlpLabel>(d.tlp);
  const [all, setAll] = useState(true);
  const [to, setTo] = useState<string[]>([]);
  const [pinned, setPinned] = useState(false);
  const [report, setReport] = useState("");
  const [kinds, setKinds] = useState<MaterialKind[]>([]);
  const send = useMutation({
    mutationFn: () =>
      api<CaseDetail>("POST", `${path}/posts`, {
        body,
        tlp,
        to: all ? "all" : to,
        pinned,
        material: report.trim() && kinds.length > 0 ? [{ report: report.trim(), kinds }] : [],
      }),
    onSuccess: (next) => {
      setBody("");
      setReport("");
      setKinds([]);
      onChange(next);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  const toggle = <V,>(list: V[], v: V, on: boolean) => (on ? [...list, v] : list.filter((x) => x !== v));
  return (
    <form onSubmit={submit} aria-label={t("coordination.newPost")}>
      <TextAreaField label={t("coordination.body")} value={body} onChange={(e) => setBody(e.target.value)} required />
      <SelectField
        label={t("coordination.tlp")}
        value={tlp}
        onChange={(e) => setTlp(e.target.value as TlpLabel)}
        options={TlpLabel.options.map((v) => ({ value: v, label: v }))}
      />
      <CheckboxField label={t("coordination.toAll")} checked={all} onChange={(e) => setAll(e.target.checked)} />
      {!all
        ? d.participants.map((p) => (
            <CheckboxField
              key={p.id}
              label={p.organisation.name}
              checked={to.includes(p.id)}
              onChange={(e) => setTo(toggle(to, p.id, e.target.checked))}
            />
          ))
        : null}
      <CheckboxField label={t("coordination.pinned")} checked={pinned} onChange={(e) => setPinned(e.target.checked)} />
      <TextField label={t("coordination.materialReport")} value={report} onChange={(e) => setReport(e.target.value)} />
      {(["text", "observables", "files"] as const).map((k) => (
        <CheckboxField
          key={k}
          label={t(`coordination.materialKinds.${k}`)}
          checked={kinds.includes(k)}
          onChange={(e) => setKinds(toggle(kinds, k, e.target.checked))}
        />
      ))}
      {send.isError ? <Notice tone="error">{errorMessage(t, send.error)}</Notice> : null}
      <Button type="submit" variant="primary" busy={send.isPending}>
        {t("coordination.send")}
      </Button>
    </form>
  );
}

/** Staff: one coordination case. */
export function CoordinationCase({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ["coordination", reference];
  const path = `/coordination/cases/${encodeURIComponent(reference)}`;
  const detail = useQuery({ queryKey: key, queryFn: () => api<CaseDetail>("GET", path) });
  const onChange = (d: CaseDetail) => client.setQueryData(key, d);
  const [orgId, setOrgId] = useState("");
  const [role, setRole] = useState<ParticipantRole>("affected");
  const add = useMutation({
    mutationFn: () => api<CaseDetail>("POST", `${path}/participants`, { organisationId: orgId.trim(), role }),
    onSuccess: (d) => {
      setOrgId("");
      onChange(d);
    },
  });
  const pin = useMutation({
    mutationFn: (p: { id: string; pinned: boolean }) =>
      api<CaseDetail>("PATCH", `${path}/posts/${p.id}`, { pinned: p.pinned }),
    onSuccess: onChange,
  });
  if (detail.isPending) return <p role="status">{t("common.loading")}</p>;
  if (detail.isError) return <Notice tone="error">{errorMessage(t, detail.error)}</Notice>;
  const d = detail.data;
  const nameOf = (id: string) => d.participants.find((p) => p.id === id)?.organisation.name ?? id;
  return (
    <>
      <PageHeader title={`${d.reference} ${d.title}`} />
      <p>
        <TlpBadge label={d.tlp} /> {t(`coordination.caseStatus.${d.status}`)} · {t("coordination.coordinator")}:{" "}
        {d.coordinator.name}
        {d.incident ? ` · ${d.incident}` : ""}
      </p>
      {d.summary ? <p style={{ whiteSpace: "pre-wrap" }}>{d.summary}</p> : null}
      <EmbargoCountdown until={d.embargoUntil} />
      <Section title={t("coordination.participants")} id="participants">
        {d.participants.map((p) => (
          <ParticipantCard key={p.id} p={p} path={path} onChange={onChange} />
        ))}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
          aria-label={t("coordination.addParticipant")}
        >
          <TextField
            label={t("coordination.organisationId")}
            value={orgId}
            onChange={(e) => setOrgId(e.target.value)}
            required
          />
          <SelectField
            label={t("coordination.role")}
            value={role}
            onChange={(e) => setRole(e.target.value as ParticipantRole)}
            options={ParticipantRole.options.map((r) => ({ value: r, label: t(`coordination.roles.${r}`) }))}
          />
          {add.isError ? <Notice tone="error">{errorMessage(t, add.error)}</Notice> : null}
          <Button type="submit" busy={add.isPending}>
            {t("coordination.addParticipant")}
          </Button>
        </form>
      </Section>
      <Section title={t("coordination.posts")} id="posts">
        {d.posts.map((p) => (
          <div key={p.id}>
            <PostItem post={p} fileBase={`/api/v1${path}/files`} />
            <p>
              {t("coordination.to")}: {p.toAll ? t("coordination.toAll") : p.recipients.map(nameOf).join(", ")}
            </p>
            {p.material.flatMap((m) =>
              (m.withheld ?? []).length > 0
                ? [
                    <Notice key={m.id} tone="info">
                      {t(`coordination.materialKinds.${m.kind}`)}:{" "}
                      {t("coordination.withheld", {
                        names: (m.withheld ?? []).map((w) => nameOf(w.participantId)).join(", "),
                        reason: t(`coordination.withheldReasons.${m.withheld?.[0]?.reason ?? "no-consent"}`),
                      })}
                    </Notice>,
                  ]
                : [],
            )}
            <Button variant="quiet" onClick={() => pin.mutate({ id: p.id, pinned: !p.pinned })}>
              {p.pinned ? t("coordination.unpin") : t("coordination.pin")}
            </Button>
          </div>
        ))}
        <PostForm d={d} path={path} onChange={onChange} />
      </Section>
    </>
  );
}
