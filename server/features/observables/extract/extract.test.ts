import { describe, expect, it } from "vitest";
import type { TypedValue } from "../../../../contract/observables.js";
import { extractObservables, parseObservable, scanObservables } from "./index.js";

const values = (text: string): string[] => extractObservables(text).map((v) => `${v.type} ${v.value}`);

describe("extractObservables on what a CERT receives", () => {
  it("reads a Swedish phishing report with defanged links, a sender and a hash", () => {
    const report = `Hej CERT-SE!

Flera av våra anställda fick i morse ett mejl från "IT-support" <support@kommunen-it.se> med länken
hxxps://kommunen-login[.]com/auth?user=anna och en bilaga (faktura.zip). Länken pekade på 185.220.101[.]42.
Bilagans SHA-256 är 9F86D081884C7D659A2FEA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08.
Se även readme.md i arkivet. Vänliga hälsningar, Anna (anna.svensson@kommunen.se)`;
    expect(values(report)).toEqual([
      "email support@kommunen-it.se",
      "domain kommunen-it.se",
      "url https://kommunen-login.com/auth?user=anna",
      "domain kommunen-login.com",
      "filename faktura.zip",
      "ipv4 185.220.101.42",
      "filename readme.md",
      "email anna.svensson@kommunen.se",
      "domain kommunen.se",
    ]);
  });

  it("takes a 64-digit hash and leaves a 63-digit one", () => {
    const sha256 = "9f86d081884c7d659a2fea0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08f";
    expect(values(`SHA-256: ${sha256.toUpperCase()}.`)).toEqual([`sha256 ${sha256}`]);
    expect(values(`SHA-256: ${sha256.slice(1)}.`)).toEqual([]);
  });

  it("reads an English advisory with CVE ids, an AS number and a network", () => {
    const advisory = `Threat actors exploit CVE-2024-3400 and cve-2023-4966 against edge devices.
Scanning came from AS 14061 (DigitalOcean) and ASN: 16276, mostly from 203.0.113.0/24 and
2001:DB8:0:0:1:0:0:1. Block c2.bad-actor.net and update as soon as possible; as 100 hosts are affected,
version 10.0.0 and build 1.2.3 are not addresses.`;
    expect(values(advisory)).toEqual([
      "cve CVE-2024-3400",
      "cve CVE-2023-4966",
      "asn AS14061",
      "asn AS16276",
      "cidr 203.0.113.0/24",
      "ipv6 2001:db8::1:0:0:1",
      "domain c2.bad-actor.net",
    ]);
  });

  it("reads a log excerpt: addresses with ports, URLs with IP hosts, timestamps left alone", () => {
    const log = `2026-03-01T12:10:20Z fw01 sshd[4121]: Failed password for root from 198.51.100.23 port 52144 ssh2
2026-03-01T12:10:21.337+01:00 proxy GET http://192.0.2.10:8080/shell.php?cmd=id 404
Mar  1 12:10:22 web01 nginx: 198.51.100.23 - - "GET /wp-login.php HTTP/1.1" 200 "https://www.example.org/"
12:10:23 conn [2001:db8::7]:443 -> 10.1.2.3:3389`;
    expect(values(log)).toEqual([
      "ipv4 198.51.100.23",
      "url http://192.0.2.10:8080/shell.php?cmd=id",
      "ipv4 192.0.2.10",
      "url https://www.example.org/",
      "domain www.example.org",
      "ipv6 2001:db8::7",
      "ipv4 10.1.2.3",
    ]);
  });

  it("reads a forwarded mail's headers", () => {
    const mail = `Return-Path: <bounce@mailer.evil-shop.ru>
Received: from mailer.evil-shop.ru (mailer.evil-shop.ru [45.142.212.61])
	by mx1.myndigheten.se (Postfix) with ESMTPS id 4Xyz
From: "Kundtjänst" <Kundtjanst@Evil-Shop.RU>
Message-ID: <20260301.abc123@mailer.evil-shop.ru>
Subject: Din order är försenad`;
    const found = values(mail);
    expect(found).toEqual(
      expect.arrayContaining([
        "email bounce@mailer.evil-shop.ru",
        "domain mailer.evil-shop.ru",
        "ipv4 45.142.212.61",
        "domain mx1.myndigheten.se",
        "email kundtjanst@evil-shop.ru",
        "domain evil-shop.ru",
      ]),
    );
    expect(found[0]).toBe("email bounce@mailer.evil-shop.ru");
  });

  it("reads a defanged IOC list in every common style", () => {
    const iocs = `IOCs:
hxxp://evil[.]example[.]com/payload
hxxps[://]cdn(.)badsite{.}org/x
fxp://files[dot]warez(dot)net/
admin[@]phish[.]se
user[at]phish(.)se
contact(at)phish[.]se
10[.]20[.]30[.]40
2001[:]db8[:]:1
invoice[.]zip`;
    expect(values(iocs)).toEqual([
      "url http://evil.example.com/payload",
      "domain evil.example.com",
      "url https://cdn.badsite.org/x",
      "domain cdn.badsite.org",
      "url ftp://files.warez.net/",
      "domain files.warez.net",
      "email admin@phish.se",
      "domain phish.se",
      "email user@phish.se",
      "email contact@phish.se",
      "ipv4 10.20.30.40",
      "ipv6 2001:db8::1",
      "domain invoice.zip",
    ]);
  });

  it("reads JSON and CSV exports", () => {
    const json = `{"src_ip":"192.0.2.1","dst":"evil.example.net","url":"https://evil.example.net/a?b=1","hash":"d41d8cd98f00b204e9800998ecf8427e","ids":["CVE-2021-44228"]}`;
    expect(values(json)).toEqual([
      "ipv4 192.0.2.1",
      "domain evil.example.net",
      "url https://evil.example.net/a?b=1",
      "md5 d41d8cd98f00b204e9800998ecf8427e",
      "cve CVE-2021-44228",
    ]);
    const csv = `ip,domain,asn,first_seen\n192.0.2.5,bad.example.com,AS64500,2026-02-28\n"192.0.2.6","x.example.com","AS64501","2026-03-01"`;
    expect(values(csv)).toEqual([
      "ipv4 192.0.2.5",
      "domain bad.example.com",
      "asn AS64500",
      "ipv4 192.0.2.6",
      "domain x.example.com",
      "asn AS64501",
    ]);
  });
});

describe("what is not an observable", () => {
  it("gives file names as file names, never as domains, and leaves versions, clock times and prose", () => {
    const text = `Kör install.sh och läs README.md, main.rs, setup.py, notes.txt, report.pdf och invoice.one.
Version 1.2.3, 10.0.0 och 4.2 rc1, kl. 12:30:45, 2026-03-01, 1.2.3.4.5 (OID), 010.1.1.1, 256.1.1.1.
Det var klart.Sedan kom nästa. It was done.It came back. Se t.ex. bl.a. s.k. e.g. i.e. etc.`;
    expect(values(text)).toEqual(
      ["install.sh", "README.md", "main.rs", "setup.py", "notes.txt", "report.pdf", "invoice.one"].map(
        (name) => `filename ${name}`,
      ),
    );
  });

  it("takes file-like names as domains when written as a URL host, an e-mail domain or defanged", () => {
    expect(values("http://readme.md/ och info@setup.py samt install[.]sh")).toEqual([
      "url http://readme.md/",
      "domain readme.md",
      "email info@setup.py",
      "domain setup.py",
      "domain install.sh",
    ]);
  });

  it("needs a suffix from the public suffix list", () => {
    expect(values("host.local, printer.lan, x.example, server.corp, foo.invalid, co.uk, com")).toEqual([]);
    expect(values("x.co.uk and site.blogspot.com")).toEqual(["domain x.co.uk", "domain site.blogspot.com"]);
  });

  it("takes a 128-digit hex run as a SHA-512 and gives nothing for a hex run glued to a word", () => {
    const sha512 = "ab".repeat(64);
    expect(values(`sha512 ${sha512} and x${"a1".repeat(16)} and ${"a1".repeat(16)}_z`)).toEqual([`sha512 ${sha512}`]);
  });
});

describe("normalisation", () => {
  it("lower-cases and punycodes domains, and strips the root dot", () => {
    expect(values("RÄKSMÖRGÅS.se. Example.COM. münchen.de")).toEqual([
      "domain xn--rksmrgs-5wao1o.se",
      "domain example.com",
      "domain xn--mnchen-3ya.de",
    ]);
  });

  it("writes IPv6 the RFC 5952 way", () => {
    expect(
      values("2001:0DB8:0000:0000:0000:ff00:0042:8329 and ::FFFF:192.0.2.1 and 2001:db8:0:0:1::1 and fe80::1:0:0:0:1"),
    ).toEqual(["ipv6 2001:db8::ff00:42:8329", "ipv6 ::ffff:192.0.2.1", "ipv6 2001:db8::1:0:0:1", "ipv6 fe80:0:0:1::1"]);
  });

  it("moves a network to its network address and a /32 to a plain address", () => {
    expect(values("192.168.1.5/24 10.9.8.7/32 2001:db8::5/64 2001:db8::5/128 10.0.0.0/33")).toEqual([
      "cidr 192.168.1.0/24",
      "ipv4 10.9.8.7",
      "cidr 2001:db8::/64",
      "ipv6 2001:db8::5",
      "ipv4 10.0.0.0",
    ]);
  });

  it("normalises URLs and strips the punctuation around them", () => {
    expect(
      values(
        `Besök HTTPS://Evil.Example.COM:443/Path?Q=1. (se http://example.org/a_(b)) och "http://example.net:80/x", ftp://ftp.example.se:21/pub;`,
      ),
    ).toEqual([
      "url https://evil.example.com/Path?Q=1",
      "domain evil.example.com",
      "url http://example.org/a_(b)",
      "domain example.org",
      "url http://example.net/x",
      "domain example.net",
      "url ftp://ftp.example.se/pub",
      "domain ftp.example.se",
    ]);
  });

  it("gives a URL that reads back as itself when percent-encoding unbalances its brackets", () => {
    // "{" in a path is percent-encoded, "}" in a query is not: the "}" is then sentence punctuation.
    const [url] = extractObservables("http://example.com/a{?b}");
    expect(url).toEqual({ type: "url", value: "http://example.com/a%7B?b" });
    expect(parseObservable(url?.value ?? "", "url")).toEqual(url);
  });

  it("also finds the values inside a URL's path", () => {
    const sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    expect(values(`https://www.virustotal.com/gui/file/${sha256}`)).toEqual([
      `url https://www.virustotal.com/gui/file/${sha256}`,
      "domain www.virustotal.com",
      `sha256 ${sha256}`,
    ]);
  });
});

describe("the list", () => {
  it("is deduplicated in first-seen order", () => {
    expect(values("b.example.com 192.0.2.1 a.example.com B.EXAMPLE.COM 192.0.2.1")).toEqual([
      "domain b.example.com",
      "ipv4 192.0.2.1",
      "domain a.example.com",
    ]);
  });

  it("stops at the limit and says it did", () => {
    const text = Array.from({ length: 50 }, (_, i) => `192.0.2.${i}`).join(" ");
    const cut = scanObservables(text, { maxValues: 10 });
    expect(cut.values).toHaveLength(10);
    expect(cut.truncated).toBe(true);
    expect(cut.values.at(-1)).toEqual<TypedValue>({ type: "ipv4", value: "192.0.2.9" });
    expect(scanObservables(text, { maxValues: 50 }).truncated).toBe(false);
    expect(extractObservables(text)).toHaveLength(50);
  });
});
