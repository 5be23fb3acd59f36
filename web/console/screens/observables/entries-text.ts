// A warning list's entries are edited as one text box, one entry a line. The server numbers the
// entries it refuses (`body.entries.3`) among the non-empty lines it was sent; the editor names the
// line the admin sees, so the numbering is kept here in both directions.

/** The entries written in the box (trimmed, blank lines left out) and the 1-based line each came from. */
export function entriesFromText(text: string): { entries: string[]; lines: number[] } {
  const entries: string[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const entry = raw.trim();
    if (entry === "") return;
    entries.push(entry);
    lines.push(i + 1);
  });
  return { entries, lines };
}

/** The box's text for stored entries. */
export function textFromEntries(entries: readonly string[]): string {
  return entries.join("\n");
}

export interface EntryError {
  line: number;
  entry: string;
}

/** The refused entries, by the line they are on, in line order. */
export function entryErrors(
  fieldErrors: Readonly<Record<string, string>>,
  sent: { entries: readonly string[]; lines: readonly number[] },
): EntryError[] {
  const out: EntryError[] = [];
  for (const path of Object.keys(fieldErrors)) {
    const m = /^entries\.(\d+)$/.exec(path);
    if (!m) continue;
    const index = Number(m[1]);
    const line = sent.lines[index];
    const entry = sent.entries[index];
    if (line !== undefined && entry !== undefined) out.push({ line, entry });
  }
  return out.sort((a, b) => a.line - b.line);
}
