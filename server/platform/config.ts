import { z } from "zod";
import { telHref } from "./cert-contact.js";
import { parseSecretKeys } from "./auth/secret-keys.js";
import type { Severity } from "./db/tables/incidents.js";
import { type AddressList, emptyAddressList, parseAddressList } from "./http/client-address.js";

/** Process roles: which surfaces and loops this process runs. */
export const Role = z.enum(["public", "staff", "worker"]);
export type Role = z.infer<typeof Role>;

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => protocols.some((p) => v.startsWith(`${p}:`)), `must start with ${protocols.join(": or ")}:`)
    .optional();

const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];

/** "critical=4,high=24,medium=72,low=168": hours to resolve an incident of each severity, all four named. */
const slaHours = z.string().transform((v, ctx) => {
  const hours: Partial<Record<Severity, number>> = {};
  for (const part of v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name = "", value = "", ...rest] = part.split("=").map((s) => s.trim());
    const severity = SEVERITIES.find((s) => s === name);
    const n = Number(value);
    if (!severity || rest.length > 0 || value === "" || !Number.isFinite(n) || n <= 0 || n > 24 * 365) {
      ctx.addIssue({
        code: "custom",
        message: `"${part}" is not severity=hours (severity critical, high, medium or low; hours > 0)`,
      });
      return z.NEVER;
    }
    if (hours[severity] !== undefined) {
      ctx.addIssue({ code: "custom", message: `${severity} is given twice` });
      return z.NEVER;
    }
    hours[severity] = n;
  }
  const missing = SEVERITIES.filter((s) => hours[s] === undefined);
  if (missing.length > 0) {
    ctx.addIssue({ code: "custom", message: `hours missing for ${missing.join(", ")}` });
    return z.NEVER;
  }
  return hours as Record<Severity, number>;
});

/** "10.0.0.1, 192.168.0.0/16, ::1": addresses and CIDR networks. */
const addressList = z.string().transform((v, ctx): AddressList => {
  const parsed = parseAddressList(v);
  if ("problem" in parsed) {
    ctx.addIssue({ code: "custom", message: parsed.problem });
    return z.NEVER;
  }
  return parsed.list;
});

/** A URI for security.txt: mailto:, tel: or https: (RFC 9116: web URIs must be https). */
const securityUri = z
  .string()
  .regex(/^(mailto:[^\s@]+@[^\s@]+|tel:\+?[0-9 ()-]+|https:\/\/\S+)$/, "must be a mailto:, tel: or https:// URI");

/** Every setting Fyr reads from the environment, validated once at start. */
const Env = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  FYR_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
  // Unset: this machine on PORT, so the printed setup link works wherever a newcomer starts Fyr.
  FYR_PUBLIC_URL: z.string().url().optional(),
  // Fewer connections than one might think: on a 2-core host 8 beat 10 and 20 for intake (bench/).
  FYR_DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(8),
  FYR_ROLES: z
    .string()
    .default("public,staff,worker")
    .transform((v, ctx) => {
      const parts = v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const roles: Role[] = [];
      for (const p of parts) {
        const r = Role.safeParse(p);
        if (!r.success) {
          ctx.addIssue({ code: "custom", message: `unknown role "${p}" (expected public, staff, worker)` });
          return z.NEVER;
        }
        roles.push(r.data);
      }
      if (roles.length === 0) {
        ctx.addIssue({ code: "custom", message: "at least one role is required" });
        return z.NEVER;
      }
      return [...new Set(roles)];
    }),
  FYR_SMTP_URL: optionalUrl(["smtp", "smtps"]),
  FYR_MAIL_FROM: z.string().min(3).default("cert@localhost"),
  FYR_INBOUND_SMTP_PORT: port.optional(),
  // The authserv-id(s) of the receiving MTA whose Authentication-Results headers (RFC 8601) are believed,
  // comma-separated (e.g. "mx.cert.example"). Senders can write these headers too: any other id is ignored.
  FYR_MAIL_AUTHSERV_ID: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  FYR_IMAP_URL: optionalUrl(["imap", "imaps"]),
  FYR_PGP_KEY_FILE: z.string().min(1).optional(),
  FYR_PGP_PASSPHRASE: z.string().optional(),
  FYR_REFERENCE_PREFIX: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{1,15}$/, "upper-case letters and digits, 2–16 characters")
    .default("FYR"),
  FYR_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(0).default(60),
  FYR_LOGIN_RATE_LIMIT: z.coerce.number().int().min(0).default(10),
  // Bytes of files one client address may upload through the public surface per hour; 0 = no quota.
  FYR_PUBLIC_UPLOAD_BYTES_PER_HOUR: z.coerce
    .number()
    .int()
    .min(0)
    .default(500 * 1024 * 1024),
  // Reverse proxies whose X-Forwarded-For is believed; none: the socket's peer is the client.
  FYR_TRUST_PROXY: addressList.optional(),
  // Who may read /metrics besides direct requests from loopback.
  FYR_METRICS_ALLOW: addressList.optional(),
  // security.txt (RFC 9116): contacts (comma-separated URIs), key, policy, and how far ahead it expires.
  FYR_SECURITY_CONTACT: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(securityUri).min(1))
    .optional(),
  FYR_SECURITY_ENCRYPTION: securityUri.optional(),
  FYR_SECURITY_POLICY: securityUri.optional(),
  FYR_SECURITY_TXT_EXPIRES_DAYS: z.coerce.number().int().min(1).max(364).default(180),
  FYR_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // One info line per request: "1" on, "0" off; unset: on for JSON logs (production), off on a terminal.
  FYR_LOG_REQUESTS: z.enum(["0", "1"]).optional(),
  // How the public reaches the CERT: the portal (with and without JavaScript), its server pages, the
  // public 404 page, and the signature of receipts and advice templates. One value is both what is
  // shown and the tel: link, hence the international form by default.
  FYR_CERT_NAME: z.string().trim().min(1).max(100).default("CERT-SE"),
  FYR_CERT_PHONE: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()./-]{3,38}[0-9]$/, "a telephone number, e.g. +46 10 240 40 40")
    .default("+46 10 240 40 40"),
  FYR_CERT_EMAIL: z.email().default("cert@cert.se"),
  FYR_CERT_WEB: z.url({ protocol: /^https?$/ }).default("https://www.cert.se"),
  FYR_TIME_ZONE: z.string().min(1).default("Europe/Stockholm"),
  FYR_AUTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  FYR_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(60),
  FYR_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  FYR_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  FYR_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).default(20),
  FYR_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  FYR_MAX_ATTACHMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  FYR_MAX_REPORT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(100 * 1024 * 1024),
  // The largest constituency import file accepted by upload (the CLI reads any size, streamed).
  FYR_CONSTITUENCY_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024 * 1024),
  FYR_ACK_TARGET_MINUTES: z.coerce.number().int().min(1).default(60),
  FYR_ACK_TARGET_NIS2_MINUTES: z.coerce.number().int().min(1).default(15),
  FYR_INCIDENT_SLA_HOURS: slaHours.default(slaHours.parse("critical=4,high=24,medium=72,low=168")),
  // Keys sealing secrets stored in the database (TOTP secrets): base64 of 32 bytes each, comma
  // separated; the first seals, all open (old keys stay during `fyr secrets rotate`). Unset: the key
  // file <FYR_DATA_DIR>/secret.key, created with mode 0600 on first start.
  FYR_SECRET_KEY: z
    .string()
    .transform((v, ctx) => {
      try {
        return parseSecretKeys(v, /,/);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : "not base64 keys" });
        return z.NEVER;
      }
    })
    .optional(),
  FYR_CORRELATION_COMMON_CASES: z.coerce.number().int().min(2).max(10_000).default(50),
  // YARA scanning (features/yara): files larger than this are not scanned (and say so) — the scanner
  // holds a file whole in memory while it scans it; a file's scan is stopped after this many seconds.
  FYR_YARA_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024 * 1024),
  FYR_YARA_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // Security-event feeds (features/feeds): the largest file an upload may send (413 past it; files are
  // streamed, never held), and how many months of events are kept (older month partitions are dropped).
  FYR_FEED_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 ** 3),
  FYR_FEED_RETENTION_MONTHS: z.coerce.number().int().min(1).max(240).default(13),
  // Vulnerability monitoring (features/vulnerabilities): URLs pulled on a schedule (KEV catalogue JSON, the
  // EPSS daily CSV, plain or .gz; unset: not pulled), how often, the EPSS rise the daily diff calls a jump,
  // and how often OSINT feeds are polled.
  FYR_KEV_URL: optionalUrl(["https", "http"]),
  FYR_EPSS_URL: optionalUrl(["https", "http"]),
  FYR_CVE_URL: optionalUrl(["https", "http"]),
  FYR_VULN_PULL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(360),
  FYR_EPSS_JUMP_THRESHOLD: z.coerce.number().min(0).max(1).default(0.1),
  FYR_OSINT_POLL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  // E-mail lists (features/mailing-lists): list mail released to the outbox per minute, across every
  // process (the relay's limit); subscription requests per client address per hour (429 past it).
  FYR_LIST_SEND_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  FYR_LIST_SUBSCRIBE_PER_HOUR: z.coerce.number().int().min(0).max(100_000).default(20),
  // The most events one download (a member's CSV) holds; a longer window is refused with 413.
  FYR_EVENT_EXPORT_MAX: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  // Enrichment by reverse DNS (source.reverse_dns) asks the resolver, so leaves the machine: off unless 1.
  FYR_FEED_REVERSE_DNS: z.enum(["0", "1"]).default("0"),
  // Signs the sealed audit head (audit-anchor.ts); unset: audit-anchor.key in the data dir. Same on every worker node.
  FYR_AUDIT_ANCHOR_KEY: z.string().min(32, "at least 32 characters").optional(),
  // Where the signed audit head is mailed once a day; unset: not mailed (`fyr audit anchor` prints it).
  FYR_AUDIT_ANCHOR_MAIL_TO: z.email().optional(),
  // High availability (platform/nodes.ts): an outside monitor's URL pinged each minute while Fyr is healthy
  // (a worker ticks; unset: not pinged), and how long a node may be silent before its peers raise the alarm.
  FYR_HEARTBEAT_URL: optionalUrl(["https", "http"]),
  FYR_NODE_SILENT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(60),
  // Backups (features/backup): where scheduled backups go (unset: none scheduled), every how many hours,
  // and how many are kept (older ones are deleted after a new one is complete).
  FYR_BACKUP_DIR: z.string().min(1).optional(),
  FYR_BACKUP_HOURS: z.coerce.number().int().min(1).max(8760).default(24),
  FYR_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  // Retention (features/retention): months after a case is closed before its personal data is removed
  // or pseudonymised, per kind of data; 0 keeps it. Incidents under a legal hold are never touched.
  FYR_RETENTION_REPORT_MONTHS: z.coerce.number().int().min(0).max(1200).default(60),
  FYR_RETENTION_CONTACT_MONTHS: z.coerce.number().int().min(0).max(1200).default(24),
  FYR_RETENTION_INCIDENT_MONTHS: z.coerce.number().int().min(0).max(1200).default(120),
  FYR_RETENTION_MAIL_MONTHS: z.coerce.number().int().min(0).max(1200).default(24),
  FYR_RETENTION_AUDIT_MONTHS: z.coerce.number().int().min(0).max(1200).default(0),
  // Escalation channels (features/oncall): an SMS gateway URL template with {number} and {text} (Kannel's
  // sendsms: http://gw:13013/cgi-bin/sendsms?user=u&pass=p&to={number}&text={text}), or a mail-to-SMS
  // domain (+46701234567 → 46701234567@domain); a webhook URL and the secret its HMAC-SHA256 is keyed with.
  FYR_ONCALL_SMS_URL: optionalUrl(["https", "http"]),
  FYR_ONCALL_SMS_MAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "a domain name")
    .optional(),
  FYR_ONCALL_WEBHOOK_URL: optionalUrl(["https", "http"]),
  FYR_ONCALL_WEBHOOK_SECRET: z.string().min(16, "at least 16 characters").optional(),
  // How often the escalation tick runs (seconds).
  FYR_ONCALL_TICK_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
});

export type Config = ReturnType<typeof toConfig>;

/** The bare address of `Name <addr>` (FYR_MAIL_FROM may carry a display name). */
const addressOf = (from: string) => /<([^<>\s]+)>/.exec(from)?.[1] ?? from.trim();

function toConfig(env: z.infer<typeof Env>) {
  const publicUrl = env.FYR_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: env.FYR_DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    dbPoolSize: env.FYR_DB_POOL_SIZE,
    publicUrl: publicUrl.replace(/\/+$/, ""),
    roles: env.FYR_ROLES,
    smtpUrl: env.FYR_SMTP_URL,
    mailFrom: env.FYR_MAIL_FROM,
    inboundSmtpPort: env.FYR_INBOUND_SMTP_PORT,
    mailAuthservIds: env.FYR_MAIL_AUTHSERV_ID,
    imapUrl: env.FYR_IMAP_URL,
    pgpKeyFile: env.FYR_PGP_KEY_FILE,
    pgpPassphrase: env.FYR_PGP_PASSPHRASE,
    referencePrefix: env.FYR_REFERENCE_PREFIX,
    publicRateLimit: env.FYR_PUBLIC_RATE_LIMIT,
    loginRateLimit: env.FYR_LOGIN_RATE_LIMIT,
    publicUploadBytesPerHour: env.FYR_PUBLIC_UPLOAD_BYTES_PER_HOUR,
    trustProxy: env.FYR_TRUST_PROXY ?? emptyAddressList,
    metricsAllow: env.FYR_METRICS_ALLOW ?? emptyAddressList,
    securityTxt: {
      contacts: env.FYR_SECURITY_CONTACT ?? [`mailto:${addressOf(env.FYR_MAIL_FROM)}`],
      encryption: env.FYR_SECURITY_ENCRYPTION,
      policy: env.FYR_SECURITY_POLICY,
      expiresDays: env.FYR_SECURITY_TXT_EXPIRES_DAYS,
    },
    logLevel: env.FYR_LOG_LEVEL,
    /** Null: decided by where the log goes (platform/log.ts logsToTerminal). */
    logRequests: env.FYR_LOG_REQUESTS === undefined ? null : env.FYR_LOG_REQUESTS === "1",
    cert: {
      name: env.FYR_CERT_NAME,
      phone: env.FYR_CERT_PHONE,
      phoneUri: telHref(env.FYR_CERT_PHONE),
      email: env.FYR_CERT_EMAIL,
      web: env.FYR_CERT_WEB,
    },
    timeZone: env.FYR_TIME_ZONE,
    oncall: {
      smsUrl: env.FYR_ONCALL_SMS_URL,
      smsMailDomain: env.FYR_ONCALL_SMS_MAIL_DOMAIN,
      webhookUrl: env.FYR_ONCALL_WEBHOOK_URL,
      webhookSecret: env.FYR_ONCALL_WEBHOOK_SECRET,
      tickMs: env.FYR_ONCALL_TICK_SECONDS * 1000,
    },
    authCacheMs: env.FYR_AUTH_CACHE_SECONDS * 1000,
    sessionIdleMs: env.FYR_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: env.FYR_SESSION_ABSOLUTE_HOURS * 3_600_000,
    bodyLimitBytes: env.FYR_BODY_LIMIT_BYTES,
    shutdownGraceMs: env.FYR_SHUTDOWN_GRACE_SECONDS * 1000,
    workerConcurrency: env.FYR_WORKER_CONCURRENCY,
    maxAttachmentBytes: env.FYR_MAX_ATTACHMENT_BYTES,
    maxReportBytes: env.FYR_MAX_REPORT_BYTES,
    constituencyImportMaxBytes: env.FYR_CONSTITUENCY_IMPORT_MAX_BYTES,
    ackTargetMinutes: env.FYR_ACK_TARGET_MINUTES,
    ackTargetNis2Minutes: env.FYR_ACK_TARGET_NIS2_MINUTES,
    incidentSlaHours: env.FYR_INCIDENT_SLA_HOURS,
    correlationCommonCases: env.FYR_CORRELATION_COMMON_CASES,
    yaraMaxFileBytes: env.FYR_YARA_MAX_FILE_BYTES,
    feedMaxUploadBytes: env.FYR_FEED_MAX_UPLOAD_BYTES,
    feedRetentionMonths: env.FYR_FEED_RETENTION_MONTHS,
    listSendPerMinute: env.FYR_LIST_SEND_PER_MINUTE,
    listSubscribePerHour: env.FYR_LIST_SUBSCRIBE_PER_HOUR,
    eventExportMax: env.FYR_EVENT_EXPORT_MAX,
    feedReverseDns: env.FYR_FEED_REVERSE_DNS === "1",
    yaraTimeoutMs: env.FYR_YARA_TIMEOUT_SECONDS * 1000,
    secretKeys: env.FYR_SECRET_KEY,
    vulnerabilityPulls: {
      kevUrl: env.FYR_KEV_URL,
      epssUrl: env.FYR_EPSS_URL,
      cveUrl: env.FYR_CVE_URL,
      everyMs: env.FYR_VULN_PULL_MINUTES * 60_000,
    },
    epssJumpThreshold: env.FYR_EPSS_JUMP_THRESHOLD,
    osintPollMs: env.FYR_OSINT_POLL_MINUTES * 60_000,
    auditAnchorKey: env.FYR_AUDIT_ANCHOR_KEY,
    auditAnchorMailTo: env.FYR_AUDIT_ANCHOR_MAIL_TO,
    secureCookies: publicUrl.startsWith("https:"),
    heartbeatUrl: env.FYR_HEARTBEAT_URL,
    nodeSilentMs: env.FYR_NODE_SILENT_SECONDS * 1000,
    backup: { dir: env.FYR_BACKUP_DIR, everyMs: env.FYR_BACKUP_HOURS * 3_600_000, keep: env.FYR_BACKUP_KEEP },
    retentionMonths: {
      reports: env.FYR_RETENTION_REPORT_MONTHS,
      contacts: env.FYR_RETENTION_CONTACT_MONTHS,
      incidents: env.FYR_RETENTION_INCIDENT_MONTHS,
      mail: env.FYR_RETENTION_MAIL_MONTHS,
      feedEvents: env.FYR_FEED_RETENTION_MONTHS,
      audit: env.FYR_RETENTION_AUDIT_MONTHS,
    },
  };
}

/** Raised when the environment holds a bad or unknown setting; names each one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const KNOWN = new Set(Object.keys(Env.shape));
// Settings that belong to tests and tools, never to the server; accepted so they are not "unknown".
const TOOLING = new Set(["FYR_TEST_DATABASE_URL", "FYR_BENCH_DATABASE_URL"]);

/** Reads and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  for (const key of Object.keys(env)) {
    // A typo such as FYR_SMTP_URI must not silently fall back to a default.
    if (key.startsWith("FYR_") && !KNOWN.has(key) && !TOOLING.has(key)) problems.push(`${key}: unknown setting`);
  }
  const raw: Record<string, string> = {};
  for (const key of KNOWN) {
    const v = env[key];
    if (v !== undefined && v !== "") raw[key] = v;
  }
  const parsed = Env.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return toConfig(parsed.data);
}
