// Defanged indicators ("evil[.]com", "user(at)evil{dot}se") are written so nobody clicks them; they
// are still the values. One pass of one alternation: linear in the text, and a marker produced by a
// replacement is never refanged again ("[[.]]" gives "[.]"). Any bracket pair will do ("[dot)" is a
// typo analysts make), and so will half of one ("evil[.com", "1.2[.3.]4"). No marker holds a hard
// delimiter, so the scanner refangs token by token. Schemes ("hxxp", "h**p", "meow") are read where
// URLs are found (url-start.ts), not here.

const DEFANGED =
  /[[({](?:\.|dot|at|@|:|\/\/?|:\/\/)[\])}]|\[\.(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])\.\](?=[\p{L}\p{N}])|[\u3002\uff0e\uff61]/giu;

function replacementFor(marker: string): string {
  const inner = marker.length > 2 ? marker.slice(1, -1).toLowerCase() : ".";
  switch (inner) {
    case "at":
    case "@":
      return "@";
    case ":":
    case "/":
    case "//":
    case "://":
      return inner;
    default:
      return ".";
  }
}

/** The text with every defang marker replaced by what it stands for. */
export function refang(text: string): string {
  return text.replace(DEFANGED, replacementFor);
}

const MARKER_WORDS = new Set([".", "dot", "at", "@", ":", "/", "//", "://"]);
const isOpener = (code: number): boolean => code === 91 || code === 40 || code === 123;

/** True when a defang marker ("[.]", "(dot)", "{at]", "[://]"…) ends at `end` (exclusive): the scanner asks at each closing bracket. */
export function markerEndsAt(text: string, end: number): boolean {
  for (let inner = 1; inner <= 3; inner++) {
    const opener = end - inner - 2;
    if (opener < 0) return false;
    if (isOpener(text.charCodeAt(opener)) && MARKER_WORDS.has(text.slice(opener + 1, end - 1).toLowerCase())) {
      return true;
    }
  }
  return false;
}

/** A token that is a marker alone ("[.]", "(at)"): written between spaces, it joins the words around it. */
export function isBareMarker(token: string): "dot" | "at" | null {
  if (token.length < 3 || token.length > 5 || !isOpener(token.charCodeAt(0))) return null;
  const inner = token.slice(1, -1).toLowerCase();
  if (!")]}".includes(token.charAt(token.length - 1))) return null;
  if (inner === "." || inner === "dot") return "dot";
  return inner === "at" || inner === "@" ? "at" : null;
}
