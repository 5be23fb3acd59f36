import en from "./en.json" with { type: "json" };
import sv from "./sv.json" with { type: "json" };

// The public portal's words only: a reporter on a phone loads the report form, not the console's
// catalogue (every feature's screens, errors and audit words), which would push the first load past its
// budget (test/e2e/no-js.spec.ts).
export const portalMessages = { sv, en };
