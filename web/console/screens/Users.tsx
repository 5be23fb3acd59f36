import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import type { Me, Page, User } from "../../lib/api/types.js";
import { formatDateTime } from "../../lib/time.js";
import { Button } from "../../lib/ui/Button.js";
import { Badge, Notice } from "../../lib/ui/Notice.js";
import { PageHeader } from "../../lib/ui/Page.js";
import { Table } from "../../lib/ui/Table.js";
import { CreateUserForm, EditUserForm } from "./UserForms.js";

/** Admin: the staff list, with forms to create a user and to change roles or disable one. */
export function Users({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<{ kind: "list" } | { kind: "create" } | { kind: "edit"; user: User }>({
    kind: "list",
  });
  const [message, setMessage] = useState<string | null>(null);
  const users = useInfiniteQuery({
    queryKey: ["users"],
    queryFn: ({ pageParam }) => api<Page<User>>("GET", `/users${query({ limit: 100, cursor: pageParam })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title={t("users.title")}>
        {mode.kind === "list" ? (
          <Button
            variant="primary"
            onClick={() => {
              setMessage(null);
              setMode({ kind: "create" });
            }}
          >
            {t("users.new")}
          </Button>
        ) : null}
      </PageHeader>
      {message ? <Notice tone="success">{message}</Notice> : null}
      {mode.kind === "create" ? (
        <CreateUserForm
          onDone={(user) => {
            setMode({ kind: "list" });
            if (user) setMessage(t("users.created", { email: user.email }));
          }}
        />
      ) : null}
      {mode.kind === "edit" ? (
        <EditUserForm
          key={mode.user.id}
          user={mode.user}
          isSelf={mode.user.id === me.id}
          onDone={(msg) => {
            setMode({ kind: "list" });
            setMessage(msg);
          }}
        />
      ) : null}
      {users.isError ? <Notice tone="error">{errorMessage(t, users.error)}</Notice> : null}
      {users.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <Table
          caption={t("users.title")}
          rows={rows}
          rowKey={(u) => u.id}
          empty={t("users.empty")}
          rowClassName={(u) => (u.disabled ? "row-muted" : undefined)}
          columns={[
            { key: "name", header: t("users.name"), cell: (u) => u.name },
            { key: "email", header: t("users.email"), cell: (u) => u.email },
            {
              key: "roles",
              header: t("users.roles"),
              cell: (u) => (
                <span className="badges">
                  {u.roles.map((r) => (
                    <Badge key={r}>{t(`roles.${r}`)}</Badge>
                  ))}
                </span>
              ),
            },
            {
              key: "totp",
              header: t("users.totp"),
              cell: (u) =>
                u.totpEnabled ? <Badge tone="good">{t("common.on")}</Badge> : <Badge>{t("common.off")}</Badge>,
            },
            {
              key: "status",
              header: t("users.status"),
              cell: (u) =>
                u.disabled ? (
                  <Badge tone="bad">{t("users.disabled")}</Badge>
                ) : (
                  <Badge tone="good">{t("users.active")}</Badge>
                ),
            },
            { key: "last", header: t("users.lastLogin"), cell: (u) => formatDateTime(u.lastLoginAt, i18n.language) },
            {
              key: "actions",
              header: <span className="visually-hidden">{t("common.actions")}</span>,
              className: "cell-actions",
              cell: (u) => (
                <Button
                  variant="quiet"
                  aria-label={t("users.editFor", { name: u.name })}
                  onClick={() => {
                    setMessage(null);
                    setMode({ kind: "edit", user: u });
                  }}
                >
                  {t("common.edit")}
                </Button>
              ),
            },
          ]}
        />
      )}
      {users.hasNextPage ? (
        <Button onClick={() => void users.fetchNextPage()} busy={users.isFetchingNextPage}>
          {t("common.more")}
        </Button>
      ) : null}
    </>
  );
}
