import type { Shift } from "../../../contract/oncall.js";
import type { ShiftRow } from "./rota-store.js";

/** A shift as the API shows it. */
export function presentShift(r: ShiftRow): Shift {
  return {
    id: r.id,
    user: { id: r.user_id, name: r.user_name },
    role: r.role,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    patternId: r.pattern_id,
    swap:
      r.swap_id && r.swap_to_id ? { id: r.swap_id, toUser: { id: r.swap_to_id, name: r.swap_to_name ?? "" } } : null,
  };
}
