import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PgpKeyView } from "../../../../contract/correspondence.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { ConfirmButton } from "./ConfirmButton.js";
import { groupedFingerprint, hasExpired } from "./fingerprint.js";
import { PGP_KEYS_KEY, PgpKeyForm } from "./PgpKeyForm.js";

/** Admin: recipients' OpenPGP public keys; mail to an address with a key goes out encrypted. */
export function PgpKeysAdmin() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const keys = useQuery({
    queryKey: PGP_KEYS_KEY,
    queryFn: () => api<{ items: PgpKeyView[] }>("GET", "/pgp-keys"),
  });
  const remove = useMutation({
    mutationFn: (key: PgpKeyView) => api("DELETE", `/pgp-keys/${key.id}`),
    onSuccess: (_, key) => {
      setMessage(t("pgpKeysAdmin.deleted", { email: key.email }));
      void client.invalidateQueries({ queryKey: PGP_KEYS_KEY });
    },
  });
  const now = Date.now();
  const rows = [...(keys.data?.items ?? [])].sort((a, b) => a.email.localeCompare(b.email));

  return (
    <>
      <PageHeader title={t("pgpKeysAdmin.title")} />
      <p className="ws-intro">{t("pgpKeysAdmin.intro")}</p>
      {message ? <Notice tone="success">{message}</Notice> : null}
      {remove.isError ? <Notice tone="error">{errorMessage(t, remove.error)}</Notice> : null}
      <PgpKeyForm
        onAdded={(key) => {
          remove.reset();
          setMessage(t("pgpKeysAdmin.added", { email: key.email }));
        }}
      />
      <h2>{t("pgpKeysAdmin.listTitle")}</h2>
      {keys.isError ? <Notice tone="error">{errorMessage(t, keys.error)}</Notice> : null}
      {keys.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <Table
          caption={t("pgpKeysAdmin.listTitle")}
          rows={rows}
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
                  <Badge tone="bad">
                    {t("pgpKeysAdmin.expired", { at: formatDateTime(k.expiresAt, i18n.language) })}
                  </Badge>
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
            {
              key: "actions",
              header: <span className="visually-hidden">{t("common.actions")}</span>,
              className: "cell-actions",
              cell: (k) => (
                <ConfirmButton
                  label={t("pgpKeysAdmin.delete")}
                  name={t("pgpKeysAdmin.deleteFor", { email: k.email })}
                  question={t("pgpKeysAdmin.confirmDelete", { email: k.email })}
                  busy={remove.isPending && remove.variables.id === k.id}
                  onConfirm={() => {
                    setMessage(null);
                    remove.mutate(k);
                  }}
                />
              ),
            },
          ]}
        />
      )}
    </>
  );
}
