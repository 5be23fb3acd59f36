import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TimelineEntry, TimelinePage } from "../../../../contract/incidents.js";
import { api, query } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime, stockholmLocalToIso } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { incidentKeys, incidentPath, useRefreshIncident } from "./api.js";
import { NewMarker } from "../unread/NewMarker.js";
import { useEventSummary } from "./timeline-words.js";

// The timeline reads oldest first with the newest at the bottom, beside the note box, like a log
// (the same order as every conversation in Fyr).
const byTime = (a: TimelineEntry, b: TimelineEntry) =>
  a.occurredAt.localeCompare(b.occurredAt) || a.recordedAt.localeCompare(b.recordedAt);

interface Props {
  reference: string;
  canWrite: boolean;
  /** When I last looked before this visit (null: never): replies after it are marked new. */
  newSince?: string | null;
}

const REPLY_KINDS: readonly TimelineEntry["kind"][] = ["message_in", "reporter_message"];

/** The note box's id: `c` on the incident page focuses it. */
export const NOTE_BOX_ID = "incident-note";

/** Notes, system events and messages in one list, and the note form (with "when it happened"). */
export function Timeline({ reference, canWrite, newSince }: Props) {
  const { t, i18n } = useTranslation();
  const summary = useEventSummary();
  const timeline = useInfiniteQuery({
    queryKey: incidentKeys.part(reference, "timeline"),
    queryFn: ({ pageParam }) =>
      api<TimelinePage>("GET", `${incidentPath(reference)}/timeline${query({ limit: 500, cursor: pageParam })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });
  const entries = (timeline.data?.pages.flatMap((p) => p.items) ?? []).slice().sort(byTime);
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  const isNew = (e: TimelineEntry) =>
    newSince !== undefined && REPLY_KINDS.includes(e.kind) && (newSince === null || e.recordedAt > newSince);
  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-title" id="timeline">
      <h2 id="timeline-title">{t("incidents.timeline.title")}</h2>
      <p className="muted">{t("incidents.timeline.order")}</p>
      {timeline.isError ? <Notice tone="error">{errorMessage(t, timeline.error)}</Notice> : null}
      {timeline.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {timeline.isSuccess && entries.length === 0 ? <p className="empty">{t("incidents.timeline.empty")}</p> : null}
      <ol className="timeline">
        {entries.map((e) => (
          <li key={e.id} className={`event event-${e.kind}${isNew(e) ? " event-new" : ""}`}>
            <p className="event-meta">
              {isNew(e) ? <NewMarker /> : null}
              <time dateTime={e.occurredAt}>{at(e.occurredAt)}</time>
              {" · "}
              <strong>{summary(e)}</strong>
              {e.author ? ` · ${e.author}` : ""}
              {e.kind === "note" && e.occurredAt !== e.recordedAt ? (
                <span className="muted"> · {t("incidents.timeline.writtenAt", { at: at(e.recordedAt) })}</span>
              ) : null}
            </p>
            {e.body ? <p className="event-body">{e.body}</p> : null}
          </li>
        ))}
      </ol>
      {timeline.hasNextPage ? (
        <Button variant="quiet" onClick={() => void timeline.fetchNextPage()} busy={timeline.isFetchingNextPage}>
          {t("incidents.timeline.more")}
        </Button>
      ) : null}
      {canWrite ? <NoteForm reference={reference} /> : null}
    </section>
  );
}

function NoteForm({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const refresh = useRefreshIncident(reference);
  const [body, setBody] = useState("");
  const [when, setWhen] = useState("");
  const add = useMutation({
    mutationFn: () =>
      api("POST", `${incidentPath(reference)}/notes`, { body: body.trim(), occurredAt: stockholmLocalToIso(when) }),
    onSuccess: () => {
      setBody("");
      setWhen("");
      refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim() !== "") add.mutate();
  };
  return (
    <form className="note-form" onSubmit={submit} aria-labelledby="note-form-title">
      <h3 id="note-form-title">{t("incidents.timeline.addNote")}</h3>
      {add.error ? <Notice tone="error">{errorMessage(t, add.error)}</Notice> : null}
      <TextAreaField
        id={NOTE_BOX_ID}
        label={t("incidents.timeline.note")}
        rows={3}
        value={body}
        aria-keyshortcuts="c"
        onChange={(e) => setBody(e.target.value)}
      />
      <div className="note-form-row">
        <TextField
          id="incident-note-when"
          type="datetime-local"
          label={t("incidents.timeline.when")}
          hint={t("incidents.timeline.whenHint")}
          value={when}
          onChange={(e) => setWhen(e.target.value)}
        />
        <Button type="submit" variant="primary" busy={add.isPending} disabled={body.trim() === ""}>
          {t("incidents.timeline.save")}
        </Button>
      </div>
    </form>
  );
}
