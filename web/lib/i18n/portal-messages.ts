import attentionEn from "./attention.en.json" with { type: "json" };
import attentionSv from "./attention.sv.json" with { type: "json" };
import en from "./en.json" with { type: "json" };
import sv from "./sv.json" with { type: "json" };

// The public portal's words only: a reporter on a phone loads the report form, not the console's
// catalogue (every feature's screens, errors and audit words), which would push the first load past its
// budget (test/e2e/no-js.spec.ts). The follow-up page's notice of a closed case keeps its words beside the
// console's attention words, so that one block comes along.
export const portalMessages = {
  sv: { ...sv, followUpClosed: attentionSv.followUpClosed },
  en: { ...en, followUpClosed: attentionEn.followUpClosed },
};
