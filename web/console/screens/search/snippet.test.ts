import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { snippetRuns } from "./snippet.js";
import { Snippet } from "./Snippet.js";

const render = (segments: { text: string; match: boolean }[]) =>
  renderToStaticMarkup(createElement(Snippet, { segments }));

describe("a search hit's snippet", () => {
  it("marks the matched words and leaves the rest as text", () => {
    expect(
      render([
        { text: "Filservern ", match: false },
        { text: "krypterades", match: true },
        { text: " i natt", match: false },
      ]),
    ).toBe('<span class="snippet"><span>Filservern </span><mark>krypterades</mark><span> i natt</span></span>');
  });

  it("never lets the server's text become markup", () => {
    const html = render([
      { text: "<img src=x onerror=alert(1)>", match: true },
      { text: " & <b>bold</b>", match: false },
    ]);
    expect(html).toContain("<mark>&lt;img src=x onerror=alert(1)&gt;</mark>");
    expect(html).toContain("&amp; &lt;b&gt;bold&lt;/b&gt;");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
  });

  it("joins neighbouring runs of the same kind and drops empty ones", () => {
    expect(
      snippetRuns([
        { text: "", match: true },
        { text: "ransom", match: true },
        { text: "ware", match: true },
        { text: " ", match: false },
        { text: "", match: false },
        { text: "attack", match: false },
      ]),
    ).toEqual([
      { text: "ransomware", match: true },
      { text: " attack", match: false },
    ]);
  });

  it("does not change the segments it was given", () => {
    const segments = [
      { text: "a", match: true },
      { text: "b", match: true },
    ];
    snippetRuns(segments);
    expect(segments).toEqual([
      { text: "a", match: true },
      { text: "b", match: true },
    ]);
  });

  it("renders nothing visible for no segments", () => {
    expect(render([])).toBe('<span class="snippet"></span>');
  });
});
