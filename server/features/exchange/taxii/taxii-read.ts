import { z } from "zod";
import type { MemberActor } from "../../../platform/auth/actor.js";
import type { SecretBox } from "../../../platform/auth/secret-box.js";
import type { Clock } from "../../../platform/clock.js";
import type { Db } from "../../../platform/db/connect.js";
import { selectPartner } from "../partners-store.js";
import { STIX_MEDIA_TYPE, taxiiForbidden, taxiiInvalid, taxiiNotFound } from "./taxii-http.js";
import {
  type CollectionWithGrant,
  type ObjectFilter,
  type ObjectRow,
  type PageKey,
  type VersionMatch,
  selectCollectionsFor,
  selectObjectPage,
} from "./taxii-store.js";
import { type CallerAccess, callerAccess, visibleRows } from "./taxii-visibility.js";
import { casesOfParticipant } from "../../coordination/index.js";
import { forumsOfOrganisation } from "../../forums/index.js";

// The read side of the TAXII 2.1 API root (§5): collections, objects, manifests, one object, versions.
// Pages are keyset ranges read until `limit` objects the caller may receive are found (one more tells
// `more`), so a withheld object is never in a page, never in `more`, never the reason a page is short.

export interface TaxiiContext {
  db: Db;
  clock: Clock;
  actor: MemberActor;
  /** Seals `next` tokens: opaque, bound to their collection, naming nothing a reader could decode. */
  secrets: SecretBox;
  ip?: string;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const list = z
  .string()
  .max(10_000)
  .transform((s) =>
    s
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean),
  );
const timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s));

/** The filters of §3.4 as they come in the query string. */
export const TaxiiQuery = z.object({
  added_after: timestamp.optional(),
  limit: z.coerce.number().int().min(1).optional(),
  next: z.string().max(2000).optional(),
  "match[id]": list.optional(),
  "match[type]": list.optional(),
  "match[version]": list.optional(),
  "match[spec_version]": list.optional(),
});
export type TaxiiQuery = z.infer<typeof TaxiiQuery>;

export function parseQuery(raw: unknown): TaxiiQuery {
  const parsed = TaxiiQuery.safeParse(raw);
  if (!parsed.success) throw taxiiInvalid(`Invalid filter: ${parsed.error.issues[0]?.path.join(".") ?? "query"}`);
  return parsed.data;
}

function versionMatch(values: string[] | undefined): VersionMatch {
  if (!values || values.length === 0) return { kind: "last" };
  if (values.includes("all")) return { kind: "all" };
  const words = values.filter((v) => v === "first" || v === "last");
  const times = values.filter((v) => v !== "first" && v !== "last");
  if (times.some((t) => Number.isNaN(Date.parse(t))))
    throw taxiiInvalid("match[version] takes first, last, all or timestamps");
  if (times.length > 0 && words.length === 0) return { kind: "at", versions: times.map((t) => new Date(t)) };
  if (words.length === 1 && times.length === 0) return { kind: words[0] === "first" ? "first" : "last" };
  // Several kinds at once (first,last or a word with timestamps): every version, the union narrowed later.
  return { kind: "all" };
}

const PageKeyShape = z.object({ dateAdded: z.string(), objectId: z.string(), version: z.string() });

const NEXT_CONTEXT = "taxii-next";
/** How many batches one page reads at most before answering what it found (`more` then true). */
const MAX_BATCHES = 10;

const keyOf = (row: ObjectRow): PageKey => ({
  dateAdded: row.date_added.toISOString(),
  objectId: row.object_id,
  version: row.version.toISOString(),
});

const encodeNext = (ctx: TaxiiContext, collectionId: string, key: PageKey): string =>
  Buffer.from(ctx.secrets.seal(JSON.stringify(key), `${NEXT_CONTEXT}:${collectionId}`)).toString("base64url");

function decodeNext(ctx: TaxiiContext, collectionId: string, next: string | undefined): PageKey | undefined {
  if (next === undefined || next === "") return undefined;
  try {
    const text = ctx.secrets.open(Buffer.from(next, "base64url").toString("utf8"), `${NEXT_CONTEXT}:${collectionId}`);
    return PageKeyShape.parse(JSON.parse(text));
  } catch {
    throw taxiiInvalid("next is not a value this server gave out for this collection");
  }
}

/** The caller's collections (those granted to, or meant for, their organisation). */
export async function callerCollections(
  ctx: TaxiiContext,
  id?: string,
): Promise<{ collection: CollectionWithGrant; access: CallerAccess }[]> {
  if (id !== undefined && !/^[0-9a-f-]{36}$/i.test(id)) return [];
  const org = ctx.actor.organisationId;
  const [forums, cases] = await Promise.all([forumsOfOrganisation(ctx.db, org), casesOfParticipant(ctx.db, org)]);
  const communities = { forums: new Set(forums), cases: new Map(cases.map((c) => [c.caseId, c])) };
  const [rows, partner] = await Promise.all([
    selectCollectionsFor(ctx.db, org, id?.toLowerCase(), [...forums, ...communities.cases.keys()]),
    selectPartner(ctx.db, org),
  ]);
  return rows.flatMap((collection) => {
    const access = callerAccess(collection, org, partner, communities);
    return access && (access.canRead || access.canWrite) ? [{ collection, access }] : [];
  });
}

/** The TAXII collection resource (§5.2). */
export function collectionResource(c: CollectionWithGrant, access: CallerAccess) {
  return {
    id: c.id,
    title: c.title,
    ...(c.description ? { description: c.description } : {}),
    can_read: access.canRead,
    can_write: access.canWrite,
    media_types: [STIX_MEDIA_TYPE],
  };
}

/** One collection of the caller's (404 otherwise), readable when `need` says so (403 otherwise). */
export async function callerCollection(ctx: TaxiiContext, id: string, need: "read" | "write" | "either") {
  const [found] = await callerCollections(ctx, id);
  if (!found) throw taxiiNotFound("No such collection");
  if (need === "read" && !found.access.canRead) throw taxiiForbidden("This collection is not readable for you");
  if (need === "write" && !found.access.canWrite) throw taxiiForbidden("This collection is not writable for you");
  return found;
}

export interface TaxiiPage {
  rows: ObjectRow[];
  more: boolean;
  next: string | undefined;
}

/** A page of what the caller may receive of a collection, for objects, manifest, one object, versions. */
export async function readPage(
  ctx: TaxiiContext,
  collectionId: string,
  query: TaxiiQuery,
  only: { objectId?: string; versions?: "all" } = {},
): Promise<TaxiiPage> {
  const { collection, access } = await callerCollection(ctx, collectionId, "read");
  const limit = Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const filter: ObjectFilter = {
    collectionId: collection.id,
    addedAfter: query.added_after ? new Date(query.added_after) : undefined,
    ids: only.objectId !== undefined ? [only.objectId] : query["match[id]"],
    types: only.objectId !== undefined ? undefined : query["match[type]"],
    specVersions: query["match[spec_version]"],
    version: only.versions === "all" ? { kind: "all" } : versionMatch(query["match[version]"]),
  };
  const kept: ObjectRow[] = [];
  let after = decodeNext(ctx, collection.id, query.next);
  const batch = limit + 1;
  for (let round = 1; ; round++) {
    const rows = await selectObjectPage(ctx.db, filter, after, batch);
    kept.push(...(await visibleRows(ctx.db, rows, access)));
    const last = rows.at(-1);
    if (kept.length > limit || rows.length < batch || !last) break;
    after = keyOf(last);
    // A long run of withheld objects: answer what was found and go on from there next time (the sealed
    // `next` names nothing), rather than scan a whole collection in one request.
    if (round === MAX_BATCHES) return { rows: kept, more: true, next: encodeNext(ctx, collection.id, after) };
  }
  const page = kept.slice(0, limit);
  const more = kept.length > limit;
  const tail = page.at(-1);
  return { rows: page, more, next: more && tail ? encodeNext(ctx, collection.id, keyOf(tail)) : undefined };
}

/** The envelope of a page of objects (§3.7), as JSON text: the stored objects' text joined, not re-read. */
export function envelope(page: TaxiiPage): string {
  if (page.rows.length === 0 && !page.more) return JSON.stringify({ more: false });
  const head = JSON.stringify({ more: page.more, ...(page.next ? { next: page.next } : {}) }).slice(0, -1);
  return `${head},"objects":[${page.rows.map((r) => r.body).join(",")}]}`;
}

/** The manifest resource of a page (§5.4). */
export function manifest(page: TaxiiPage) {
  if (page.rows.length === 0 && !page.more) return { more: false };
  return {
    more: page.more,
    ...(page.next ? { next: page.next } : {}),
    objects: page.rows.map((r) => ({
      id: r.object_id,
      date_added: r.date_added.toISOString(),
      version: r.version.toISOString(),
      media_type: STIX_MEDIA_TYPE,
    })),
  };
}

/** The versions resource of a page (§5.8). */
export function versionsResource(page: TaxiiPage) {
  return {
    more: page.more,
    ...(page.next ? { next: page.next } : {}),
    versions: page.rows.map((r) => r.version.toISOString()),
  };
}
