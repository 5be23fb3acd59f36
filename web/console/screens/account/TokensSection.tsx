import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { ApiTokenInfo } from "../../../lib/api/types.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { CopyButton } from "./CopyButton.js";

const TOKENS_KEY = ["auth", "tokens"] as const;

/** The person's own API tokens: create one (shown once), see when each was last used, revoke. */
export function TokensSection() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [label, setLabel] = useState("");
  const tokens = useQuery({
    queryKey: TOKENS_KEY,
    queryFn: () => api<{ items: ApiTokenInfo[] }>("GET", "/auth/tokens"),
  });
  const create = useMutation({
    mutationFn: () =>
      api<{ id: string; label: string; token: string }>("POST", "/auth/tokens", { label: label.trim() }),
    onSuccess: async () => {
      setLabel("");
      await client.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api("DELETE", `/auth/tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const labelError = create.error instanceof ApiError ? create.error.fieldErrors.label : undefined;

  return (
    <Section title={t("account.tokens.title")} id="tokens">
      <p className="muted">{t("account.tokens.help")}</p>
      {create.data ? (
        <Notice tone="success">
          <p>{t("account.tokens.created", { label: create.data.label })}</p>
          <p>
            <code className="secret" data-testid="new-token">
              {create.data.token}
            </code>
          </p>
          <CopyButton text={create.data.token} />
        </Notice>
      ) : null}
      {create.isError && !labelError ? <Notice tone="error">{errorMessage(t, create.error)}</Notice> : null}
      {revoke.isError ? <Notice tone="error">{errorMessage(t, revoke.error)}</Notice> : null}
      <form onSubmit={submit} className="inline-form">
        <TextField
          label={t("account.tokens.label")}
          name="label"
          required
          maxLength={100}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          hint={t("account.tokens.labelHint")}
          error={labelError}
        />
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t("account.tokens.create")}
        </Button>
      </form>
      {tokens.isError ? <Notice tone="error">{errorMessage(t, tokens.error)}</Notice> : null}
      <Table
        caption={t("account.tokens.title")}
        rows={tokens.data?.items ?? []}
        rowKey={(k) => k.id}
        empty={tokens.isPending ? t("common.loading") : t("account.tokens.empty")}
        rowClassName={(k) => (k.revokedAt ? "row-muted" : undefined)}
        columns={[
          { key: "label", header: t("account.tokens.label"), cell: (k) => k.label },
          {
            key: "created",
            header: t("account.tokens.createdAt"),
            className: "cell-nowrap",
            cell: (k) => formatDateTime(k.createdAt, i18n.language),
          },
          {
            key: "used",
            header: t("account.tokens.lastUsed"),
            className: "cell-nowrap",
            cell: (k) => formatDateTime(k.lastUsedAt, i18n.language),
          },
          {
            key: "state",
            header: t("users.status"),
            cell: (k) =>
              k.revokedAt ? (
                <Badge tone="bad">
                  {t("account.tokens.revokedAt", { at: formatDateTime(k.revokedAt, i18n.language) })}
                </Badge>
              ) : (
                <Badge tone="good">{t("users.active")}</Badge>
              ),
          },
          {
            key: "actions",
            header: <span className="visually-hidden">{t("common.actions")}</span>,
            className: "cell-actions",
            cell: (k) =>
              k.revokedAt ? null : (
                <Button
                  variant="danger"
                  onClick={() => revoke.mutate(k.id)}
                  busy={revoke.isPending && revoke.variables === k.id}
                  aria-label={t("account.tokens.revokeNamed", { label: k.label })}
                >
                  {t("account.tokens.revoke")}
                </Button>
              ),
          },
        ]}
      />
    </Section>
  );
}
