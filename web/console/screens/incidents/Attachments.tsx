import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toApiError } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { evidenceKeys } from "../evidence/api.js";
import { CaseFiles } from "../evidence/CaseFiles.js";
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

/**
 * The incident's files — its own, its threads' mail and its linked reports' (evidence's list: what each
 * is by its bytes, samples, custody) — and the upload of more.
 */
export function Attachments({ reference, canEdit, csrfToken }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const refresh = useRefreshIncident(reference);
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState(0);
  const send = useMutation({
    mutationFn: (list: FileList) => upload(reference, list, csrfToken),
    onSuccess: () => {
      if (input.current) input.current.value = "";
      setChosen(0);
      void client.invalidateQueries({ queryKey: incidentKeys.part(reference, "attachments") });
      void client.invalidateQueries({ queryKey: evidenceKeys.ofCase({ kind: "incident", reference }) });
      refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const list = input.current?.files;
    if (list && list.length > 0) send.mutate(list);
  };
  return (
    <>
      <CaseFiles of={{ kind: "incident", reference }} id="incident-files" />
      {canEdit ? (
        <Section title={t("evidence.upload")} id="incident-upload">
          {send.error ? <Notice tone="error">{errorMessage(t, send.error)}</Notice> : null}
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
        </Section>
      ) : null}
    </>
  );
}
