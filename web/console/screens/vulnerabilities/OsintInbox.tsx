import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { OsintItem, OsintSource } from "../../../../contract/osint.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { ApiError } from "../../../lib/api/client.js";
import type { Me } from "../../../lib/api/types.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { mayWorkVulnerabilities, useOsintChange, useOsintItems, useOsintSources, vulnerabilityHref } from "./api.js";
import { advisoryHref } from "../advisories/api.js";
import "./vulnerabilities.css";

/** News from vendors' and CERTs' feeds: read, dismiss, or turn into an advisory draft; each source's health. */
export function OsintInbox({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState("inbox");
  const items = useOsintItems(status);
  const change = useOsintChange();
  const canWork = mayWorkVulnerabilities(me);
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  const failed = change.mark.error ?? change.use.error;
  return (
    <>
      <PageHeader title={t("osint.title")} />
      <p className="ws-intro">{t("osint.intro")}</p>
      <Section title={t("osint.inbox")} id="osint-inbox">
        <SelectField
          label={t("osint.show")}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          options={(["inbox", "new", "dismissed", "all"] as const).map((s) => ({
            value: s,
            label: t(`osint.statuses.${s}`),
          }))}
        />
        {failed ? <Notice tone="error">{errorMessage(t, failed)}</Notice> : null}
        {change.use.data?.usedFor === "weekly-letter" ? (
          <Notice tone="success">
            {t("osint.addedToWeekly")}{" "}
            <Link to={advisoryHref(change.use.data.advisory.id)}>{change.use.data.advisory.trackingId}</Link>
          </Notice>
        ) : null}
        {items.isError ? <Notice tone="error">{errorMessage(t, items.error)}</Notice> : null}
        {items.isPending ? <p role="status">{t("common.loading")}</p> : null}
        {items.data && rows.length === 0 ? <p className="empty">{t("osint.empty")}</p> : null}
        <ul className="plain-list">
          {rows.map((item) => (
            <Item key={item.id} item={item} canWork={canWork} change={change} />
          ))}
        </ul>
        {items.hasNextPage ? (
          <Button busy={items.isFetchingNextPage} onClick={() => void items.fetchNextPage()}>
            {t("common.more")}
          </Button>
        ) : null}
      </Section>
      <Sources canWork={canWork} />
    </>
  );
}

function Item({
  item,
  canWork,
  change,
}: {
  item: OsintItem;
  canWork: boolean;
  change: ReturnType<typeof useOsintChange>;
}) {
  const { t, i18n } = useTranslation();
  const mark = (status: OsintItem["status"]) => change.mark.mutate({ id: item.id, status });
  return (
    <li className="vu-item" aria-label={item.title}>
      <h3>
        {item.link ? (
          <a href={item.link} rel="noreferrer noopener" target="_blank">
            {item.title}
          </a>
        ) : (
          item.title
        )}
      </h3>
      <span className="muted">
        {item.source.name} · {formatDateTime(item.publishedAt ?? item.fetchedAt, i18n.language)}
      </span>{" "}
      {item.status === "new" ? <Badge tone="warn">{t("osint.statuses.new")}</Badge> : null}
      {item.status === "dismissed" ? <Badge>{t("osint.statuses.dismissed")}</Badge> : null}
      {item.usedFor ? <Badge tone="good">{t(`osint.used.${item.usedFor}`)}</Badge> : null}
      {item.summary ? <p>{item.summary}</p> : null}
      {item.cves.length > 0 ? (
        <p>
          {item.cves.map((cve) => (
            <span key={cve}>
              <Link to={vulnerabilityHref(cve)}>{cve}</Link>{" "}
            </span>
          ))}
        </p>
      ) : null}
      {canWork ? (
        <div className="vu-item-actions">
          {item.status === "new" ? <Button onClick={() => mark("read")}>{t("osint.markRead")}</Button> : null}
          {item.status !== "dismissed" ? (
            <Button variant="quiet" onClick={() => mark("dismissed")}>
              {t("osint.dismiss")}
            </Button>
          ) : (
            <Button variant="quiet" onClick={() => mark("new")}>
              {t("osint.restore")}
            </Button>
          )}
          {item.usedFor === null ? (
            <>
              <Button
                busy={
                  change.use.isPending &&
                  change.use.variables?.id === item.id &&
                  change.use.variables.for === "advisory-draft"
                }
                onClick={() => change.use.mutate({ id: item.id, for: "advisory-draft" })}
              >
                {t("osint.toDraft")}
              </Button>
              <Button
                busy={
                  change.use.isPending &&
                  change.use.variables?.id === item.id &&
                  change.use.variables.for === "weekly-letter"
                }
                onClick={() => change.use.mutate({ id: item.id, for: "weekly-letter" })}
              >
                {t("osint.toWeekly")}
              </Button>
            </>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function Sources({ canWork }: { canWork: boolean }) {
  const { t, i18n } = useTranslation();
  const sources = useOsintSources();
  const change = useOsintChange();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const errors = change.addSource.error instanceof ApiError ? change.addSource.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.addSource.mutate(
      { name: name.trim(), url: url.trim() },
      {
        onSuccess: () => {
          setName("");
          setUrl("");
        },
      },
    );
  };
  return (
    <Section title={t("osint.sources.title")} id="osint-sources">
      {sources.data ? (
        <Table<OsintSource>
          caption={t("osint.sources.title")}
          rows={sources.data.items}
          rowKey={(s) => s.id}
          empty={t("osint.sources.empty")}
          columns={[
            {
              key: "name",
              header: t("osint.sources.name"),
              cell: (s) => (
                <>
                  {s.name}
                  <span className="cell-sub">{s.url}</span>
                </>
              ),
            },
            {
              key: "fetch",
              header: t("osint.sources.lastFetch"),
              className: "cell-nowrap",
              cell: (s) =>
                s.health.lastFetchAt ? formatDateTime(s.health.lastFetchAt, i18n.language) : t("osint.sources.never"),
            },
            {
              key: "health",
              header: t("osint.sources.health"),
              cell: (s) =>
                !s.enabled ? (
                  <Badge>{t("osint.sources.off")}</Badge>
                ) : s.health.lastError ? (
                  <>
                    <Badge tone="bad">{t("osint.sources.failing")}</Badge>{" "}
                    <span className="cell-sub">{s.health.lastError}</span>
                  </>
                ) : (
                  <Badge tone="good">{t("osint.sources.ok")}</Badge>
                ),
            },
            { key: "items", header: t("osint.sources.items"), className: "cell-num", cell: (s) => s.health.items },
            ...(canWork
              ? [
                  {
                    key: "toggle",
                    header: t("common.actions"),
                    cell: (s: OsintSource) => (
                      <Button
                        variant="quiet"
                        onClick={() => change.toggleSource.mutate({ id: s.id, enabled: !s.enabled })}
                      >
                        {s.enabled ? t("osint.sources.turnOff") : t("osint.sources.turnOn")}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {canWork ? (
        <form onSubmit={submit} noValidate className="vu-filters">
          {change.addSource.isError && Object.keys(errors).length === 0 ? (
            <Notice tone="error">{errorMessage(t, change.addSource.error)}</Notice>
          ) : null}
          <TextField
            label={t("osint.sources.name")}
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextField
            label={t("osint.sources.url")}
            value={url}
            error={errors.url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <Button type="submit" busy={change.addSource.isPending}>
            {t("osint.sources.add")}
          </Button>
        </form>
      ) : null}
    </Section>
  );
}
