import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Task } from "../../../../contract/tasks.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { inLanguage } from "./playbooks.js";

interface Props {
  task: Task;
  /** Show the checklist at first (the first open task is). */
  open: boolean;
  /** The task's API path. */
  base: string;
  canEdit: boolean;
  onSaved: (task: Task) => void;
  onError: (err: unknown) => void;
}

/** One task: done/reopen, its checklist (tick, add), who did what and when. */
export function TaskCard({ task, open, base, canEdit, onSaved, onError }: Props) {
  const { t, i18n } = useTranslation();
  const [label, setLabel] = useState("");
  const status = useMutation({
    mutationFn: (to: Task["status"]) => api<Task>("PATCH", base, { version: task.version, status: to }),
    onSuccess: onSaved,
    onError,
  });
  const tick = useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) =>
      api<Task>("PATCH", `${base}/items/${encodeURIComponent(id)}`, { done }),
    onSuccess: onSaved,
  });
  const addItem = useMutation({
    mutationFn: () => api<Task>("POST", `${base}/items`, { label: label.trim() }),
    onSuccess: (saved) => {
      setLabel("");
      onSaved(saved);
    },
  });
  const failed = status.error ?? tick.error ?? addItem.error;
  // While a tick is on its way the box already shows it (the server's answer then confirms it).
  const done = task.status === "done";
  const headingId = `task-${task.id}`;
  const ticked = task.checklist.filter((i) => i.done).length;
  return (
    <li className={`task task-${task.status}`} aria-labelledby={headingId}>
      <div className="task-head">
        <h3 id={headingId}>
          {task.title}
          {task.checklist.length ? (
            <span className="task-progress">
              {" "}
              {t("incidents.tasks.progress", { done: ticked, count: task.checklist.length })}
            </span>
          ) : null}
        </h3>
        {canEdit ? (
          <Button variant="quiet" busy={status.isPending} onClick={() => status.mutate(done ? "open" : "done")}>
            {done ? t("incidents.tasks.reopen") : t("incidents.tasks.markDone")}
          </Button>
        ) : null}
      </div>
      <p className="cell-sub">
        {t(`incidents.tasks.statuses.${task.status}`)}
        {task.doneAt
          ? ` · ${formatDateTime(task.doneAt, i18n.language)}${task.doneBy ? ` · ${task.doneBy.name}` : ""}`
          : ""}
        {task.playbook
          ? ` · ${t("incidents.tasks.from", { name: inLanguage(task.playbook.name, i18n.language) })}`
          : ""}
      </p>
      {task.description ? <p className="task-description">{task.description}</p> : null}
      {failed ? <Notice tone="error">{errorMessage(t, failed)}</Notice> : null}
      <details className="task-body" open={open}>
        <summary>{t("incidents.tasks.checklist")}</summary>
        {task.checklist.length ? (
          <ul className="checklist">
            {task.checklist.map((item) => (
              <li key={item.id}>
                <input
                  type="checkbox"
                  id={`item-${item.id}`}
                  checked={tick.isPending && tick.variables.id === item.id ? tick.variables.done : item.done}
                  disabled={!canEdit || tick.isPending}
                  onChange={(e) => tick.mutate({ id: item.id, done: e.target.checked })}
                />
                <label htmlFor={`item-${item.id}`} className={item.done ? "item-done" : undefined}>
                  {item.label}
                </label>
                {item.doneBy ? (
                  <span className="cell-sub">
                    {item.doneBy.name} · {formatDateTime(item.doneAt, i18n.language)}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {canEdit ? (
          <form
            className="inline-form compact-form checklist-add"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              if (label.trim()) addItem.mutate();
            }}
          >
            <TextField
              label={t("incidents.tasks.newItem")}
              value={label}
              maxLength={500}
              onChange={(e) => setLabel(e.target.value)}
            />
            <Button type="submit" busy={addItem.isPending} disabled={label.trim() === ""}>
              {t("incidents.tasks.addItem")}
            </Button>
          </form>
        ) : null}
      </details>
    </li>
  );
}
