import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { IncidentStatus } from "../../../../contract/incidents.js";
import { ReportStatus } from "../../../../contract/intake.js";
import { displayValue } from "../../../../contract/idn.js";
import {
  type ObservableTag,
  type ObservableType,
  type SharedValue,
  type TypedValue,
  type WarningList,
  correlates,
} from "../../../../contract/observables.js";
import { Link } from "../../../lib/router.js";
import { Badge } from "../../../lib/ui/Notice.js";
import { observableHref, useWarningLists } from "./api.js";
import { tagHref } from "./index-params.js";

// Small pieces every observable screen shows the same way: a value as a chip, a verdict, a list's name.

/** A list's name in the reader's language: Fyr's own lists by their key, an admin's by what they typed. */
export function warningListName(t: TFunction, list: Pick<WarningList, "name" | "builtinKey">): string {
  return list.builtinKey ? t(`observables.builtin.${list.builtinKey}.name`, { defaultValue: list.name }) : list.name;
}

/** Names a list a value is on (the ref carries only id and stored name) in the reader's language. */
export function useWarningListName(): (ref: { id: string; name: string }) => string {
  const { t } = useTranslation();
  const lists = useWarningLists();
  const byId = new Map((lists.data?.items ?? []).map((l) => [l.id, l]));
  return (ref) => warningListName(t, byId.get(ref.id) ?? { name: ref.name, builtinKey: null });
}

/** A case's status in words (incident statuses and report statuses have their own). */
export function caseStatusLabel(t: TFunction, kind: string, status: string): string {
  if (kind === "incident" && IncidentStatus.safeParse(status).success) return t(`incidents.statuses.${status}`);
  if (kind === "report" && ReportStatus.safeParse(status).success) return t(`reports.statuses.${status}`);
  return status;
}

const TAG_TONE: Record<ObservableTag, "bad" | "good" | "neutral"> = {
  malicious: "bad",
  benign: "good",
  "false-positive": "neutral",
};

/** An analyst's verdict on a value, nothing when there is none. */
export function TagBadge({ tag }: { tag: ObservableTag | null }) {
  const { t } = useTranslation();
  if (tag === null) return null;
  return <Badge tone={TAG_TONE[tag]}>{t(`observables.tags.${tag}`)}</Badge>;
}

/** Why a value does not link cases: marked by an analyst, or on warning lists (named). */
export function StopBadges({
  doNotCorrelate,
  warningLists,
}: {
  doNotCorrelate: boolean;
  warningLists: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const listName = useWarningListName();
  return (
    <>
      {doNotCorrelate ? <Badge tone="warn">{t("observables.doNotCorrelate")}</Badge> : null}
      {warningLists.map((l) => (
        <Badge key={l.id} tone="warn">
          {t("observables.onList", { name: listName(l) })}
        </Badge>
      ))}
    </>
  );
}

/**
 * A value as people read it: a domain (also a URL's host, an e-mail address's domain) in Unicode, with
 * the stored punycode as its title and in `data-stored`, so the form Fyr matches on is one hover away.
 * A Unicode name can imitate another (Cyrillic "а" for Latin "a"): the dotted underline says there is a
 * stored form to check.
 */
export function ValueText({ value }: { value: TypedValue }) {
  const shown = displayValue(value.type, value.value);
  if (shown === value.value) return <>{value.value}</>;
  return (
    <span className="obs-idn" title={value.value} data-stored={value.value}>
      {shown}
    </span>
  );
}

/** Says that values of this type never link cases (UNCORRELATED_TYPES), nothing for other types. */
export function NeverCorrelatesBadge({ type }: { type: ObservableType }) {
  const { t } = useTranslation();
  if (correlates(type)) return null;
  return (
    <span className="obs-never" title={t("observables.neverCorrelatesHelp")}>
      <Badge>{t("observables.neverCorrelates")}</Badge>
    </span>
  );
}

/** A value as a chip: its type, the value, and the network it matched through; links to its page; then its tags. */
export function ValueChip({ value }: { value: SharedValue }) {
  const { t } = useTranslation();
  return (
    <>
      <Link to={observableHref(value)} className="obs-chip">
        <span className="obs-chip-type">{t(`observables.types.${value.type}`)}</span>
        <span className="obs-chip-value">
          <ValueText value={value} />
        </span>
        {value.via ? <span className="obs-chip-via">{t("observables.via", { value: value.via.value })}</span> : null}
      </Link>
      {value.tags && value.tags.length > 0 ? (
        <>
          {" "}
          <TagChips tags={value.tags} of={value.value} />
        </>
      ) : null}
    </>
  );
}

/** A value's tags as chips, each leading to every value with that tag; nothing when it has none. */
export function TagChips({ tags, of }: { tags: readonly string[]; of: string }) {
  const { t } = useTranslation();
  if (tags.length === 0) return null;
  return (
    <ul className="obs-tags" aria-label={t("observables.tagging.listOf", { value: of })}>
      {tags.map((tag) => (
        <li key={tag}>
          <Link to={tagHref(tag)} className="obs-tag" title={t("observables.tagging.filterBy", { tag })}>
            {tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}
