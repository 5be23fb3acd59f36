import * as openpgp from "openpgp";
import { beforeAll, describe, expect, it } from "vitest";
import { openInlinePgp } from "./pgp-inline.js";
import { type PgpKeyring, emptyKeyring } from "./pgp-keyring.js";
import { unwrapPgpMime } from "./pgp-mime.js";
import { parseInboundMail } from "./parse.js";

// Keys made here, in the test: the CERT's (decrypts) and a reporter's (signs).
let cert: { privateKey: openpgp.PrivateKey; publicKey: openpgp.PublicKey };
let reporter: { privateKey: openpgp.PrivateKey; publicKey: openpgp.PublicKey };
let keyring: PgpKeyring;
let keyringKnowingReporter: PgpKeyring;

beforeAll(async () => {
  const [c, r] = await Promise.all([
    openpgp.generateKey({ userIDs: [{ email: "cert@cert.example" }], format: "object" }),
    openpgp.generateKey({ userIDs: [{ email: "anna@exempel.se" }], format: "object" }),
  ]);
  cert = c;
  reporter = r;
  keyring = { decryptionKey: cert.privateKey, verificationKeys: () => Promise.resolve([]) };
  keyringKnowingReporter = {
    decryptionKey: cert.privateKey,
    verificationKeys: (address) => Promise.resolve(address === "anna@exempel.se" ? [reporter.publicKey] : []),
  };
});

const HEAD =
  "From: Anna <anna@exempel.se>\r\nTo: cert@cert.example\r\nSubject: ...\r\nMessage-ID: <pgp-1@exempel.se>\r\n";
const INNER =
  'Content-Type: multipart/mixed; boundary="in"; protected-headers="v1"\r\nSubject: Krypterad rapport\r\n\r\n' +
  "--in\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHemlig text: angriparen använde 192.0.2.10.\r\n" +
  '--in\r\nContent-Type: text/plain; name="iocs.txt"\r\nContent-Disposition: attachment; filename="iocs.txt"\r\n\r\n192.0.2.10\r\n--in--\r\n';

async function pgpMimeEncrypted(inner: string, sign: boolean): Promise<Buffer> {
  const armored = await openpgp.encrypt({
    message: await openpgp.createMessage({ text: inner }),
    encryptionKeys: cert.publicKey,
    ...(sign ? { signingKeys: reporter.privateKey } : {}),
  });
  return Buffer.from(
    `${HEAD}MIME-Version: 1.0\r\nContent-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="enc"\r\n\r\n` +
      `--enc\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n` +
      `--enc\r\nContent-Type: application/octet-stream; name="encrypted.asc"\r\n\r\n${armored}\r\n--enc--\r\n`,
  );
}

async function pgpMimeSigned(entity: string, tamper = false): Promise<Buffer> {
  const signature = await openpgp.sign({
    message: await openpgp.createMessage({ binary: Buffer.from(entity) }),
    signingKeys: reporter.privateKey,
    detached: true,
  });
  const sent = tamper ? entity.replace("192.0.2.10", "192.0.2.99") : entity;
  return Buffer.from(
    `${HEAD}MIME-Version: 1.0\r\nContent-Type: multipart/signed; micalg=pgp-sha512; protocol="application/pgp-signature"; boundary="sig"\r\n\r\n` +
      `--sig\r\n${sent}\r\n--sig\r\nContent-Type: application/pgp-signature; name="signature.asc"\r\n\r\n${signature}\r\n--sig--\r\n`,
  );
}

const noFiles = { storeAttachment: async () => null };

describe("PGP/MIME (RFC 3156)", () => {
  it("decrypts a message to the CERT's key; the inner subject, text and attachment become the message", async () => {
    const out = await unwrapPgpMime(await pgpMimeEncrypted(INNER, false), keyring);
    expect(out).toMatchObject({ encrypted: true, decrypted: true, signature: "none" });
    const seen: string[] = [];
    const mail = await parseInboundMail(out.raw, {
      storeAttachment: async (a) => {
        seen.push(a.filename);
        for await (const _ of a.content) void _;
        return null;
      },
    });
    expect(mail.subject).toBe("Krypterad rapport");
    expect(mail.text).toContain("Hemlig text: angriparen använde 192.0.2.10.");
    expect(mail.messageId).toBe("<pgp-1@exempel.se>");
    expect(seen).toEqual(["iocs.txt"]);
  });

  it("records the signature inside the encryption: valid with the sender's key, unknown_key without", async () => {
    const raw = await pgpMimeEncrypted(INNER, true);
    expect((await unwrapPgpMime(raw, keyringKnowingReporter)).signature).toBe("valid");
    expect((await unwrapPgpMime(raw, keyring)).signature).toBe("unknown_key");
  });

  it("leaves a message it cannot decrypt as it came (no key, or another key)", async () => {
    const raw = await pgpMimeEncrypted(INNER, false);
    expect(await unwrapPgpMime(raw, emptyKeyring)).toMatchObject({ raw, encrypted: true, decrypted: false });
    const other = await openpgp.generateKey({ userIDs: [{ email: "x@y.example" }], format: "object" });
    const wrong = { decryptionKey: other.privateKey, verificationKeys: () => Promise.resolve([]) };
    expect(await unwrapPgpMime(raw, wrong)).toMatchObject({ raw, encrypted: true, decrypted: false });
  });

  it("verifies multipart/signed: valid, invalid when the text was changed, unknown_key without the key", async () => {
    const entity = "Content-Type: text/plain; charset=utf-8\r\n\r\nSignerad: blockera 192.0.2.10.";
    expect((await unwrapPgpMime(await pgpMimeSigned(entity), keyringKnowingReporter)).signature).toBe("valid");
    expect((await unwrapPgpMime(await pgpMimeSigned(entity, true), keyringKnowingReporter)).signature).toBe("invalid");
    expect((await unwrapPgpMime(await pgpMimeSigned(entity), keyring)).signature).toBe("unknown_key");
    const plain = await unwrapPgpMime(Buffer.from(`${HEAD}\r\nhej`), keyring);
    expect(plain).toMatchObject({ encrypted: false, signature: "none" });
    const mail = await parseInboundMail((await unwrapPgpMime(await pgpMimeSigned(entity), keyring)).raw, noFiles);
    expect(mail.text).toContain("Signerad: blockera 192.0.2.10.");
  });
});

describe("inline PGP", () => {
  it("replaces an encrypted block with its text and records the signature", async () => {
    const armored = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: "Inloggningsuppgifter har läckt." }),
      encryptionKeys: cert.publicKey,
      signingKeys: reporter.privateKey,
    });
    const body = `Hej CERT,\n\n${armored.trim()}\n\nAnna`;
    const out = await openInlinePgp(body, keyringKnowingReporter, "anna@exempel.se");
    expect(out).toMatchObject({ encrypted: true, decrypted: true, signature: "valid" });
    expect(out.text).toBe("Hej CERT,\n\nInloggningsuppgifter har läckt.\n\nAnna");
    const locked = await openInlinePgp(body, emptyKeyring, "anna@exempel.se");
    expect(locked).toMatchObject({ text: body, encrypted: true, decrypted: false });
  });

  it("checks a clear-signed text and keeps the text without the armour", async () => {
    const signed = await openpgp.sign({
      message: await openpgp.createCleartextMessage({ text: "Vi ser skanning från 198.51.100.0/24." }),
      signingKeys: reporter.privateKey,
    });
    const good = await openInlinePgp(signed, keyringKnowingReporter, "anna@exempel.se");
    expect(good).toMatchObject({ signature: "valid", encrypted: false });
    expect(good.text.trim()).toBe("Vi ser skanning från 198.51.100.0/24.");
    const forged = signed.replace("198.51.100.0/24", "203.0.113.0/24");
    expect((await openInlinePgp(forged, keyringKnowingReporter, "anna@exempel.se")).signature).toBe("invalid");
    expect((await openInlinePgp(signed, keyring, "anna@exempel.se")).signature).toBe("unknown_key");
  });
});
