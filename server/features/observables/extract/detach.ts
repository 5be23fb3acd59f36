// In V8 a slice of a string keeps the whole string alive: a value cut from a 1 MB chunk would hold
// the megabyte for as long as the value lives. What outlives a scan (the values found, the caches) is
// copied first, so a stream's memory stays bounded and a cache never pins old texts (a test in
// stream.test.ts watches this).

/** A copy of `text` that shares no memory with the string it was cut from. */
export function detach(text: string): string {
  // V8 makes no slice or join shorter than 13 characters: it copies them, so they pin nothing already.
  if (text.length < 13) return text;
  // Slicing a joined string first flattens it into a new string of its own; the slice points there.
  return ` ${text}`.slice(1);
}
