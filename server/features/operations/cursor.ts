import { z } from "zod";
import { keyset } from "../../platform/keyset-page.js";

/** Lists ordered by a numeric id (audit trail, jobs), newest first: the last id seen. */
export const ID_KEYS = keyset(z.object({ id: z.number().int().positive() }).strict());

/** Lists ordered by (time, uuid) (the outbox): the last row's time to the millisecond and its id. */
export const TIME_KEYS = keyset(z.object({ at: z.iso.datetime(), id: z.uuid() }).strict());
