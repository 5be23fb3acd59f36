import { prng } from "./stats.js";

// Text in which every value is new: what a feed import or a large log of an attack looks like to the
// extractor, as opposed to mail and logs that repeat the same few hosts. Lines like the mixed corpus's
// (logs, JSON, mail headers, IOC lists, EDR lines, prose) but each address, name, hash and path is
// drawn once: about 250,000 distinct values in 50 MB. Deterministic, so every run reads the same text.

const random = prng(13);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
const hex = (n: number): string => {
  let out = "";
  for (let i = 0; i < n; i++) out += "0123456789abcdef"[int(16)];
  return out;
};

let counter = 0;
/** A number never handed out before (values are built from it, so none repeats). */
const next = (): number => ++counter;

/** A public IPv4 address, distinct for each n (a bijection on 32 bits, moved out of 0/8 and 127/8). */
function ip(n: number): string {
  const x = (Math.imul(n, 0x9e3779b1) + 0x7f4a7c15) >>> 0;
  const a = 1 + ((x >>> 24) % 223);
  return `${a === 127 ? 128 : a}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}`;
}

const SYLLABLES = "lo gin se cu re up da te ma il pay pal kon to bank id ser vi ce net cdn web app".split(" ");
const TLDS = ["com", "se", "net", "org", "ru", "info", "xyz", "top", "io", "co.uk", "shop", "online"];
function domain(n: number): string {
  const word = `${pick(SYLLABLES)}${pick(SYLLABLES)}-${pick(SYLLABLES)}`;
  return `${random() < 0.3 ? `${pick(["www", "mail", "cdn", "api"])}.` : ""}${word}${n.toString(36)}.${pick(TLDS)}`;
}

const PATHS = ["login", "auth", "wp-admin", "panel", "gate.php", "upload", "invoice", "track", "a/b/c", "dl"];
const url = (n: number): string => `https://${domain(n)}/${pick(PATHS)}/${n.toString(36)}?id=${int(1e6)}`;
const email = (n: number): string =>
  `${pick(["anna", "erik", "info", "support", "noreply"])}.${n.toString(36)}@${domain(n)}`;

const SWEDISH = (
  "vi har tagit emot en rapport om misstänkt intrång hos kommunen där angriparen skickade nätfiskemejl " +
  "till flera anställda och lösenord kan ha läckt incidenten är under utredning och vi återkommer med"
).split(" ");
const ENGLISH = (
  "the attacker used a phishing campaign against several employees credentials may have been exposed " +
  "the incident is being investigated and we will share more details as soon as possible please block"
).split(" ");

function prose(words: readonly string[]): string {
  const out = Array.from({ length: 10 + int(20) }, () => pick(words));
  if (random() < 0.2) out.splice(int(out.length), 0, domain(next()));
  return `${out.join(" ")}. `;
}

const PROSE: readonly (() => string)[] = [
  () => prose(SWEDISH) + prose(SWEDISH) + prose(SWEDISH) + "\n",
  () => prose(ENGLISH) + prose(ENGLISH) + prose(ENGLISH) + "\n",
  () => prose(ENGLISH) + prose(SWEDISH) + "\n",
];
const LINES: readonly (() => string)[] = [
  () =>
    `2026-03-01T12:${10 + int(50)}:${10 + int(50)}Z fw01 sshd[${int(99999)}]: Failed password for root from ${ip(next())} port ${1024 + int(60000)} ssh2\n`,
  () =>
    `${ip(next())} - - [01/Mar/2026:12:00:00 +0100] "GET /wp-login.php?redirect_to=${url(next())} HTTP/1.1" 200 ${int(9999)} "-" "Mozilla/5.0"\n`,
  () => `sha256: ${hex(64)}  dropper_${next().toString(36)}.exe\n`,
  () =>
    `{"ts":"2026-03-01T12:00:00Z","src_ip":"${ip(next())}","dst_port":443,"url":"${url(next())}","cve":"CVE-20${10 + int(16)}-${1000 + int(90000)}"}\n`,
  () => `Received: from ${domain(next())} ([${ip(next())}]) by mx.example.se; From: "Kundtjänst" <${email(next())}>\n`,
  () =>
    `hxxps://${domain(next()).replace(".", "[.]")}/login ${ip(next()).replace(/\./g, "[.]")} AS${1 + int(4_000_000)}\n`,
  () =>
    `EDR: C:\\Users\\u${next().toString(36)}\\AppData\\Local\\Temp\\${hex(6)}.dll loaded, sha1 ${hex(40)}, md5 ${hex(32)}\n`,
];

const PROSE_SHARE = 0.62;

/** About `megabytes` MB of text whose values are all distinct. */
export function freshText(megabytes: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < megabytes * 1e6) {
    // Prose between the value lines, as in reports: about 200 bytes of text per value.
    const line = random() < PROSE_SHARE ? pick(PROSE)() : pick(LINES)();
    parts.push(line);
    length += line.length;
  }
  return parts.join("");
}
