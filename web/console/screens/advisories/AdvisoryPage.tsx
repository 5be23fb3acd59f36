import { useTranslation } from "react-i18next";
import type { Advisory } from "../../../../contract/advisories.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Link } from "../../../lib/router.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { ADVISORIES_PATH, useAdvisory } from "./api.js";
import { Checks } from "./Checks.js";
import { Editor } from "./Editor.js";
import { History } from "./History.js";
import { Workflow } from "./Workflow.js";
import "./advisories.css";

/** One advisory: its workflow step, the bilingual editor, the preview and CSAF check, comments and history. */
export function AdvisoryPage({ id, me }: { id: string; me: Me }) {
  const { t } = useTranslation();
  const a = useAdvisory(id);
  if (a.isPending) return <p role="status">{t("common.loading")}</p>;
  if (!a.data)
    return (
      <>
        <PageHeader title={t("advisories.title")} />
        <Notice tone="error">{errorMessage(t, a.error)}</Notice>
        <Link to={ADVISORIES_PATH}>{t("advisories.back")}</Link>
      </>
    );
  return <Loaded a={a.data} me={me} />;
}

function Loaded({ a, me }: { a: Advisory; me: Me }) {
  const { t } = useTranslation();
  const title = a.texts.sv?.title ?? a.texts.en?.title ?? a.trackingId;
  return (
    <>
      <p className="crumb">
        <Link to={ADVISORIES_PATH}>{t("advisories.back")}</Link>
      </p>
      <PageHeader title={`${a.trackingId} · ${title}`} />
      <p>
        {t(`advisories.kinds.${a.kind}`)} · <TlpBadge label={a.tlp} /> ·{" "}
        {t("advisories.author", { name: a.author.name })}
      </p>
      <Workflow advisory={a} me={me} />
      {/* Keyed by step: after a step (or a revision opened) the form starts from what is stored. */}
      <Editor key={`${a.status}-${a.revision}`} advisory={a} />
      <Checks advisory={a} />
      <History advisory={a} />
    </>
  );
}
