import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.js";

// What staff write reaches the public: nothing in it may run in a reader's browser.

describe("an advisory's Markdown", () => {
  it("renders ordinary Markdown", () => {
    const out = renderMarkdown("# Rubrik\n\n* **Uppdatera** nu\n\n[CVE](https://www.cve.org/)");
    expect(out).toContain("<h1>Rubrik</h1>");
    expect(out).toContain("<strong>Uppdatera</strong>");
    expect(out).toContain('<a href="https://www.cve.org/" rel="noopener noreferrer">CVE</a>');
  });

  it("shows raw HTML and scripts as text", () => {
    const out = renderMarkdown('<script>alert(1)</script>\n\nText <img src=x onerror="alert(2)"> och <b>fet</b>');
    expect(out).not.toMatch(/<script|<img|<b>/i);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
  });

  it("keeps only http(s) and mailto links", () => {
    const out = renderMarkdown(
      "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](mailto:cert@cert.se) [e](/relative)",
    );
    expect(out).not.toMatch(/href="(javascript|data|\/relative)/i);
    expect(out).toContain('<a href="mailto:cert@cert.se"');
    expect(out).toContain("<p>a b c ");
  });

  it("turns images into links and escapes attributes", () => {
    const out = renderMarkdown('![spårning](https://tracker.example/p.gif) [x](https://e.example/"onmouseover="a)');
    expect(out).not.toContain("<img");
    expect(out).toContain('<a href="https://tracker.example/p.gif"');
    expect(out).not.toMatch(/"onmouseover="/);
  });
});
