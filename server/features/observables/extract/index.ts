// Observable extraction: pure functions over text, no I/O. See extract.ts (whole texts), stream.ts
// (attachments, chunk by chunk) and parse.ts (one value typed by hand).
export { extractObservables, scanObservables, type ExtractOptions } from "./extract.js";
export { extractFromStream } from "./stream.js";
export { parseObservable } from "./parse.js";
export type { Extraction } from "./sink.js";
