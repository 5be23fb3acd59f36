import type { Material, PostCreate } from "../../../contract/coordination.js";
import type { TlpLabel } from "../../../contract/intake.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { ReportConsent } from "../../platform/db/tables/coordination.js";
import { getReport } from "../intake/report-detail.js";
import { listCaseObservables } from "../observables/case-observables.js";
import { materialMayReach } from "./consent.js";
import type { CaseRow, ParticipantRow } from "./cases-store.js";
import type { MaterialRow } from "./posts-store.js";

// Report material on a post: copied from the report when attached (through intake's and observables'
// services, as the coordinator may see the report), with the reporter's consent; on every read, each
// part goes only to the recipients the sharing decision lets it reach (consent.ts). Staff see every part
// with whom it is kept from and why.

interface MaterialContent {
  text: string | null;
  values: { type: string; value: string }[];
  files: { filename: string; sha256: string; size: number }[];
}

/** The material rows to store for a post (the report read as the coordinator sees it; 404 otherwise). */
export async function gatherMaterial(
  ctx: ServiceContext & { config: Config },
  items: PostCreate["material"],
): Promise<
  { report_reference: string; kind: Material["kind"]; report_tlp: TlpLabel; consent: string; content: string }[]
> {
  const rows = [];
  for (const item of items) {
    const report = await getReport(ctx, item.report);
    const c = report.answers.sharingConsent;
    const consent: ReportConsent = { information: c.information, data: c.data, logs: c.logs };
    for (const kind of new Set(item.kinds)) {
      const content: MaterialContent = { text: null, values: [], files: [] };
      if (kind === "text")
        content.text = [report.answers.summary, report.answers.whatHappened].filter(Boolean).join("\n\n");
      if (kind === "observables") {
        const list = await listCaseObservables(ctx, "report", report.reference);
        content.values = list.items.map((o) => ({ type: o.type, value: o.value }));
      }
      if (kind === "files")
        content.files = report.attachments.map((a) => ({ filename: a.filename, sha256: a.sha256, size: a.size }));
      rows.push({
        report_reference: report.reference,
        kind,
        report_tlp: report.answers.tlp,
        consent: JSON.stringify(consent),
        content: JSON.stringify(content),
      });
    }
  }
  return rows;
}

function contentOf(row: MaterialRow): MaterialContent {
  const c = row.content as Partial<MaterialContent>;
  return { text: c.text ?? null, values: c.values ?? [], files: c.files ?? [] };
}

/** The post a part travels on: its TLP, and the participants it names (none: to all). */
export interface Carrier {
  tlp: TlpLabel;
  named: readonly string[];
}

/** The sharing decision for one part and one participant. */
export function verdict(row: MaterialRow, participant: ParticipantRow, c: CaseRow, post: Carrier) {
  return materialMayReach(
    { kind: row.kind, reportTlp: row.report_tlp, postTlp: post.tlp, consent: row.consent },
    {
      caseId: c.id,
      organisationId: participant.organisation_id,
      role: participant.role,
      named: post.named.includes(participant.id),
    },
  );
}

const base = (row: MaterialRow) => ({
  id: row.id,
  report: row.report_reference,
  kind: row.kind,
  consent: row.consent,
  ...contentOf(row),
});

/** Staff: every part, with the recipients it is withheld from and why. */
export function presentMaterialForStaff(
  rows: readonly MaterialRow[],
  recipients: readonly ParticipantRow[],
  c: CaseRow,
  post: Carrier,
): Material[] {
  return rows.map((row) => ({
    ...base(row),
    withheld: recipients.flatMap((p) => {
      const v = verdict(row, p, c, post);
      return v.allowed ? [] : [{ participantId: p.id, reason: v.reason }];
    }),
  }));
}

/** A participant: only the parts the decision lets reach it; the rest is not mentioned. */
export function presentMaterialForParticipant(
  rows: readonly MaterialRow[],
  participant: ParticipantRow,
  c: CaseRow,
  post: Carrier,
): Material[] {
  return rows.filter((row) => verdict(row, participant, c, post).allowed).map(base);
}
