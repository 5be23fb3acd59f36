// eslint-disable-next-line no-control-regex -- C0 controls other than tab, line feed and carriage return
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Removes control characters (NUL above all, which PostgreSQL text and jsonb refuse) from mail text. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL, "");
}
