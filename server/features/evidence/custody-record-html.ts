import { createHash } from "node:crypto";
import type { CustodyEvent, FileCase, ReceivedVia } from "../../../contract/evidence.js";
import { type Html, html } from "../../platform/http/html.js";
import { RECORD_WORDS, type RecordLanguage, type RecordWords } from "./custody-record-words.js";

// The custody record as one printable HTML page: no script, one stylesheet (allowed by its hash in the
// page's CSP), A4 in print with the screen-only hint dropped. Every value is escaped by `html`.

const STYLE = `
:root { color: #111; background: #fff; font: 11pt/1.45 system-ui, sans-serif; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #999; }
.meta, .note { color: #333; } .hint { background: #eef3fa; border: 1px solid #9ab; padding: .5rem .75rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
code { font: 10pt ui-monospace, monospace; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; } .warn { color: #8a1c00; font-weight: 600; }
.sign { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2rem; margin-top: 2.5rem; }
.sign div { border-top: 1px solid #111; padding-top: .25rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  :root { font-size: 10pt; } body { max-width: none; padding: 0; } .hint { display: none; }
  tr, dl > * { break-inside: avoid; } h2 { break-after: avoid; }
}`;

// Kept out of the page's template (which a formatter may re-indent): the CSP hashes these exact bytes.
const STYLE_ELEMENT: Html = { html: `<style>${STYLE}</style>` };

/** The page's Content-Security-Policy: nothing loads or runs, the one stylesheet is allowed by its hash. */
export const RECORD_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export interface CustodyRecordData {
  certName: string;
  case: FileCase;
  producedAt: Date;
  producedBy: { name: string; email: string | null };
  file: {
    filename: string;
    kind: keyof RecordWords["kinds"];
    declaredType: string;
    detected: { mime: string | null; mismatch: boolean } | null;
    size: number;
    sha256: string;
    sha1: string | null;
    md5: string | null;
    sample: { reason: string } | null;
  };
  custody: CustodyEvent[];
}

/** `2026-03-01 12:34:56 UTC`: to the second, one zone for every reader. */
export function utc(at: Date | string): string {
  return `${new Date(at).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function personOf(by: CustodyEvent["by"]): string {
  if (!by) return "—";
  return by.email ? `${by.name} <${by.email}>` : by.name;
}

function receiptDetails(e: Extract<CustodyEvent, { event: "received" }>, w: RecordWords): Html {
  const r = e.receipt;
  const via: string = w.via[r.via satisfies ReceivedVia];
  const source = r.mailSource ? ` (${w.mailSource[r.mailSource]})` : "";
  const from = r.from ? [r.from.name, r.from.address ? `<${r.from.address}>` : null].filter(Boolean).join(" ") : null;
  const auth = r.mailAuth
    ? `SPF ${r.mailAuth.spf ?? "—"}, DKIM ${r.mailAuth.dkim ?? "—"}, DMARC ${r.mailAuth.dmarc ?? "—"}`
    : null;
  return html`${w.receivedVia}:
  ${via}${source}${from ? html`<br />${w.sender}: ${from}` : ""}${auth ? html`<br />${w.mailAuth}: ${auth}` : ""}`;
}

function eventDetails(e: CustodyEvent, w: RecordWords): Html | string {
  switch (e.event) {
    case "received":
      return receiptDetails(e, w);
    case "downloaded":
      return w.routes[e.route] ?? e.route;
    case "exported":
      return w.routes[e.format] ?? e.format;
    case "marked_sample":
    case "deleted":
      return html`${w.reason}: ${e.reason}`;
    case "custody_record":
      return html`${w.language}: ${e.language}`;
    case "verified":
      return e.intact ? w.intact : w.notIntact;
  }
}

/** The whole record as an HTML document in `language`. */
export function renderCustodyRecord(data: CustodyRecordData, language: RecordLanguage): string {
  const w = RECORD_WORDS[language];
  const f = data.file;
  const detected = f.detected?.mime
    ? html`<code>${f.detected.mime}</code
        >${f.detected.mismatch ? html` <span class="warn">(${w.mismatch})</span>` : ""}`
    : w.unknown;
  const rows = data.custody.map(
    (e) =>
      html`<tr>
        <td><code>${utc(e.at)}</code></td>
        <td>${w.eventNames[e.event]}</td>
        <td>${personOf(e.by)}</td>
        <td>${eventDetails(e, w)}</td>
      </tr>`,
  );
  const hash = (label: string, value: string | null) =>
    html`<dt>${label}</dt>
      <dd><code>${value ?? w.unknown}</code></dd>`;
  const page = html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${w.title} – ${f.filename} – ${data.case.reference}</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <main>
          <p class="meta">${data.certName}</p>
          <h1>${w.title}</h1>
          <p class="meta">
            ${w.caseReference}: <strong>${data.case.reference}</strong> (${w.caseKinds[data.case.kind]},
            ${data.case.tlp}) · ${w.produced} ${utc(data.producedAt)} ${w.by}
            ${personOf({ id: null, ...data.producedBy })}
          </p>
          <p class="hint">${w.printHint}</p>
          <h2>${w.file}</h2>
          <dl>
            <dt>${w.filename}</dt>
            <dd>${f.filename}</dd>
            <dt>${w.kind}</dt>
            <dd>${w.kinds[f.kind]}</dd>
            <dt>${w.declaredType}</dt>
            <dd><code>${f.declaredType || w.unknown}</code></dd>
            <dt>${w.detectedType}</dt>
            <dd>${detected}</dd>
            <dt>${w.size}</dt>
            <dd>${f.size.toLocaleString(language === "sv" ? "sv-SE" : "en-GB")} ${w.bytes}</dd>
            ${hash("SHA-256", f.sha256)}${hash("SHA-1", f.sha1)}${hash("MD5", f.md5)}
            <dt>${w.sample}</dt>
            <dd>
              ${f.sample ? html`<span class="warn">${w.sampleYes}</span><br />${w.reason}: ${f.sample.reason}` : w.sampleNo}
            </dd>
          </dl>
          <h2>${w.events}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">${w.time}</th>
                <th scope="col">${w.event}</th>
                <th scope="col">${w.person}</th>
                <th scope="col">${w.details}</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>
          <p class="note">${w.timesNote} ${w.integrityNote}</p>
          <div class="sign">
            <div>${w.signature}</div>
            <div>${w.signatureName}</div>
            <div>${w.signaturePlace}</div>
          </div>
        </main>
      </body>
    </html> `;
  return page.html;
}
