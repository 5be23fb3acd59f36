import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../../lib/api/types.js";

// The audit trail in words: who (a person's name, "Fyr (incoming mail)", "a reporter"), what happened
// ("Report acknowledged") and what it concerned ("report FYR-2026-00042", "user Anna Berg") — never the
// stored codes or ids. Every action the server writes has wording in both languages (audit-words.test.ts).

const SYSTEM_PREFIX = "system:";
const TOKEN_SUFFIX = " (token)";
/** Targets whose ids are references or names people recognise; other ids (UUIDs) stay out of sight. */
const READABLE_TARGET_IDS = new Set(["report", "incident", "case", "job", "notification", "notification_advice"]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The id people recognise for a target: a report's or incident's reference. Some features record an
 * incident by its internal id and carry the reference in the entry's details; an internal id is never shown.
 */
function readableTargetId(e: { targetType: string | null; targetId: string | null; diff?: unknown }): string | null {
  if (!e.targetType || !READABLE_TARGET_IDS.has(e.targetType) || !e.targetId) return null;
  if (!UUID.test(e.targetId)) return e.targetId;
  const reference =
    typeof e.diff === "object" && e.diff !== null ? (e.diff as { reference?: unknown }).reference : null;
  return typeof reference === "string" ? reference : null;
}

/** An action as words; one the console does not know yet reads as its words, not as a code. */
export function actionFallback(action: string): string {
  const words = action.replace(/[._]/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The three parts of an audit line in the reader's language. */
export function useAuditWords() {
  const { t } = useTranslation();
  return {
    action: (e: Pick<AuditEntry, "action">) =>
      t(`auditWords.actions.${e.action}`, { defaultValue: actionFallback(e.action) }),
    actor: (e: Pick<AuditEntry, "actor" | "actorName">) => {
      const token = e.actor.endsWith(TOKEN_SUFFIX) ? t("auditWords.viaToken") : "";
      if (e.actorName) return `${e.actorName}${token}`;
      if (e.actor === "anonymous") return t("auditWords.anonymous");
      if (e.actor.startsWith(SYSTEM_PREFIX)) {
        const name = e.actor.slice(SYSTEM_PREFIX.length);
        const what = t(`auditWords.systems.${name.startsWith("mail-") && name !== "mail-incident" ? "mail" : name}`, {
          defaultValue: "",
        });
        return what ? t("auditWords.system", { what }) : t("auditWords.systemPlain");
      }
      // A user since removed: their address is what is left.
      return e.actor;
    },
    target: (e: Pick<AuditEntry, "targetType" | "targetId" | "targetName"> & { diff?: unknown }) => {
      if (!e.targetType) return "";
      const kind = t(`auditWords.targets.${e.targetType}`, { defaultValue: actionFallback(e.targetType) });
      if (e.targetName) return `${kind} ${e.targetName}`;
      const readable = readableTargetId(e);
      return readable ? `${kind} ${readable}` : kind;
    },
  };
}

type Tree = { [key: string]: string | Tree };

/** Every action the console has words for, as [code, words], sorted by the words (the audit filter's choices). */
export function useKnownActions(): [string, string][] {
  const { t, i18n } = useTranslation();
  const bundle: unknown = i18n.getResourceBundle(i18n.language, "translation");
  const tree = (bundle as { auditWords?: { actions?: Tree } } | undefined)?.auditWords?.actions ?? {};
  const codes = (node: Tree, prefix: string): string[] =>
    Object.entries(node).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : codes(v, `${prefix}${k}.`)));
  return codes(tree, "")
    .map((code): [string, string] => [code, t(`auditWords.actions.${code}`)])
    .sort((a, b) => a[1].localeCompare(b[1], i18n.language));
}
