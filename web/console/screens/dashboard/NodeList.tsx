import { useTranslation } from "react-i18next";
import type { NodeStatus } from "../../../../contract/nodes.js";
import { formatDateTime } from "../../../lib/time.js";

/** The Fyr processes sharing the database: roles, version, last tick, and which went silent. */
export function NodeList({ nodes, workerRunning }: { nodes: NodeStatus[]; workerRunning: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="nodes-heading">
      <h3 id="nodes-heading">{t("operationsAdmin.nodes.title")}</h3>
      {!workerRunning && (
        <p role="alert" className="dash-tile-alert" data-testid="no-worker">
          {t("operationsAdmin.nodes.noWorker")}
        </p>
      )}
      {/* Scrolls inside its card on a phone rather than widening the page. */}
      <div className="table-wrap">
        <table className="table" data-testid="nodes">
          <thead>
            <tr>
              <th scope="col">{t("operationsAdmin.nodes.node")}</th>
              <th scope="col">{t("operationsAdmin.nodes.roles")}</th>
              <th scope="col">{t("operationsAdmin.nodes.version")}</th>
              <th scope="col">{t("operationsAdmin.nodes.lastTick")}</th>
              <th scope="col">{t("operationsAdmin.nodes.state")}</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((n) => (
              <tr key={n.id} className={n.silent ? "dash-tile-alert" : undefined}>
                <td>{n.id}</td>
                <td>{n.roles.join(", ")}</td>
                <td>{n.version}</td>
                <td>{formatDateTime(n.lastTickAt, i18n.language)}</td>
                <td>
                  {n.silent
                    ? t("operationsAdmin.nodes.silent")
                    : n.stoppedAt
                      ? t("operationsAdmin.nodes.stopped")
                      : t("operationsAdmin.nodes.running")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
