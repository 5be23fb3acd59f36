import { useTranslation } from "react-i18next";
import type { Me } from "../../../lib/api/types.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { FeedEvents } from "./FeedEvents.js";
import { FeedRuns } from "./FeedRuns.js";
import { FeedSources } from "./FeedSources.js";
import { FeedUpload } from "./FeedUpload.js";
import { isAdmin } from "../../session.js";
import { mayUploadFeeds } from "./api.js";
import "./feeds.css";

/** Security-event feeds: sources and their health, an upload (duty, analysts), the runs, the events. */
export function Feeds({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("feeds.title")} />
      <p className="ws-intro">{t("feeds.intro")}</p>
      <FeedSources admin={isAdmin(me)} />
      {mayUploadFeeds(me) ? <FeedUpload csrfToken={me.csrfToken} /> : null}
      <FeedRuns mayDecide={mayUploadFeeds(me)} />
      <FeedEvents />
    </>
  );
}
