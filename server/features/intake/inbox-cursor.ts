import { z } from "zod";
import type { ReportsQuery } from "../../../contract/intake-staff.js";
import { type Keyset, keyset } from "../../platform/keyset-page.js";

export type InboxSort = ReportsQuery["sort"];

/** Where an inbox page ended: the last report's arrival time and id; in the unread sort also its rank (0: new to the viewer). */
export interface InboxCursor {
  sort: InboxSort;
  at: string;
  id: string;
  rank: 0 | 1 | null;
}

const Shape = z
  .object({
    sort: z.enum(["received", "unread"]),
    at: z.iso.datetime(),
    id: z.uuid(),
    rank: z.union([z.literal(0), z.literal(1)]).nullable(),
  })
  .strict();

/** The inbox's cursor for one sort; one written for the other sort is a 400. */
export function inboxKeys(sort: InboxSort): Keyset<InboxCursor> {
  return keyset(Shape.refine((c) => c.sort === sort && (c.rank !== null) === (sort === "unread")));
}
