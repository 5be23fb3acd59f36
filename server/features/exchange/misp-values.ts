import type { MispAttributeInput, MispEventInput } from "../../../contract/misp.js";
import type { ObservableType, TypedValue } from "../../../contract/observables.js";
import type { TlpLabel } from "../../../contract/intake.js";
import type { FieldError } from "../../platform/errors.js";
import { strictestTlp } from "../../platform/tlp.js";
import { parseObservable } from "../observables/extract/index.js";

// Reading a MISP event (pure): its attributes as Fyr's values, and the TLP each carries from its tags.

/** MISP attribute types Fyr keeps, as the Fyr type (undefined: recognise the value, e.g. ip-dst). */
const FROM_MISP: Record<string, ObservableType | "ip"> = {
  "ip-dst": "ip",
  "ip-src": "ip",
  ip: "ip",
  domain: "domain",
  hostname: "domain",
  url: "url",
  uri: "url",
  link: "url",
  "email-src": "email",
  "email-dst": "email",
  email: "email",
  md5: "md5",
  sha1: "sha1",
  sha256: "sha256",
  sha512: "sha512",
  ssdeep: "ssdeep",
  tlsh: "tlsh",
  filename: "filename",
  regkey: "regkey",
  "mac-address": "mac",
  AS: "asn",
  btc: "btc",
  xmr: "xmr",
  "ja3-fingerprint-md5": "ja3",
  vulnerability: "cve",
};

/** The TLP of MISP's `tlp:` tags (any case; tlp:white is TLP:CLEAR), the strictest if several. */
export function tlpOfTags(tags: readonly { name: string }[] | undefined): TlpLabel | null {
  const found: TlpLabel[] = [];
  for (const { name } of tags ?? []) {
    const m = /^tlp:\s*(clear|white|green|amber\+strict|amber|red)$/i.exec(name.trim());
    const level = m?.[1]?.toUpperCase();
    if (level) found.push(level === "WHITE" ? "TLP:CLEAR" : (`TLP:${level}` as TlpLabel));
  }
  return strictestTlp(found);
}

/** An event without a tlp: tag is taken as TLP:AMBER: nothing says it may go wider. */
export const UNLABELLED_TLP: TlpLabel = "TLP:AMBER";

export interface ImportedValue {
  value: TypedValue;
  tlp: TlpLabel;
}

export interface ReadEvent {
  tlp: TlpLabel;
  attributes: number;
  values: ImportedValue[];
  skipped: { path: string; type: string; reason: "unsupported-type" }[];
  /** Values of a type Fyr keeps that are not valid values of it: the import refuses them, naming each. */
  errors: FieldError[];
}

/** One part of a (possibly composite, "ip-dst|port") attribute as a Fyr value, or why not. */
function readPart(type: string, value: string): TypedValue | "unsupported" | "invalid" {
  const fyrType = FROM_MISP[type];
  if (fyrType === undefined) return "unsupported";
  const parsed = parseObservable(value.trim(), fyrType === "ip" ? undefined : fyrType);
  if (parsed === null || (fyrType === "ip" && parsed.type !== "ipv4" && parsed.type !== "ipv6")) return "invalid";
  return parsed;
}

const MAX_ERRORS = 100;

/**
 * Reads attributes one at a time (an upload streams them; the event's tags may come after them, as in
 * MISP's own files), keeping only each value and its own TLP; `finish` applies the event's TLP.
 */
export class MispEventReader {
  attributes = 0;
  private readonly values: { value: TypedValue; own: TlpLabel | null }[] = [];
  readonly skipped: ReadEvent["skipped"] = [];
  readonly errors: FieldError[] = [];

  /** A field error of the event (schema), kept up to a hundred. */
  refuse(errors: readonly FieldError[]): void {
    for (const e of errors) if (this.errors.length < MAX_ERRORS) this.errors.push(e);
  }

  add(path: string, a: MispAttributeInput): void {
    this.attributes += 1;
    const own = tlpOfTags(a.Tag);
    const types = a.type.split("|");
    const parts = types.length > 1 ? a.value.split("|") : [a.value];
    let kept = false;
    let refused = false;
    for (const [i, type] of types.entries()) {
      // "ip-dst|port": the port is no value of its own; "filename|md5": both are.
      const part = readPart(type, parts[i] ?? "");
      if (part === "unsupported") continue;
      if (part === "invalid") {
        if (!refused) this.refuse([{ path: `${path}.value`, message: `Not a valid ${type} value`, code: "invalid" }]);
        refused = true;
        continue;
      }
      this.values.push({ value: part, own });
      kept = true;
    }
    if (!kept && !refused) this.skipped.push({ path, type: a.type, reason: "unsupported-type" });
  }

  /** The values with their TLP: the stricter of the event's and the attribute's tags. */
  finish(eventTags: readonly { name: string }[] | undefined): ReadEvent {
    const tlp = tlpOfTags(eventTags) ?? UNLABELLED_TLP;
    return {
      tlp,
      attributes: this.attributes,
      values: this.values.map((v) => ({ value: v.value, tlp: strictestTlp(v.own ? [tlp, v.own] : [tlp]) ?? tlp })),
      skipped: this.skipped,
      errors: this.errors,
    };
  }
}

/** A whole parsed event (a feed pull's). */
export function readMispEvent(input: MispEventInput): ReadEvent {
  const reader = new MispEventReader();
  const event = input.Event;
  for (const [i, a] of (event.Attribute ?? []).entries()) reader.add(`body.Event.Attribute.${i}`, a);
  for (const [o, object] of (event.Object ?? []).entries())
    for (const [i, a] of object.Attribute.entries()) reader.add(`body.Event.Object.${o}.Attribute.${i}`, a);
  return reader.finish(event.Tag);
}
