// Delivery status notifications (RFC 3464, in a multipart/report of RFC 6522): which recipients failed,
// with what status, and the Message-ID of the message that bounced (from its returned message or
// headers). Bounded and forgiving: a DSN is machine-written but arrives from anywhere; anything that
// does not read as one is "not a DSN" (null), never an error.

export interface DsnRecipient {
  /** The final recipient's address, lower case. */
  address: string;
  /** failed | delayed | delivered | relayed | expanded */
  action: string;
  /** The RFC 3463 status, e.g. "5.1.1". */
  status: string;
  diagnostic: string | null;
}

export interface Dsn {
  recipients: DsnRecipient[];
  /** The bounced message's Message-ID, with its angle brackets. */
  originalMessageId: string | null;
}

const MAX_BYTES = 2_000_000;

function unfold(block: string): string {
  return block.replace(/\r?\n[ \t]+/g, " ");
}

/** Header fields of a block (lower-case names; the first of each). */
function fields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of unfold(block).split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!out.has(name)) out.set(name, line.slice(colon + 1).trim());
  }
  return out;
}

function param(value: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(value);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function splitHead(text: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { head: text, body: "" };
  return { head: text.slice(0, m.index), body: text.slice(m.index + m[0].length) };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? "").trim().toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    case "quoted-printable":
      return body
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    default:
      return body;
  }
}

interface Part {
  type: string;
  body: string;
}

/** The parts of a multipart entity, nested multiparts walked (two levels: some MTAs wrap the report). */
function parts(head: Map<string, string>, body: string, depth: number): Part[] {
  const type = head.get("content-type") ?? "text/plain";
  const mediaType = (type.split(";")[0] ?? "").trim().toLowerCase();
  if (!mediaType.startsWith("multipart/")) {
    return [{ type: mediaType, body: decodeBody(body, head.get("content-transfer-encoding")) }];
  }
  const boundary = param(type, "boundary");
  if (!boundary || depth > 2) return [];
  const out: Part[] = [];
  const chunks = body.split(`--${boundary}`);
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith("--")) break;
    const { head: h, body: b } = splitHead(chunk.replace(/^\r?\n/, ""));
    out.push(...parts(fields(h), b, depth + 1));
  }
  return out;
}

/** Reads a DSN from a raw message; null when it is none (no message/delivery-status part). */
export function parseDsn(raw: Buffer): Dsn | null {
  const text = raw.subarray(0, MAX_BYTES).toString("latin1");
  const { head, body } = splitHead(text);
  const all = parts(fields(head), body, 0);
  const status = all.find((p) => p.type === "message/delivery-status" || p.type === "message/global-delivery-status");
  if (!status) return null;
  // The per-message block first, then one block per recipient (RFC 3464 §2.1), blank lines between.
  const blocks = status.body.split(/\r?\n\s*\r?\n/).map(fields);
  const recipients: DsnRecipient[] = [];
  for (const b of blocks) {
    const recipient = b.get("final-recipient") ?? b.get("original-recipient");
    const action = b.get("action");
    if (!recipient || !action) continue;
    const address = (recipient.includes(";") ? recipient.slice(recipient.indexOf(";") + 1) : recipient)
      .trim()
      .replace(/^<|>$/g, "")
      .toLowerCase();
    recipients.push({
      address,
      action: action.toLowerCase(),
      status: (b.get("status") ?? "").split(/\s/)[0] ?? "",
      diagnostic: b.get("diagnostic-code") ?? null,
    });
  }
  const original = all.find(
    (p) => p.type === "message/rfc822" || p.type === "text/rfc822-headers" || p.type === "message/global-headers",
  );
  const originalId = original
    ? /<[^<>\s]+>/.exec(fields(splitHead(original.body).head).get("message-id") ?? "")?.[0]
    : undefined;
  return { recipients, originalMessageId: originalId ?? null };
}

/** A permanent failure: action failed with a 5.x.x status (4.x.x and "delayed" are tried again by the MTA). */
export function isHardBounce(r: DsnRecipient): boolean {
  return r.action === "failed" && r.status.startsWith("5.");
}
