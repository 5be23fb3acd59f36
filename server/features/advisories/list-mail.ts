import { systemActor } from "../../platform/auth/actor.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { AdvisoryKind } from "../../../contract/advisories.js";
import type { PublishListener, PublishedAdvisory } from "./types.js";

// A publication tells its list: advisories to "advisories", flash alerts to "flash" (which the lists send
// before anything else), weekly letters to "weekly". Lists are public subscriptions, so only what may be
// published to anyone (TLP:CLEAR and TLP:GREEN) is mailed; AMBER and RED stay behind the members' sign-in.
// The mail carries the title, summary and link, never the whole text: the page is the one that is kept
// up to date, and a revision is mailed as an update.

const LIST_OF_KIND: Record<AdvisoryKind, string> = { advisory: "advisories", flash: "flash", weekly: "weekly" };
const MAILED_TLP = new Set(["TLP:CLEAR", "TLP:GREEN"]);

/** What the mailing lists offer (features/mailing-lists sendToList), as the advisories use it. */
export type SendListMail = (
  ctx: ServiceContext,
  input: {
    list: string;
    messages: { sv: { subject: string; text: string }; en?: { subject: string; text: string } };
    sourceRef: string;
  },
) => Promise<unknown>;

const WORDS = {
  sv: { updated: "Uppdaterad", readMore: "Läs hela meddelandet" },
  en: { updated: "Updated", readMore: "Read the whole advisory" },
} as const;

function message(published: PublishedAdvisory, language: "sv" | "en", publicUrl: string) {
  const text = published.texts[language];
  if (!text) return undefined;
  const words = WORDS[language];
  const updated = published.revision > 1 ? `${words.updated}: ` : "";
  const link = `${publicUrl.replace(/\/$/, "")}/advisories/${encodeURIComponent(published.trackingId)}?lang=${language}`;
  return {
    subject: `[${published.trackingId}] ${updated}${text.title}`,
    text: `${text.title}\n\n${text.summary}\n\n${words.readMore}: ${link}\n`,
  };
}

/** The publish listener that mails a published advisory to its kind's list, in the publication's transaction. */
export function advisoryListMail(send: SendListMail, publicUrl: string): PublishListener {
  return async (tx, published, clock) => {
    if (!MAILED_TLP.has(published.tlp)) return;
    const sv = message(published, "sv", publicUrl);
    if (!sv) return;
    await send(
      { db: tx, clock, actor: systemActor("advisories") },
      {
        list: LIST_OF_KIND[published.kind],
        messages: { sv, en: message(published, "en", publicUrl) },
        sourceRef: published.trackingId,
      },
    );
  };
}
