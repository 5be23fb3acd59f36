import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentAttachmentList } from "../../../../contract/incidents.js";
import { api, toApiError } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatBytes } from "../../../lib/intake/limits.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { YaraFileBadge } from "../yara/CaseYaraPanel.js";
import { incidentKeys, incidentPath, useRefreshIncident } from "./api.js";

/** Uploads files as multipart (streamed by the server into the blob store); the CSRF token goes along. */
async function upload(reference: string, files: FileList, csrfToken: string | null): Promise<void> {
  const form = new FormData();
  for (const file of Array.from(files)) form.append("file", file, file.name);
  const headers: Record<string, string> = { accept: "application/json" };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(`/api/v1${incidentPath(reference)}/attachments`, {
    method: "POST",
    headers,
    credentials: "same-origin",
    body: form,
  });
  if (!res.ok) throw await toApiError(res);
}

interface Props {
  reference: string;
  canEdit: boolean;
  csrfToken: string | null;
}

/** The incident's files: upload, list, download (always as a download, never opened inline). */
export function Attachments({ reference, canEdit, csrfToken }: Props) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const refresh = useRefreshIncident(reference);
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState(0);
  const key = incidentKeys.part(reference, "attachments");
  const files = useQuery({
    queryKey: key,
    queryFn: () => api<IncidentAttachmentList>("GET", `${incidentPath(reference)}/attachments`),
  });
  const send = useMutation({
    mutationFn: (list: FileList) => upload(reference, list, csrfToken),
    onSuccess: () => {
      if (input.current) input.current.value = "";
      setChosen(0);
      void client.invalidateQueries({ queryKey: key });
      refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const list = input.current?.files;
    if (list && list.length > 0) send.mutate(list);
  };
  const items = files.data?.items ?? [];
  return (
    <Section title={t("incidents.files.title")} id="incident-files">
      {(files.error ?? send.error) ? <Notice tone="error">{errorMessage(t, files.error ?? send.error)}</Notice> : null}
      {files.isSuccess && items.length === 0 ? <p className="muted">{t("incidents.files.none")}</p> : null}
      <ul className="plain-list files">
        {items.map((a) => (
          <li key={a.id}>
            <a href={`/api/v1${incidentPath(reference)}/attachments/${encodeURIComponent(a.id)}`} download={a.filename}>
              {a.filename}
            </a>{" "}
            <span className="muted">
              {formatBytes(a.size, i18n.language)} · {a.uploadedBy?.name ?? "—"} ·{" "}
              {formatDateTime(a.createdAt, i18n.language)}
            </span>
            <YaraFileBadge of={{ kind: "incident", reference }} sha256={a.sha256} />
            <code className="cell-sub hash">SHA-256 {a.sha256}</code>
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form className="file-upload" onSubmit={submit}>
          <label htmlFor="incident-file">{t("incidents.files.choose")}</label>
          <input
            id="incident-file"
            ref={input}
            type="file"
            multiple
            onChange={(e) => setChosen(e.target.files?.length ?? 0)}
          />
          <Button type="submit" busy={send.isPending} disabled={chosen === 0}>
            {t("incidents.files.upload")}
          </Button>
        </form>
      ) : null}
    </Section>
  );
}
