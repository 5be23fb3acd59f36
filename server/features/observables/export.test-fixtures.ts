import type { CaseObservable, ObservableType } from "../../../contract/observables.js";

// Shared by the export tests: a case's value as the observables list presents it.

let nextId = 1;

/** A value of a case, seen in its report on 1–3 February 2025 unless `over` says otherwise. */
export function observable(type: ObservableType, value: string, over: Partial<CaseObservable> = {}): CaseObservable {
  return {
    id: String(nextId++),
    type,
    value,
    tag: null,
    tags: [],
    doNotCorrelate: false,
    warningLists: [],
    origins: ["report"],
    firstSeen: "2025-02-01T10:00:00.000Z",
    lastSeen: "2025-02-03T10:00:00.000Z",
    ...over,
  };
}

/**
 * One value of every type Fyr stores, as the extractor normalises it (a typed record: a type added to
 * contract/observables.ts fails to compile here until it has a value, and so reaches the export tests).
 */
export const VALUE_OF_EVERY_TYPE: Record<ObservableType, string> = {
  ipv4: "198.51.100.7",
  ipv6: "2001:db8::7",
  cidr: "10.0.0.0/8",
  domain: "xn--rksmrgs-5wao1o.se",
  url: "https://xn--bcher-kva.example/o'neil/x?a=1",
  email: "o'brien@evil.example",
  md5: "d41d8cd98f00b204e9800998ecf8427e",
  sha1: "da39a3ee5e6b4b0d3255bfef95601890afd80709",
  sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  sha512:
    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
  ssdeep: "768:IUOZsG4RFaF5IXX0lvPKoMWOb3l0YrK2l49vyJkqFzBUANgB:HVVgE+nNWwizG",
  tlsh: "T1C59852C5DEAA74361764D62B66BF44B85C9FB73C810A266A3CAA578C2201E0B2114BA7",
  ja3: "e7d705a3286e19ea42f587b344ee6865",
  ja4: "t13d1516h2_8daaf6152771_e5627efa2ab1",
  cve: "CVE-2024-3400",
  asn: "AS64500",
  btc: "bc1qvehtaqejtdan9v30lrc2vnexsd85t2q0ks2wqz",
  xmr: "4GerHGTmeKEYtjV7NMAxGs97ACDbh2y5eJwSeWCT6U2fY1v4t1XfWVmQ6xXwRWJWhXWqZqqEt3tUU6xNgMtTw5EZFm4bbvYLAu7RwjXAAd",
  mac: "00:1a:2b:3c:4d:5e",
  regkey:
    "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe",
  filename: "invoice.pdf.exe",
  filepath: "C:\\Users\\Public\\Downloads\\setup_crack.exe",
};
