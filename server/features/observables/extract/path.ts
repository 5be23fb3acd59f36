import type { TypedValue } from "../../../../contract/observables.js";
import { isHardDelimiter } from "./characters.js";
import { parseFileName } from "./file-name.js";
import { formatIPv4, parseIPv4 } from "./ip.js";
import { hostValue } from "./url.js";

// File paths and registry keys. Windows paths start at a drive (C:\), an environment variable
// (%APPDATA%\) or a share (\\host\share); registry keys at a hive (HKLM\, HKEY_CURRENT_USER\, HKCU:\
// in PowerShell, \REGISTRY\MACHINE\ as the kernel writes it). Unix paths only under the system's own
// roots: any other absolute path in a log is as likely a web path. A path can hold spaces
// ("Program Files (x86)\…", "Start Menu\Programs\…"): a word that continues it with a backslash a
// few words on, or the closing quote of a quoted path, takes it across. Every look is bounded (a few
// words, one line), so a path costs its length plus a constant.

const HIVES: Record<string, string> = {
  hklm: "HKEY_LOCAL_MACHINE",
  hkcu: "HKEY_CURRENT_USER",
  hkcr: "HKEY_CLASSES_ROOT",
  hku: "HKEY_USERS",
  hkcc: "HKEY_CURRENT_CONFIG",
  hkey_local_machine: "HKEY_LOCAL_MACHINE",
  hkey_current_user: "HKEY_CURRENT_USER",
  hkey_classes_root: "HKEY_CLASSES_ROOT",
  hkey_users: "HKEY_USERS",
  hkey_current_config: "HKEY_CURRENT_CONFIG",
  hkey_performance_data: "HKEY_PERFORMANCE_DATA",
  "\\registry\\machine": "HKEY_LOCAL_MACHINE",
  "\\registry\\user": "HKEY_USERS",
};

// Where a path or key starts inside a token (its "root" is group 1); one alternation, tried once per token.
const WINDOWS_START =
  /(?:^|[^A-Za-z0-9])((?:Registry::)?(?:HKEY_(?:LOCAL_MACHINE|CURRENT_USER|CLASSES_ROOT|USERS|CURRENT_CONFIG|PERFORMANCE_DATA)|HK(?:LM|CU|CR|CC|U)):?\\+|\\+REGISTRY\\+(?:MACHINE|USER)\\+|[A-Za-z]:(?:\\+|\/)(?=[^\\/\s])|%[A-Za-z_][A-Za-z0-9_()]{0,30}%\\+)/i;
/** A share: two backslashes (four in escaped text) and a host, at the token's start or after = ( or :. */
const UNC_START = /^(?:|.*?[=(])(\\\\(?:\\\\)?)(?=[A-Za-z0-9_.$-]+\\)/;
const UNIX_ROOTS = new Set(
  (
    "bin boot dev etc home lib lib32 lib64 media mnt opt proc root run sbin srv sys tmp usr var " +
    "Library Users System Applications private Volumes"
  ).split(" "),
);
/** Devices that are no evidence of anything. */
const NOT_FILES = /^\/dev\/(?:null|zero|random|urandom|full|tty\d*|stdin|stdout|stderr|fd\/\d+)$/;
const DEV_NET = /^\/dev\/(?:tcp|udp)\/([^/]+)\//;

const MAX_WORDS = 3;
const MAX_LOOK = 100;
/** Characters that end a Windows path inside a token. */
const WINDOWS_END = new Set([..."*?;"]);
const TRAILING = ".,;:!";

export interface PathFound {
  values: TypedValue[];
  /** Where the path starts in the text, and the position after it (past any words it took in). */
  start: number;
  end: number;
}

/** The next word after a single space at `at`: [start, end), or null at a line end or another delimiter. */
function wordAfter(text: string, at: number, lineEnd: number): [number, number] | null {
  if (text.charCodeAt(at) !== 32 || at + 1 >= lineEnd || isHardDelimiter(text.charCodeAt(at + 1))) return null;
  let end = at + 1;
  while (end < lineEnd && end - at <= 64 && !isHardDelimiter(text.charCodeAt(end))) end++;
  return [at + 1, end];
}

/** True when a word starts something else: a switch (-k, /v), another path or key, a quoted part. */
function startsOther(word: string): boolean {
  return /^(?:[-/]|[A-Za-z]:[\\/]|%[A-Za-z_]|\\\\|HK(?:EY_|LM|CU|CR|CC|U\\))/i.test(word);
}

/** How far a path ending at `end` continues over spaces: the end of the last word that continues it. */
function continuedTo(text: string, end: number, lineEnd: number, separator: string, quote: number): number {
  let at = end;
  for (let guard = 0; guard < 8; guard++) {
    let probe = at;
    let taken = -1;
    for (let words = 0; words < MAX_WORDS && probe - at <= MAX_LOOK; words++) {
      const word = wordAfter(text, probe, lineEnd);
      if (!word) break;
      const w = text.slice(word[0], word[1]);
      if (startsOther(w)) break;
      probe = word[1];
      if (w.includes(separator)) {
        taken = probe;
        break;
      }
    }
    if (taken < 0) break;
    at = taken;
  }
  // A quoted path runs to its quote, unless what is left holds a switch ("svchost.exe -k netsvcs").
  if (quote >= 0) {
    for (let i = at; i < lineEnd && i - at <= MAX_LOOK; i++) {
      const code = text.charCodeAt(i);
      if (code === quote) {
        const rest = text.slice(at, i);
        return / [-/]/.test(rest) || rest.includes(separator) || rest.includes('"') ? at : i;
      }
      if (code !== 32 && isHardDelimiter(code)) break;
    }
  }
  return at;
}

/** Backslashes as written once: JSON doubles every one ("C:\\Users"), and then "\\\\host" is a share. */
function singleBackslashes(text: string, doubled: boolean): string {
  return text.replace(/\\+/g, (run, at: number) =>
    doubled ? "\\".repeat(Math.ceil(run.length / 2)) : at === 0 ? run : "\\",
  );
}

/** The part of a path up to the first character that ends one, and the brackets closed that it never opened. */
function pathEnd(text: string, from: number, to: number): number {
  let depth = 0;
  let end = from;
  for (; end < to; end++) {
    const c = text.charAt(end);
    if (WINDOWS_END.has(c) || c === ":") break;
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) break;
      depth--;
    }
  }
  return end;
}

function trimTail(value: string, separators: string): string {
  let end = value.length;
  while (end > 0 && (TRAILING.includes(value.charAt(end - 1)) || separators.includes(value.charAt(end - 1)))) end--;
  return value.slice(0, end);
}

function withFileName(path: string, separator: string): TypedValue[] {
  const name = parseFileName(path.slice(path.lastIndexOf(separator) + 1));
  return name ? [{ type: "filepath", value: path }, name] : [{ type: "filepath", value: path }];
}

/** A registry key as STIX writes it: the hive in full, single backslashes, no trailing one. */
export function registryKey(root: string, rest: string): TypedValue | null {
  const hiveText = root
    .replace(/^Registry::/i, "")
    .replace(/[:\\]+$/, "")
    .replace(/\\+/g, "\\")
    .toLowerCase();
  const hive = HIVES[hiveText];
  const key = trimTail(rest.replace(/\\+/g, "\\"), "\\");
  return hive && key.length > 0 && !key.startsWith("\\") ? { type: "regkey", value: `${hive}\\${key}` } : null;
}

/** Where the root of a Windows path or key starts in text[start, end), and the root as written. */
function windowsRoot(text: string, start: number, end: number): { at: number; root: string; share: boolean } | null {
  const token = text.slice(start, end);
  const unc = UNC_START.exec(token);
  if (unc) {
    const root = unc[1] ?? "";
    return { at: start + unc[0].length - root.length, root, share: true };
  }
  const m = WINDOWS_START.exec(token);
  if (!m) return null;
  const root = m[1] ?? "";
  return { at: start + m.index + m[0].length - root.length, root, share: false };
}

/**
 * A Windows path or registry key starting in the token text[start, end), read to its end (which may
 * lie past the token, over spaces); null when the token holds none.
 */
export function readWindowsPath(text: string, start: number, end: number, lineEnd: number): PathFound | null {
  const found = windowsRoot(text, start, end);
  if (!found) return null;
  const { at, root, share } = found;
  const bodyStart = at + root.length;
  const before = text.charCodeAt(at - 1);
  const quote = at > 0 && (before === 34 || before === 39) ? before : -1;
  const separator = root.endsWith("/") ? "/" : "\\";
  let stop = pathEnd(text, bodyStart, end);
  if (stop === end) stop = continuedTo(text, end, lineEnd, separator, quote);
  // JSON and C strings double every backslash: "C:\\\\Users", and a share's "\\\\\\\\host".
  const doubled = share ? root.length === 4 : root.endsWith("\\\\");
  const body = singleBackslashes(text.slice(bodyStart, stop), doubled);
  const lower = root.toLowerCase();
  if (lower.startsWith("hk") || lower.includes("registry")) {
    const key = registryKey(root, body);
    return key ? { values: [key], start: at, end: stop } : null;
  }
  if (share) {
    // "\\\\AppData\\\\Roaming" with its separators doubled is escaped text ("\\AppData\\Roaming"), no share.
    if (!doubled && text.slice(bodyStart, stop).includes("\\\\")) return null;
    const path = trimTail(`\\\\${body}`, "\\");
    const [host = "", shareName = ""] = path.slice(2).split("\\");
    if (host.length === 0 || shareName.length === 0) return null;
    const hostIs = hostValue(host);
    const values = withFileName(path, "\\");
    return { values: hostIs ? [...values, hostIs] : values, start: at, end: stop };
  }
  const rootWritten = root.replace(/\\+$/, "\\");
  const path = trimTail(rootWritten + body, separator);
  // A drive or variable alone ("C:\\") is no file.
  if (path.length <= rootWritten.length) return null;
  return { values: withFileName(path, separator), start: at, end: stop };
}

/** Where a Unix path under a system root starts in the token (at its start, or after = ( or >), or -1. */
function unixStart(token: string): number {
  for (let at = token.indexOf("/"); at >= 0; at = token.indexOf("/", at + 1)) {
    const before = at === 0 ? "" : token.charAt(at - 1);
    if (before === "~" && (at === 1 || "=(>".includes(token.charAt(at - 2)))) return at - 1;
    if (before !== "" && !"=(>".includes(before)) continue;
    const next = token.indexOf("/", at + 1);
    const root = token.slice(at + 1, next < 0 ? token.length : next);
    if (UNIX_ROOTS.has(root)) return at;
    if (at > 0) break;
  }
  return -1;
}

/** A Unix path under a system root (or ~/) in the token text[start, end), read to its end; null when none. */
export function readUnixPath(text: string, start: number, end: number, lineEnd: number): PathFound | null {
  const token = text.slice(start, end);
  const at = unixStart(token);
  if (at < 0) return null;
  const from = start + at;
  let stop = from;
  let depth = 0;
  for (; stop < end; stop++) {
    const c = text.charAt(stop);
    if (c === ";" || c === ":" || c === "&" || c === "*" || c === "?" || c === "\\") break;
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") {
      if (depth === 0) break;
      depth--;
    }
  }
  // "/Library/Application Support/…": a capitalised word that goes on with a slash.
  while (stop === end && stop - from < 200) {
    const word = wordAfter(text, stop, lineEnd);
    const last = text.slice(text.lastIndexOf("/", stop - 1) + 1, stop);
    if (!word || !/^[A-Z]/.test(last) || !/^[A-Z][^/]*\/./.test(text.slice(word[0], word[1]))) break;
    stop = word[1];
    end = word[1];
  }
  const path = trimTail(text.slice(from, stop), "/");
  if (path.length < 2 || NOT_FILES.test(path)) return null;
  const device = DEV_NET.exec(`${path}/`);
  if (device) {
    const ip = parseIPv4(device[1] ?? "");
    return { values: ip === null ? [] : [{ type: "ipv4", value: formatIPv4(ip) }], start: from, end: stop };
  }
  if (path === "~" || !path.includes("/", 1)) return null;
  return { values: withFileName(path, "/"), start: from, end: stop };
}

const ABSOLUTE_UNIX = /^(?:~|\/[^/\0]+)(?:\/[^/\0]+)+\/?$/;

/**
 * One path or key typed by hand, whole: its value, or null. Typed by hand, any absolute Unix path is
 * taken (the scanner takes only those under system roots, as in running text the rest are web paths).
 */
export function parsePath(text: string): TypedValue | null {
  const found = readWindowsPath(text, 0, text.length, text.length) ?? readUnixPath(text, 0, text.length, text.length);
  if (found && found.start === 0 && found.end === text.length) return found.values[0] ?? null;
  if (!ABSOLUTE_UNIX.test(text) || NOT_FILES.test(text)) return null;
  return { type: "filepath", value: trimTail(text, "/") };
}
