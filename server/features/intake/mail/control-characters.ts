// eslint-disable-next-line no-control-regex -- C0 controls other than tab, line feed and carriage return
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// C1 controls: what Latin-1 makes of Windows-1252 punctuation.
const C1 = /[\u0080-\u009f]/g;
// Windows-1252's characters at 0x80–0x9f; the five holes (0x81, 0x8d, 0x8f, 0x90, 0x9d) have none.
const WINDOWS_1252_C1 = "€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ";

/**
 * Removes control characters (NUL above all, which PostgreSQL text and jsonb refuse) from mail text.
 * C1 controls never reach stored text: one that slipped through a Latin-1 decoding somewhere is read
 * as the Windows-1252 character the sender meant, and dropped where Windows-1252 has none.
 */
export function withoutControlCharacters(text: string): string {
  return text
    .replace(C1, (c) => {
      const meant = WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? "\u0000";
      return meant === "\u0000" ? "" : meant;
    })
    .replace(CONTROL, "");
}
