import { useTranslation } from "react-i18next";
import type { TimelineEntry } from "../../../../contract/incidents.js";

const text = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "");

// The incident fields a "field" event can name, and the label each is shown with.
const FIELD_LABELS: Record<string, string> = {
  title: "incidents.fields.title",
  severity: "incidents.fields.severity",
  classification: "incidents.fields.classification",
  sectors: "incidents.fields.sectors",
  affectedOrganisations: "incidents.fields.affected",
  resolution: "incidents.resolution.title",
  containedAt: "incidents.kpis.containedAt",
};

/**
 * One line saying what a timeline entry is ("Status: Open → Resolved", "Report FYR-… linked"),
 * in the reader's language, from the entry's kind and its structured data.
 */
export function useEventSummary(): (e: TimelineEntry) => string {
  const { t } = useTranslation();
  return (e) => {
    const d = e.data;
    switch (e.kind) {
      case "status": {
        const word = (s: unknown) => (text(s) ? t(`incidents.statuses.${text(s)}`) : "—");
        return t("incidents.timeline.kinds.status", { from: word(d.from), to: word(d.to) });
      }
      case "report_linked":
      case "report_unlinked":
        return t(`incidents.timeline.kinds.${e.kind}`, { report: text(d.report ?? d.reference) });
      case "assignment":
        return t("incidents.timeline.kinds.assignment", {
          name: text(d.toName ?? d.name) || t("incidents.unassigned"),
        });
      case "field": {
        const field = text(d.field);
        const label = field in FIELD_LABELS ? t(FIELD_LABELS[field] ?? "") : field.toUpperCase();
        const value = (v: unknown) => {
          if (field === "severity" && text(v)) return t(`incidents.severities.${text(v)}`);
          if (v && typeof v === "object" && "class" in v && "type" in v)
            return `${t(`rsit.classes.${text(v.class)}`)} / ${t(`rsit.types.${text(v.type)}`)}`;
          return Array.isArray(v) ? v.map(text).join(", ") : text(v) || "—";
        };
        return t("incidents.timeline.kinds.field", { field: label, from: value(d.from), to: value(d.to) });
      }
      case "member": {
        // Added by the server itself when someone opened a TLP:RED incident or linked a report into one.
        const key =
          d.action === "removed"
            ? "memberRemoved"
            : d.reason === "created"
              ? "memberByCreating"
              : d.reason === "linked_report"
                ? "memberByLinking"
                : "memberAdded";
        return t(`incidents.timeline.${key}`, { name: text(d.name) });
      }
      case "message_out":
      case "message_in":
      case "task":
      case "playbook":
      case "attachment":
        return [t(`incidents.timeline.kinds.${e.kind}`), text(d.subject ?? d.field ?? d.title ?? d.filename ?? d.name)]
          .filter(Boolean)
          .join(": ");
      case "yara_match":
        return [
          t("incidents.timeline.kinds.yara_match", { rule: text(d.ruleName), file: text(d.filename) }),
          text(d.report),
        ]
          .filter(Boolean)
          .join(" · ");
      case "note":
      case "created":
      case "reporter_message":
      case "cert_message":
        return [t(`incidents.timeline.kinds.${e.kind}`), text(d.report)].filter(Boolean).join(" · ");
      default: {
        const never: never = e.kind;
        return text(never);
      }
    }
  };
}
