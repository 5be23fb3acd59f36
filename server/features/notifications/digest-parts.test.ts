import { describe, expect, it } from "vitest";
import { type AdviceEntry, adviceFor, composeDigest } from "./compose-digest.js";
import { isHardBounce, parseDsn } from "./dsn.js";

// The pure parts of notifying: the digest's text and CSV, and reading delivery status notifications.

const cert = {
  name: "CERT-SE",
  phone: "010-240 40 40",
  phoneUri: "tel:0102404040",
  email: "cert@cert.se",
  web: "https://cert.se",
};
const advice = new Map<string, AdviceEntry>([
  ["*", { title: { sv: "Händelse", en: "Event" }, body: { sv: "Allmänt råd.", en: "General advice." } }],
  ["vulnerable-system", { title: { sv: "Sårbar", en: "Vulnerable" }, body: { sv: "Uppdatera.", en: "Update." } }],
  ["accessible-rdp", { title: { sv: "RDP öppet", en: "RDP open" }, body: { sv: "Stäng RDP.", en: "Close RDP." } }],
]);
const event = (ip: string, identifier: string, type = "vulnerable-system") => ({
  fields: {
    "time.source": "2026-12-01T10:00:00Z",
    "source.ip": ip,
    "source.port": 3389,
    "classification.type": type,
    "classification.identifier": identifier,
  },
  extra: identifier === "accessible-rdp" ? { subject_common_name: '=HYPERLINK("x")' } : {},
  classificationType: type,
});

describe("a digest's words and file", () => {
  it("takes the identifier's advice, else the type's, else the general one", () => {
    expect(adviceFor(advice, "accessible-rdp", "vulnerable-system")?.key).toBe("accessible-rdp");
    expect(adviceFor(advice, "accessible-vnc", "vulnerable-system")?.key).toBe("vulnerable-system");
    expect(adviceFor(advice, "sinkhole-events", "infected-system")?.key).toBe("*");
  });

  it("speaks the contact's language, carries the reference, groups by advice; the CSV has a row per event", () => {
    const input = {
      reference: "FYR-N-2026-000042",
      organisationName: "Exempel AB",
      events: [
        event("192.0.2.1", "accessible-rdp"),
        event("192.0.2.2", "accessible-rdp"),
        event("192.0.2.3", "accessible-vnc"),
      ],
      advice,
      cert,
      timeZone: "Europe/Stockholm",
    };
    const sv = composeDigest({ ...input, language: "sv" });
    const en = composeDigest({ ...input, language: "en" });
    expect(sv.subject).toBe("[FYR-N-2026-000042] Säkerhetshändelser i ert nät (3)");
    expect(en.subject).toBe("[FYR-N-2026-000042] Security events in your network (3)");
    expect(sv.body).toContain("== RDP öppet (accessible-rdp): 2 händelser ==");
    expect(sv.body).toContain("Stäng RDP.");
    expect(en.body).toContain("== Vulnerable (vulnerable-system): 1 event ==");
    expect(en.body).toContain("Telephone (around the clock): 010-240 40 40");
    expect(sv.body.indexOf("RDP öppet")).toBeLessThan(sv.body.indexOf("Sårbar"));
    const lines = sv.csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("time.source,classification.type,classification.identifier,source.ip,source.port,extra");
    // A JSON cell starts with "{": not a formula; the value inside is kept as the source wrote it.
    expect(lines[1]).toContain('"{""subject_common_name"":""=HYPERLINK(\\""x\\"")""}"');
    expect(lines).toHaveLength(5);
  });
});

const dsn = (status: string, action: string, original: string) =>
  Buffer.from(
    [
      "From: MAILER-DAEMON@mx.example",
      'Content-Type: multipart/report; report-type=delivery-status;\r\n boundary="==b=="',
      "",
      "--==b==",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Delivery failed.",
      "--==b==",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example",
      "Arrival-Date: Wed, 2 Dec 2026 10:00:00 +0100",
      "",
      "Final-Recipient: rfc822;Abuse@Owner.Example",
      `Action: ${action}`,
      `Status: ${status} (mailbox unknown)`,
      "Diagnostic-Code: smtp; 550 5.1.1 <abuse@owner.example>: Recipient address rejected",
      "",
      "--==b==",
      "Content-Type: message/rfc822",
      "",
      `Message-ID: ${original}`,
      "Subject: [FYR-N-2026-000001] Security events",
      "",
      "body",
      "--==b==--",
      "",
    ].join("\r\n"),
  );

describe("delivery status notifications", () => {
  it("reads the failed recipient, status and the bounced message's id", () => {
    const parsed = parseDsn(dsn("5.1.1", "failed", "<0b3e8c1a-1111-4222-8333-444455556666@cert.example>"));
    expect(parsed).toEqual({
      recipients: [
        {
          address: "abuse@owner.example",
          action: "failed",
          status: "5.1.1",
          diagnostic: "smtp; 550 5.1.1 <abuse@owner.example>: Recipient address rejected",
        },
      ],
      originalMessageId: "<0b3e8c1a-1111-4222-8333-444455556666@cert.example>",
    });
    expect(parsed?.recipients.every(isHardBounce)).toBe(true);
  });

  it("a delay or a 4.x.x failure is no hard bounce; a plain message is no DSN", () => {
    expect(parseDsn(dsn("4.2.2", "delayed", "<x@y>"))?.recipients.some(isHardBounce)).toBe(false);
    expect(parseDsn(dsn("4.4.1", "failed", "<x@y>"))?.recipients.some(isHardBounce)).toBe(false);
    expect(parseDsn(Buffer.from("From: a@b\r\nSubject: hi\r\n\r\nhello\r\n"))).toBeNull();
  });
});
