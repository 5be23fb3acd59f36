import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { type Column, Table } from "../../../lib/ui/Table.js";

// The one frame of the admin screens (users, playbooks, templates, warning lists, OpenPGP keys): a
// heading with a "new" button, an intro, what just happened, the editor for the row being edited or
// the new one, and the table with an Edit button and further actions per row. Each screen brings only
// its columns, its editor and its words.

export type AdminMode<T> = { kind: "list" } | { kind: "create" } | { kind: "edit"; item: T };

export interface AdminListState<T> {
  mode: AdminMode<T>;
  /** What the last action did, shown above the list (success tone). */
  message: string | null;
  /** Opens the editor (or goes back to the list); the last message goes. */
  open: (mode: AdminMode<T>) => void;
  /** Closes the editor, saying what happened (null: nothing, e.g. cancelled). */
  close: (message: string | null) => void;
  /** Says what a row action did, without changing the mode. */
  say: (message: string | null) => void;
}

/** The mode and message of an admin screen; `onOpen` runs whenever the editor opens (reset mutations). */
export function useAdminList<T>(onOpen?: () => void): AdminListState<T> {
  const [mode, setMode] = useState<AdminMode<T>>({ kind: "list" });
  const [message, setMessage] = useState<string | null>(null);
  return {
    mode,
    message,
    open: (next) => {
      setMessage(null);
      onOpen?.();
      setMode(next);
    },
    close: (done) => {
      setMode({ kind: "list" });
      setMessage(done);
    },
    say: setMessage,
  };
}

interface Props<T> {
  state: AdminListState<T>;
  title: string;
  intro?: ReactNode;
  /** The "new" button's label; absent when things are added some other way (a form always shown). */
  newLabel?: string;
  /** The editor for a new row or the row being edited, shown above the list while open. */
  editor?: (mode: Exclude<AdminMode<T>, { kind: "list" }>) => ReactNode;
  /** Shown between the notices and the list (an always-open "add" form, a sub-heading). */
  before?: ReactNode;
  /** Failed row actions (archive, delete, toggle) and other notices. */
  notices?: ReactNode;
  list: { isPending: boolean; error: unknown };
  /** The table's caption (default: the title). */
  caption?: string;
  rows: T[];
  rowKey: (row: T) => string;
  empty: string;
  columns: Column<T>[];
  rowClassName?: (row: T) => string | undefined;
  /** The accessible name of a row's Edit button ("Edit Phishing"); no Edit button without it. */
  editName?: (row: T) => string;
  /** Further actions in a row, after Edit. */
  actions?: (row: T) => ReactNode;
  /** Below the table (a "more" button). */
  footer?: ReactNode;
}

/** An admin screen's list with its editor. */
export function AdminList<T>(props: Props<T>) {
  const { t } = useTranslation();
  const { state, editName, actions } = props;
  const { mode } = state;
  const editing = mode.kind === "edit" ? props.rowKey(mode.item) : null;
  const columns: Column<T>[] =
    editName || actions
      ? [
          ...props.columns,
          {
            key: "actions",
            header: <span className="visually-hidden">{t("common.actions")}</span>,
            className: "cell-actions",
            cell: (row) => (
              <span className="row-actions">
                {editName ? (
                  <Button
                    variant="quiet"
                    aria-label={editName(row)}
                    onClick={() => state.open({ kind: "edit", item: row })}
                  >
                    {t("common.edit")}
                  </Button>
                ) : null}
                {actions?.(row)}
              </span>
            ),
          },
        ]
      : props.columns;
  return (
    <>
      <PageHeader title={props.title}>
        {props.newLabel && mode.kind === "list" ? (
          <Button variant="primary" onClick={() => state.open({ kind: "create" })}>
            {props.newLabel}
          </Button>
        ) : null}
      </PageHeader>
      {props.intro ? <p className="ws-intro">{props.intro}</p> : null}
      {state.message ? <Notice tone="success">{state.message}</Notice> : null}
      {props.notices}
      {mode.kind !== "list" ? props.editor?.(mode) : null}
      {props.before}
      {props.list.error ? <Notice tone="error">{errorMessage(t, props.list.error)}</Notice> : null}
      {props.list.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <Table
          caption={props.caption ?? props.title}
          rows={props.rows}
          rowKey={props.rowKey}
          empty={props.empty}
          rowClassName={(row) =>
            props.rowKey(row) === editing ? "row-selected" : (props.rowClassName?.(row) ?? undefined)
          }
          columns={columns}
        />
      )}
      {props.footer}
    </>
  );
}

/** The footer of every admin editor: save (submits the form) and cancel, plus any extra buttons. */
export function EditorFooter({
  saveLabel,
  busy,
  onCancel,
  children,
}: {
  saveLabel: string;
  busy: boolean;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <Button type="submit" variant="primary" busy={busy}>
        {saveLabel}
      </Button>
      {children}
      <Button variant="quiet" onClick={onCancel}>
        {t("common.cancel")}
      </Button>
    </div>
  );
}
