import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Organisation } from "../../../../contract/constituency.js";
import { type ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { ConfirmButton } from "../../../lib/ui/ConfirmButton.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { itemsPath, organisationHref, useRegistryChange } from "./api.js";
import { Provenance } from "./badges.js";

type Kind = "networks" | "asns" | "domains" | "url-prefixes";
const BODY_FIELD: Record<Kind, string> = {
  networks: "network",
  asns: "asn",
  domains: "domain",
  "url-prefixes": "prefix",
};
const KEY: Record<Kind, string> = {
  networks: "networks",
  asns: "asns",
  domains: "domains",
  "url-prefixes": "urlPrefixes",
};

interface Row {
  id: string;
  /** What is shown first (the network's CIDRs, the domain in Unicode…). */
  main: ReactNode;
  /** The plain text naming it, for the remove button's accessible name. */
  name: string;
  sub?: ReactNode;
  provenance: Parameters<typeof Provenance>[0];
}

/** What the organisation owns on the Internet: networks (as CIDRs), AS numbers, domains, URL prefixes. */
export function HoldingsPanel({ o, canEdit }: { o: Organisation; canEdit: boolean }) {
  const { t } = useTranslation();
  const networks: Row[] = o.networks.map((n) => ({
    id: n.id,
    name: n.label,
    main: (
      <span className="cy-cidrs">
        {n.cidrs.map((c) => (
          <code key={c}>{c}</code>
        ))}
      </span>
    ),
    sub: (
      <>
        {n.cidrs.length > 1 || n.cidrs[0] !== n.label ? <span className="muted">{n.label}</span> : null}
        {n.alsoClaimedBy.length > 0 ? (
          <span className="cy-claim">
            <Badge tone="warn">{t("constituency.holdings.doubleClaim")}</Badge>{" "}
            {n.alsoClaimedBy.map((c) => (
              <Link key={c.id} to={organisationHref(c.id)}>
                {c.name}
              </Link>
            ))}
          </span>
        ) : null}
      </>
    ),
    provenance: n,
  }));
  const asns: Row[] = o.asns.map((a) => ({
    id: a.id,
    name: `AS${a.asn}`,
    main: <code>AS{a.asn}</code>,
    provenance: a,
  }));
  const domains: Row[] = o.domains.map((d) => ({
    id: d.id,
    name: d.unicode ?? d.domain,
    main: <span>{d.unicode ?? d.domain}</span>,
    sub: d.unicode ? <code className="muted">{d.domain}</code> : undefined,
    provenance: d,
  }));
  const prefixes: Row[] = o.urlPrefixes.map((u) => ({
    id: u.id,
    name: u.prefix,
    main: <code>{u.prefix}</code>,
    provenance: u,
  }));
  return (
    <Section title={t("constituency.holdings.title")} id="cy-holdings">
      <HoldingList o={o} kind="networks" rows={networks} canEdit={canEdit} />
      <HoldingList o={o} kind="asns" rows={asns} canEdit={canEdit} />
      <HoldingList o={o} kind="domains" rows={domains} canEdit={canEdit} />
      <HoldingList o={o} kind="url-prefixes" rows={prefixes} canEdit={canEdit} />
    </Section>
  );
}

function HoldingList({ o, kind, rows, canEdit }: { o: Organisation; kind: Kind; rows: Row[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const key = KEY[kind];
  const remove = useRegistryChange((id: string) => api("DELETE", `${itemsPath(o.id, kind)}/${id}`));
  return (
    <div className="cy-holding">
      <h3>{t(`constituency.holdings.${key}`)}</h3>
      {remove.isError ? <Notice tone="error">{errorMessage(t, remove.error)}</Notice> : null}
      {rows.length === 0 ? (
        <p className="empty">{t(`constituency.holdings.no.${key}`)}</p>
      ) : (
        <ul className="plain-list cy-items">
          {rows.map((r) => (
            <li key={r.id}>
              <div className="cy-item-main">
                {r.main}
                {r.sub}
              </div>
              <Provenance {...r.provenance} />
              {canEdit ? (
                <ConfirmButton
                  label={t("constituency.remove")}
                  name={t("constituency.removeNamed", { name: r.name })}
                  question={t("constituency.removeQuestion", { name: r.name })}
                  busy={remove.isPending && remove.variables === r.id}
                  onConfirm={() => remove.mutate(r.id)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? <AddHolding o={o} kind={kind} /> : null}
    </div>
  );
}

function AddHolding({ o, kind }: { o: Organisation; kind: Kind }) {
  const { t } = useTranslation();
  const key = KEY[kind];
  const [text, setText] = useState("");
  const add = useRegistryChange((value: string) =>
    api("POST", itemsPath(o.id, kind), {
      [BODY_FIELD[kind]]: kind === "asns" ? Number(value.replace(/^AS/i, "")) : value,
    }),
  );
  const fieldError = (add.error as ApiError | null)?.fieldErrors[BODY_FIELD[kind]];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === "") return;
    add.mutate(text.trim(), { onSuccess: () => setText("") });
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <TextField
        label={t(`constituency.holdings.add.${key}`)}
        hint={t(`constituency.holdings.hint.${key}`)}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={fieldError ?? (add.isError ? errorMessage(t, add.error) : undefined)}
      />
      <Button type="submit" busy={add.isPending}>
        {t("constituency.add")}
      </Button>
    </form>
  );
}
