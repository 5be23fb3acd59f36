import type { FastifyRequest } from "fastify";
import {
  ForumDirectory,
  ForumMember,
  ForumParams,
  ForumPost,
  ForumPostCreate,
  ForumPostPage,
  ForumPostQuery,
  ForumProposal,
  Introduction,
  IntroductionCreate,
  IntroductionList,
  MembershipSettings,
  MyForum,
  MyForumList,
} from "../../../contract/forums.js";
import { MEMBERS_AND_EXTERNALS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { getDirectory, introduce, listIntroductions, reconfirmMembership, updateMembership } from "./directory.js";
import { getMyForum, listMyForums } from "./forums.js";
import { createPost, listPosts } from "./posts.js";
import { proposeMember } from "./proposals.js";

const tags = ["member API: forums"];
const security = STAFF_SECURITY;
const config = MEMBERS_AND_EXTERNALS;

/**
 * The member API's forums (/api/v1/my/forums…), served where the public role runs, for members of
 * constituent organisations and external members alike (the only /my/ routes external members reach).
 * A forum the caller is not an active member of is 404, as an unknown id (policy.ts).
 */
export function registerForumMemberRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const member = (req: FastifyRequest) => staffContext(req, deps, config);

  app.get("/api/v1/my/forums", { config, schema: { tags, security, response: { 200: MyForumList } } }, async (req) =>
    listMyForums(member(req)),
  );
  app.get(
    "/api/v1/my/forums/:id",
    { config, schema: { tags, security, params: ForumParams, response: { 200: MyForum } } },
    async (req) => getMyForum(member(req), req.params.id),
  );
  app.get(
    "/api/v1/my/forums/:id/posts",
    {
      config,
      schema: { tags, security, params: ForumParams, querystring: ForumPostQuery, response: { 200: ForumPostPage } },
    },
    async (req) => listPosts(member(req), req.params.id, req.query),
  );
  app.post(
    "/api/v1/my/forums/:id/posts",
    { config, schema: { tags, security, params: ForumParams, body: ForumPostCreate, response: { 201: ForumPost } } },
    async (req, reply) => reply.status(201).send(await createPost(member(req), req.params.id, req.body)),
  );
  app.get(
    "/api/v1/my/forums/:id/directory",
    { config, schema: { tags, security, params: ForumParams, response: { 200: ForumDirectory } } },
    async (req) => getDirectory(member(req), req.params.id),
  );
  app.post(
    "/api/v1/my/forums/:id/proposals",
    {
      config,
      schema: {
        tags,
        security,
        description: "An active member sponsors a person; an admin decides.",
        params: ForumParams,
        body: ForumProposal.omit({ organisationId: true }),
        response: { 201: ForumMember },
      },
    },
    async (req, reply) => reply.status(201).send(await proposeMember(member(req), req.params.id, req.body)),
  );
  app.get(
    "/api/v1/my/forums/:id/introductions",
    { config, schema: { tags, security, params: ForumParams, response: { 200: IntroductionList } } },
    async (req) => listIntroductions(member(req), req.params.id),
  );
  app.post(
    "/api/v1/my/forums/:id/introductions",
    {
      config,
      schema: { tags, security, params: ForumParams, body: IntroductionCreate, response: { 201: Introduction } },
    },
    async (req, reply) => reply.status(201).send(await introduce(member(req), deps.config, req.params.id, req.body)),
  );
  app.put(
    "/api/v1/my/forums/:id/membership",
    { config, schema: { tags, security, params: ForumParams, body: MembershipSettings, response: { 200: MyForum } } },
    async (req) => {
      await updateMembership(member(req), req.params.id, req.body);
      return getMyForum(member(req), req.params.id);
    },
  );
  app.post(
    "/api/v1/my/forums/:id/reconfirm",
    { config, schema: { tags, security, params: ForumParams, response: { 200: MyForum } } },
    async (req) => {
      await reconfirmMembership(member(req), req.params.id);
      return getMyForum(member(req), req.params.id);
    },
  );
}
