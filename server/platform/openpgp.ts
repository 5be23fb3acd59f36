import type * as OpenPgp from "openpgp";

let loading: Promise<typeof OpenPgp> | undefined;

/**
 * openpgp, evaluated on first use: about 1.5 MB of code that a `fyr mail import` of a plain message (an
 * MTA runs one per message) and a server that never meets PGP should not pay for at start.
 */
export function loadOpenPgp(): Promise<typeof OpenPgp> {
  loading ??= import("openpgp");
  return loading;
}
