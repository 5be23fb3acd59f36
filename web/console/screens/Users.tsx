import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api/client.js";
import type { Me, Page, User } from "../../lib/api/types.js";
import { formatDateTime } from "../../lib/time.js";
import { Button } from "../../lib/ui/Button.js";
import { Badge } from "../../lib/ui/Notice.js";
import { AdminList, useAdminList } from "./admin/AdminList.js";
import { EditUserForm, InviteUserForm } from "./UserForms.js";

/** The status badge: invited (no password chosen yet), disabled or active. */
function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.disabled) return <Badge tone="bad">{t("users.disabled")}</Badge>;
  if (user.invited) return <Badge tone="warn">{t("invite.status")}</Badge>;
  return <Badge tone="good">{t("users.active")}</Badge>;
}

/** Admin: the staff list, with forms to invite a user and to change roles, send links or disable one. */
export function Users({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const state = useAdminList<User>();
  const users = useInfiniteQuery({
    queryKey: ["users"],
    queryFn: ({ pageParam }) => api<Page<User>>("GET", `/users${query({ limit: 100, cursor: pageParam })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  return (
    <AdminList
      state={state}
      title={t("users.title")}
      newLabel={t("invite.new")}
      editor={(mode) =>
        mode.kind === "create" ? (
          <InviteUserForm onDone={(user) => state.close(user ? t("invite.sent", { email: user.email }) : null)} />
        ) : (
          <EditUserForm key={mode.item.id} user={mode.item} isSelf={mode.item.id === me.id} onDone={state.close} />
        )
      }
      list={users}
      rows={users.data?.pages.flatMap((p) => p.items) ?? []}
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
          cell: (u) => (u.totpEnabled ? <Badge tone="good">{t("common.on")}</Badge> : <Badge>{t("common.off")}</Badge>),
        },
        { key: "status", header: t("users.status"), cell: (u) => <UserStatus user={u} /> },
        { key: "last", header: t("users.lastLogin"), cell: (u) => formatDateTime(u.lastLoginAt, i18n.language) },
      ]}
      editName={(u) => t("users.editFor", { name: u.name })}
      footer={
        users.hasNextPage ? (
          <Button onClick={() => void users.fetchNextPage()} busy={users.isFetchingNextPage}>
            {t("common.more")}
          </Button>
        ) : null
      }
    />
  );
}
