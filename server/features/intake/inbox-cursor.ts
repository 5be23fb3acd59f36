import { z } from "zod";
import { keyset } from "../../platform/keyset-page.js";

/** The inbox's keyset cursor: the last report's arrival time and id. */
export const INBOX_KEYS = keyset(z.object({ at: z.iso.datetime(), id: z.uuid() }).strict(), "cursor_invalid");
