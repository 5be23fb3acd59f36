import type { FastifyRequest } from "fastify";
import {
  Forum,
  ForumCreate,
  ForumDecision,
  ForumDetail,
  ForumDirectory,
  ForumList,
  ForumMember,
  ForumMemberParams,
  ForumParams,
  ForumPatch,
  ForumPost,
  ForumPostCreate,
  ForumPostPage,
  ForumPostQuery,
  ForumProposal,
  Introduction,
  IntroductionCreate,
  IntroductionList,
} from "../../../contract/forums.js";
import { FORUM_MANAGER_ROLES, FORUM_READER_ROLES } from "../../../contract/roles.js";
import { ADMINS, allow } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { getDirectory, introduce, listIntroductions } from "./directory.js";
import { createForum, getForumDetail, listForums, updateForum } from "./forums.js";
import { createPost, listPosts } from "./posts.js";
import { approveProposal, proposeMember, rejectProposal, removeMember } from "./proposals.js";

const tags = ["forums"];
const security = STAFF_SECURITY;
/** Case readers see forums; duty officers and analysts run them; admins vet (contract/roles.ts). */
const READERS = allow(...FORUM_READER_ROLES);
const MANAGERS = allow(...FORUM_MANAGER_ROLES);

/** The forums for staff (/api/v1/forums…): forums, members and proposals, posts and notes, directory. */
export function registerForumStaffRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const reader = (req: FastifyRequest) => staffContext(req, deps, READERS);
  const manager = (req: FastifyRequest) => staffContext(req, deps, MANAGERS);
  const admin = (req: FastifyRequest) => staffContext(req, deps, ADMINS);

  app.get(
    "/api/v1/forums",
    { config: READERS, schema: { tags, security, response: { 200: ForumList } } },
    async (req) => listForums(reader(req)),
  );
  app.post(
    "/api/v1/forums",
    { config: MANAGERS, schema: { tags, security, body: ForumCreate, response: { 201: Forum } } },
    async (req, reply) => reply.status(201).send(await createForum(manager(req), req.body)),
  );
  app.get(
    "/api/v1/forums/:id",
    { config: READERS, schema: { tags, security, params: ForumParams, response: { 200: ForumDetail } } },
    async (req) => getForumDetail(reader(req), req.params.id),
  );
  app.patch(
    "/api/v1/forums/:id",
    { config: MANAGERS, schema: { tags, security, params: ForumParams, body: ForumPatch, response: { 200: Forum } } },
    async (req) => updateForum(manager(req), req.params.id, req.body),
  );
  app.post(
    "/api/v1/forums/:id/proposals",
    {
      config: MANAGERS,
      schema: {
        tags,
        security,
        description:
          "Staff propose a person (as sponsor); an admin approves. `organisationId` invites them as a member of that constituent organisation if they have no account; otherwise they become an external member.",
        params: ForumParams,
        body: ForumProposal,
        response: { 201: ForumMember },
      },
    },
    async (req, reply) => reply.status(201).send(await proposeMember(manager(req), req.params.id, req.body)),
  );
  app.post(
    "/api/v1/forums/:id/proposals/:memberId/approve",
    {
      config: ADMINS,
      schema: { tags, security, params: ForumMemberParams, body: ForumDecision, response: { 200: ForumMember } },
    },
    async (req) => approveProposal(admin(req), deps.config, req.params.id, req.params.memberId, req.body.note),
  );
  app.post(
    "/api/v1/forums/:id/proposals/:memberId/reject",
    {
      config: ADMINS,
      schema: { tags, security, params: ForumMemberParams, body: ForumDecision, response: { 200: ForumMember } },
    },
    async (req) => rejectProposal(admin(req), req.params.id, req.params.memberId, req.body.note),
  );
  app.delete(
    "/api/v1/forums/:id/members/:memberId",
    { config: MANAGERS, schema: { tags, security, params: ForumMemberParams, response: { 200: ForumMember } } },
    async (req) => removeMember(manager(req), req.params.id, req.params.memberId),
  );
  app.get(
    "/api/v1/forums/:id/posts",
    {
      config: READERS,
      schema: { tags, security, params: ForumParams, querystring: ForumPostQuery, response: { 200: ForumPostPage } },
    },
    async (req) => listPosts(reader(req), req.params.id, req.query),
  );
  app.post(
    "/api/v1/forums/:id/posts",
    {
      config: MANAGERS,
      schema: { tags, security, params: ForumParams, body: ForumPostCreate, response: { 201: ForumPost } },
    },
    async (req, reply) => reply.status(201).send(await createPost(manager(req), req.params.id, req.body)),
  );
  app.get(
    "/api/v1/forums/:id/directory",
    { config: READERS, schema: { tags, security, params: ForumParams, response: { 200: ForumDirectory } } },
    async (req) => getDirectory(reader(req), req.params.id),
  );
  app.get(
    "/api/v1/forums/:id/introductions",
    { config: READERS, schema: { tags, security, params: ForumParams, response: { 200: IntroductionList } } },
    async (req) => listIntroductions(reader(req), req.params.id),
  );
  app.post(
    "/api/v1/forums/:id/introductions",
    {
      config: MANAGERS,
      schema: { tags, security, params: ForumParams, body: IntroductionCreate, response: { 201: Introduction } },
    },
    async (req, reply) => reply.status(201).send(await introduce(manager(req), deps.config, req.params.id, req.body)),
  );
}
