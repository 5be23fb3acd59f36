import { useTranslation } from "react-i18next";
import type { YaraFileScan, YaraMatch } from "../../../../contract/yara.js";
import { Link } from "../../../lib/router.js";
import { Badge } from "../../../lib/ui/Notice.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { ruleHref } from "./api.js";

/** How many matched strings are listed before "and n more". */
const SHOWN_STRINGS = 5;

/** Where a rule matched in a file: each string's offset and length, and what matched when the reader may see it. */
export function MatchedStrings({ match }: { match: YaraMatch }) {
  const { t, i18n } = useTranslation();
  const number = (n: number) => new Intl.NumberFormat(i18n.language === "sv" ? "sv-SE" : "en-GB").format(n);
  const shown = match.strings.slice(0, SHOWN_STRINGS);
  const more = match.strings.length - shown.length;
  return (
    <>
      <ul className="plain-list yara-strings">
        {shown.map((s, i) => (
          <li key={`${s.offset}-${i}`}>
            {s.identifier ? <code>{s.identifier}</code> : null}{" "}
            {t("yara.match.at", { offset: number(s.offset), length: number(s.length) })}
            {s.hex !== null ? (
              <>
                {" "}
                <code className="yara-hex">{s.hex.replace(/(..)/g, "$1 ").trim()}</code>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {more > 0 || match.truncated ? (
        <p className="cell-sub">{t("yara.match.more", { count: Math.max(more, 1) })}</p>
      ) : null}
      {match.strings.some((s) => s.hex === null) ? <p className="cell-sub">{t("yara.match.restricted")}</p> : null}
    </>
  );
}

/** One match: the rule (a link), its TLP, whether it was found with the rule's current text, and where. */
export function MatchSummary({ match }: { match: YaraMatch }) {
  const { t } = useTranslation();
  return (
    <div className="yara-match">
      <div className="yara-match-head">
        <Link to={ruleHref(match.rule.id)}>{match.rule.name}</Link> <TlpBadge label={match.rule.tlp} />{" "}
        {match.current ? null : <Badge>{t("yara.match.olderVersion", { version: match.ruleVersion })}</Badge>}
      </div>
      <MatchedStrings match={match} />
    </div>
  );
}

/** A file's scan in a word: matched, clean, waiting, not scanned and why. */
export function ScanBadge({ file }: { file: YaraFileScan }) {
  const { t } = useTranslation();
  if (file.matches.length > 0)
    return <Badge tone="bad">{t("yara.scan.matched", { count: file.matches.length })}</Badge>;
  switch (file.outcome) {
    case null:
      return <Badge>{t("yara.scan.waiting")}</Badge>;
    case "scanned":
      return <Badge tone="good">{file.current ? t("yara.scan.clean") : t("yara.scan.cleanEarlier")}</Badge>;
    case "too_large":
    case "timed_out":
    case "failed":
    case "missing":
      return <Badge tone="warn">{t(`yara.scan.${file.outcome}`)}</Badge>;
  }
}
