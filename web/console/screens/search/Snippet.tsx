import { type SnippetSegment, snippetRuns } from "./snippet.js";

/** A search hit's snippet with the matching words in <mark>; text only, never markup from the server. */
export function Snippet({ segments }: { segments: readonly SnippetSegment[] }) {
  return (
    <span className="snippet">
      {snippetRuns(segments).map((run, i) =>
        run.match ? <mark key={i}>{run.text}</mark> : <span key={i}>{run.text}</span>,
      )}
    </span>
  );
}
