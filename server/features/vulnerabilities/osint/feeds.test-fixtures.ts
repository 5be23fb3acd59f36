// An RSS 2.0 feed and an Atom feed as vendors and CERTs publish them (written for these tests).

export const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Vendor PSIRT</title>
<atom:link href="https://vendor.example/feed" rel="self"/>
<item><title>Critical fix for CVE-2025-0108 &amp; more</title><link>https://vendor.example/a/1</link>
<guid isPermaLink="false">vendor-1</guid><pubDate>Tue, 18 Feb 2025 10:00:00 GMT</pubDate>
<description><![CDATA[<p>Patch <b>now</b>.</p><script>alert(1)</script>]]></description></item>
<item><title>No guid here</title><link>https://vendor.example/a/2</link><description>Second</description></item>
</channel></rss>`;

export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>CERT</title><id>urn:cert</id>
<entry><title type="html">Advisory about cve-2024-3400</title><id>urn:cert:42</id>
<link rel="alternate" href="https://cert.example/42"/><link rel="enclosure" href="https://cert.example/42.pdf"/>
<updated>2025-02-19T08:00:00Z</updated><summary>Exploited in the wild.</summary></entry>
</feed>`;
