import type { FastifyRequest } from "fastify";
import {
  AdviceInput,
  AdviceList,
  AdviceParams,
  AdviceText,
  FailingAddressParams,
  NotificationDetail,
  NotificationListQuery,
  NotificationPage,
  NotificationParams,
  NotificationRunResult,
  SendNowInput,
  UnreachableList,
} from "../../../contract/notifications.js";
import { ADMINS, CASE_READERS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { listAdvice, putAdvice, removeAdvice } from "./advice.js";
import type { Notifier } from "./make-digest.js";
import { getNotification, listNotifications, listUnreachable } from "./read-notifications.js";
import { assertMayDeliver, clearFailingAddress, resendNotification } from "./resend-notification.js";
import { runDueNotifications } from "./run-notifications.js";

const tags = ["notifications"];
const security = STAFF_SECURITY;

/**
 * Notifications to owners (/api/v1/notifications…): case readers read digests, deliveries, the cannot-
 * reach list and the advice texts; case workers resend, send now and clear failing addresses; admins run
 * the pass and edit advice.
 */
export function registerNotificationRoutes(
  app: FyrApp,
  deps: Pick<AppDeps, "db" | "clock" | "config">,
  notifier: Notifier,
): void {
  const reader = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);
  const worker = (req: FastifyRequest) => ({ ...staffContext(req, deps, CASE_WORKERS), notifier });

  app.post(
    "/api/v1/notifications/run",
    { config: ADMINS, schema: { tags, security, response: { 200: NotificationRunResult } } },
    async (req) => runDueNotifications({ ...staffContext(req, deps, ADMINS), notifier }),
  );
  app.post(
    "/api/v1/notifications/send-now",
    { config: CASE_WORKERS, schema: { tags, security, body: SendNowInput, response: { 200: NotificationRunResult } } },
    async (req) => {
      const ctx = worker(req);
      assertMayDeliver(ctx);
      return runDueNotifications(ctx, { organisationId: req.body.organisation, force: true });
    },
  );
  app.get(
    "/api/v1/notifications",
    {
      config: CASE_READERS,
      schema: { tags, security, querystring: NotificationListQuery, response: { 200: NotificationPage } },
    },
    async (req) => listNotifications(reader(req), req.query),
  );
  app.get(
    "/api/v1/notifications/unreachable",
    { config: CASE_READERS, schema: { tags, security, response: { 200: UnreachableList } } },
    async (req) => listUnreachable(reader(req)),
  );
  app.delete(
    "/api/v1/notifications/unreachable/:address",
    { config: CASE_WORKERS, schema: { tags, security, params: FailingAddressParams } },
    async (req, reply) => {
      await clearFailingAddress(worker(req), req.params.address);
      return reply.status(204).send();
    },
  );
  app.get(
    "/api/v1/notifications/advice",
    { config: CASE_READERS, schema: { tags, security, response: { 200: AdviceList } } },
    async (req) => listAdvice(reader(req)),
  );
  app.put(
    "/api/v1/notifications/advice/:key",
    {
      config: ADMINS,
      schema: { tags, security, params: AdviceParams, body: AdviceInput, response: { 200: AdviceText } },
    },
    async (req) => putAdvice(staffContext(req, deps, ADMINS), req.params.key, req.body),
  );
  app.delete(
    "/api/v1/notifications/advice/:key",
    { config: ADMINS, schema: { tags, security, params: AdviceParams } },
    async (req, reply) => {
      await removeAdvice(staffContext(req, deps, ADMINS), req.params.key);
      return reply.status(204).send();
    },
  );
  app.get(
    "/api/v1/notifications/:id",
    {
      config: CASE_READERS,
      schema: { tags, security, params: NotificationParams, response: { 200: NotificationDetail } },
    },
    async (req) => getNotification(reader(req), req.params.id),
  );
  app.post(
    "/api/v1/notifications/:id/resend",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: NotificationParams, response: { 200: NotificationDetail } },
    },
    async (req) => resendNotification(worker(req), req.params.id),
  );
}
