import { createHmac } from "node:crypto";
import type { Config } from "../../platform/config.js";

// The channels that wake someone without a vendor cloud: an SMS gateway over HTTP (Kannel's sendsms or
// any provider whose API is a URL with the number and text in it), and a webhook (JSON, HMAC-SHA256).
// E-mail (and e-mail-to-SMS) go through the outbox, in page-job.ts's transaction.

const TIMEOUT_MS = 10_000;

export type ChannelOutcome = { ok: true } | { ok: false; error: string };

async function call(url: string, init: RequestInit): Promise<ChannelOutcome> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "error" });
    await res.body?.cancel();
    return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/** The gateway URL for one message: {number} and {text} filled in, URL-encoded. */
export function smsUrl(template: string, number: string, text: string): string {
  return template.replaceAll("{number}", encodeURIComponent(number)).replaceAll("{text}", encodeURIComponent(text));
}

/** Sends an SMS through the configured HTTP gateway. */
export function sendSmsByGateway(template: string, number: string, text: string): Promise<ChannelOutcome> {
  return call(smsUrl(template, number, text), { method: "GET" });
}

/** The e-mail-to-SMS address of a number: its digits at the gateway's domain. */
export function smsMailAddress(domain: string, number: string): string {
  return `${number.replace(/\D/g, "")}@${domain}`;
}

/** The signature header of a webhook body: `sha256=` and the hex HMAC-SHA256 of the exact bytes sent. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * Posts the page to the webhook. X-Fyr-Delivery is the delivery's id: a receiver that sees one twice
 * (a node died between the post and recording it) drops the second.
 */
export function sendWebhook(
  oncall: Config["oncall"],
  deliveryId: string,
  payload: Record<string, unknown>,
): Promise<ChannelOutcome> {
  if (!oncall.webhookUrl) return Promise.resolve({ ok: false, error: "no webhook is configured" });
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json", "x-fyr-delivery": deliveryId };
  if (oncall.webhookSecret) headers["x-fyr-signature"] = webhookSignature(oncall.webhookSecret, body);
  return call(oncall.webhookUrl, { method: "POST", headers, body });
}
