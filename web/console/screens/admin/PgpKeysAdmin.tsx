import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { PgpKeyView } from "../../../../contract/correspondence.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { ConfirmButton } from "../../../lib/ui/ConfirmButton.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { AdminList, useAdminList } from "./AdminList.js";
import { groupedFingerprint, hasExpired } from "./fingerprint.js";
import { PGP_KEYS_KEY, PgpKeyForm } from "./PgpKeyForm.js";

/** Admin: recipients' OpenPGP public keys; mail to an address with a key goes out encrypted. */
export function PgpKeysAdmin() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  // Keys are added by the form always on the page, never edited: the list has no editor.
  const state = useAdminList<PgpKeyView>();
  const keys = useQuery({
    queryKey: PGP_KEYS_KEY,
    queryFn: () => api<{ items: PgpKeyView[] }>("GET", "/pgp-keys"),
  });
  const remove = useMutation({
    mutationFn: (key: PgpKeyView) => api("DELETE", `/pgp-keys/${key.id}`),
    onSuccess: (_, key) => {
      state.say(t("pgpKeysAdmin.deleted", { email: key.email }));
      void client.invalidateQueries({ queryKey: PGP_KEYS_KEY });
    },
  });
  const now = Date.now();

  return (
    <AdminList
      state={state}
      title={t("pgpKeysAdmin.title")}
      intro={t("pgpKeysAdmin.intro")}
      notices={remove.isError ? <Notice tone="error">{errorMessage(t, remove.error)}</Notice> : null}
      before={
        <>
          <PgpKeyForm
            onAdded={(key) => {
              remove.reset();
              state.say(t("pgpKeysAdmin.added", { email: key.email }));
            }}
          />
          <h2>{t("pgpKeysAdmin.listTitle")}</h2>
        </>
      }
      list={keys}
      caption={t("pgpKeysAdmin.listTitle")}
      rows={[...(keys.data?.items ?? [])].sort((a, b) => a.email.localeCompare(b.email))}
      rowKey={(k) => k.id}
      empty={t("pgpKeysAdmin.empty")}
      rowClassName={(k) => (hasExpired(k.expiresAt, now) ? "row-muted" : undefined)}
      columns={[
        {
          key: "email",
          header: t("pgpKeysAdmin.email"),
          cell: (k) => (
            <>
              <strong>{k.email}</strong>
              {k.userIds.map((uid) => (
                <span key={uid} className="cell-sub">
                  {uid}
                </span>
              ))}
            </>
          ),
        },
        {
          key: "fingerprint",
          header: t("pgpKeysAdmin.fingerprint"),
          className: "cell-fingerprint",
          cell: (k) => <code>{groupedFingerprint(k.fingerprint)}</code>,
        },
        {
          key: "expires",
          header: t("pgpKeysAdmin.expires"),
          className: "cell-nowrap",
          cell: (k) =>
            k.expiresAt === null ? (
              t("pgpKeysAdmin.never")
            ) : hasExpired(k.expiresAt, now) ? (
              <Badge tone="bad">{t("pgpKeysAdmin.expired", { at: formatDateTime(k.expiresAt, i18n.language) })}</Badge>
            ) : (
              formatDateTime(k.expiresAt, i18n.language)
            ),
        },
        {
          key: "added",
          header: t("pgpKeysAdmin.addedAt"),
          className: "cell-nowrap",
          cell: (k) => formatDateTime(k.createdAt, i18n.language),
        },
      ]}
      actions={(k) => (
        <ConfirmButton
          label={t("pgpKeysAdmin.delete")}
          name={t("pgpKeysAdmin.deleteFor", { email: k.email })}
          question={t("pgpKeysAdmin.confirmDelete", { email: k.email })}
          busy={remove.isPending && remove.variables.id === k.id}
          onConfirm={() => {
            state.say(null);
            remove.mutate(k);
          }}
        />
      )}
    />
  );
}
