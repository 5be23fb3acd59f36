// Defanged indicators ("hxxp://evil[.]com") are written so nobody clicks them; they are still the
// values. One pass of one alternation of fixed strings: linear in the text, and a marker produced by a
// replacement is never refanged again ("[[.]]" gives "[.]"). No marker holds a hard delimiter, so
// the scanner refangs token by token.

const DEFANGED =
  /\[:\/\/\]|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[:\]|\[@\]|\[at\]|\(at\)|\bhxxp(?=s?(?::|\[:))|\bfxp(?=:|\[:)/gi;

function replacementFor(marker: string): string {
  switch (marker.toLowerCase()) {
    case "[://]":
      return "://";
    case "[:]":
      return ":";
    case "[@]":
    case "[at]":
    case "(at)":
      return "@";
    case "hxxp":
      return "http";
    case "fxp":
      return "ftp";
    default:
      return ".";
  }
}

/** The text with every defang marker replaced by what it stands for. */
export function refang(text: string): string {
  return text.replace(DEFANGED, replacementFor);
}

/** True when a defang marker ("[.]", "(dot)", "[://]"…) ends at `end` (exclusive): the scanner asks at each closing bracket. */
export function markerEndsAt(text: string, end: number): boolean {
  const inner = text.charCodeAt(end - 2);
  const opener = text.charCodeAt(end - 3);
  switch (inner) {
    case 46: // "."
      return opener === 91 || opener === 40 || opener === 123;
    case 58: // ":"
    case 64: // "@"
      return opener === 91;
    case 47: // "/"
      return text.startsWith("[://]", end - 5);
    case 116: // "t"
    case 84: {
      const word = text.slice(Math.max(0, end - 5), end).toLowerCase();
      return word.endsWith("[at]") || word.endsWith("(at)") || word === "[dot]" || word === "(dot)";
    }
    default:
      return false;
  }
}
