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
  path: string;
}

export interface ReadEvent {
  tlp: TlpLabel;
  attributes: number;
  values: ImportedValue[];
  skipped: { path: string; type: string; reason: "unsupported-type" }[];
  /** Values of a type Fyr keeps that are not valid values of it: the import refuses them, naming each. */
  errors: FieldError[];
}

function* attributesOf(event: MispEventInput["Event"]): Generator<[string, MispAttributeInput]> {
  for (const [i, a] of (event.Attribute ?? []).entries()) yield [`body.Event.Attribute.${i}`, a];
  for (const [o, object] of (event.Object ?? []).entries())
    for (const [i, a] of object.Attribute.entries()) yield [`body.Event.Object.${o}.Attribute.${i}`, a];
}

/** One part of a (possibly composite, "ip-dst|port") attribute as a Fyr value, or why not. */
function readPart(type: string, value: string): TypedValue | "unsupported" | "invalid" {
  const fyrType = FROM_MISP[type];
  if (fyrType === undefined) return "unsupported";
  const parsed = parseObservable(value.trim(), fyrType === "ip" ? undefined : fyrType);
  if (parsed === null || (fyrType === "ip" && parsed.type !== "ipv4" && parsed.type !== "ipv6")) return "invalid";
  return parsed;
}

/** The event's values with their TLP (the stricter of the event's and the attribute's tags). */
export function readMispEvent(input: MispEventInput): ReadEvent {
  const event = input.Event;
  const tlp = tlpOfTags(event.Tag) ?? UNLABELLED_TLP;
  const read: ReadEvent = { tlp, attributes: 0, values: [], skipped: [], errors: [] };
  for (const [path, a] of attributesOf(event)) {
    read.attributes += 1;
    const own = tlpOfTags(a.Tag);
    const valueTlp = strictestTlp(own ? [tlp, own] : [tlp]) ?? tlp;
    const types = a.type.split("|");
    const parts = types.length > 1 ? a.value.split("|") : [a.value];
    let kept = false;
    for (const [i, type] of types.entries()) {
      // "ip-dst|port": the port is no value of its own; "filename|md5": both are.
      const part = readPart(type, parts[i] ?? "");
      if (part === "unsupported") continue;
      if (part === "invalid") {
        read.errors.push({ path: `${path}.value`, message: `Not a valid ${type} value`, code: "invalid" });
        continue;
      }
      read.values.push({ value: part, tlp: valueTlp, path });
      kept = true;
    }
    if (!kept && !read.errors.some((e) => e.path === `${path}.value`))
      read.skipped.push({ path, type: a.type, reason: "unsupported-type" });
  }
  return read;
}
