import { z } from "zod";

// Every list of the API pages the same way (api-v1.md): `?limit=&cursor=` in, `{ items, nextCursor }`
// out, the cursor opaque (keyset, not offset) and null on the last page.

/** One page of `item`s and the cursor of the next page (null: this is the last). */
export const PageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
