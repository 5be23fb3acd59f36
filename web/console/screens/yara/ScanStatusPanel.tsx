import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { YaraScanStatus } from "../../../../contract/yara.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatBytes } from "../../../lib/intake/limits.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { useScanStatus, yaraKeys } from "./api.js";

/** Where scanning stands, and "scan everything now" with its progress (it goes on after a restart). */
export function ScanStatusPanel({ mayScan }: { mayScan: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const status = useScanStatus();
  const start = useMutation({
    mutationFn: () => api<YaraScanStatus>("POST", "/yara/scan-everything"),
    onSuccess: (s) => client.setQueryData(yaraKeys.status, s),
  });
  const s = status.data;
  const sweep = s?.sweep ?? null;
  const running = sweep !== null && sweep.finishedAt === null;
  const number = (n: number) => new Intl.NumberFormat(i18n.language === "sv" ? "sv-SE" : "en-GB").format(n);
  return (
    <Section title={t("yara.status.title")} id="yara-status">
      {status.isError ? <Notice tone="error">{errorMessage(t, status.error)}</Notice> : null}
      {start.isError ? <Notice tone="error">{errorMessage(t, start.error)}</Notice> : null}
      {s ? (
        <>
          <p>
            {t("yara.status.rulesOn", { count: s.enabledRules })}{" "}
            {t("yara.status.filesCurrent", { current: number(s.currentFiles), files: number(s.files) })}
            {s.waiting > 0 ? ` ${t("yara.status.waiting", { count: s.waiting })}` : ""}
          </p>
          <p className="cell-sub">
            {t("yara.status.limits", {
              size: formatBytes(s.limits.maxFileBytes, i18n.language),
              seconds: s.limits.timeoutSeconds,
            })}
          </p>
          {sweep ? (
            <div className="yara-progress" role="status">
              <progress max={Math.max(sweep.total, 1)} value={sweep.done} aria-label={t("yara.status.progressLabel")} />
              <span>
                {running
                  ? t("yara.status.running", { done: number(sweep.done), total: number(sweep.total) })
                  : t("yara.status.finished", {
                      at: sweep.finishedAt ? formatDateTime(sweep.finishedAt, i18n.language) : "",
                    })}
              </span>
              <span className="cell-sub">
                {t("yara.status.requested", {
                  name: sweep.requestedBy ?? "—",
                  at: formatDateTime(sweep.requestedAt, i18n.language),
                })}
              </span>
            </div>
          ) : null}
          {mayScan ? (
            <p>
              <Button
                variant="primary"
                busy={start.isPending}
                disabled={running || s.enabledRules === 0}
                onClick={() => start.mutate()}
              >
                {t("yara.status.scanEverything")}
              </Button>{" "}
              <span className="cell-sub">{t("yara.status.scanEverythingHint")}</span>
            </p>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
