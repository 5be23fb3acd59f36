import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  ForumDetail,
  ForumDirectory,
  ForumList,
  ForumPost,
  ForumPostCreateInput,
  ForumPostKind,
  ForumPostPage,
  MyForum,
} from "../../../../contract/forums.js";
import { api, query } from "../../../lib/api/client.js";

// The forums' queries for both surfaces: staff at /api/v1/forums, members at /api/v1/my/forums. `base`
// says which; everything under "forums" is refreshed after a change.

export type ForumBase = "/forums" | "/my/forums";

export const forumKeys = {
  all: ["forums"] as const,
  list: (base: ForumBase) => ["forums", base, "list"] as const,
  forum: (base: ForumBase, id: string) => ["forums", base, id] as const,
  posts: (base: ForumBase, id: string, kind: ForumPostKind) => ["forums", base, id, "posts", kind] as const,
  directory: (base: ForumBase, id: string) => ["forums", base, id, "directory"] as const,
};

export const useStaffForums = () =>
  useQuery({ queryKey: forumKeys.list("/forums"), queryFn: () => api<ForumList>("GET", "/forums") });

export const useMyForums = () =>
  useQuery({ queryKey: forumKeys.list("/my/forums"), queryFn: () => api<{ items: MyForum[] }>("GET", "/my/forums") });

export const useStaffForum = (id: string) =>
  useQuery({ queryKey: forumKeys.forum("/forums", id), queryFn: () => api<ForumDetail>("GET", `/forums/${id}`) });

export const useMyForum = (id: string) =>
  useQuery({ queryKey: forumKeys.forum("/my/forums", id), queryFn: () => api<MyForum>("GET", `/my/forums/${id}`) });

export const useDirectory = (base: ForumBase, id: string) =>
  useQuery({
    queryKey: forumKeys.directory(base, id),
    queryFn: () => api<ForumDirectory>("GET", `${base}/${id}/directory`),
  });

/** The archive, newest first, a page at a time (keyset cursor). */
export const usePosts = (base: ForumBase, id: string, kind: ForumPostKind) =>
  useInfiniteQuery({
    queryKey: forumKeys.posts(base, id, kind),
    queryFn: ({ pageParam }) =>
      api<ForumPostPage>("GET", `${base}/${id}/posts${query({ kind, limit: 20, cursor: pageParam || undefined })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** A write that refreshes every forum query when it succeeds. */
export function useForumWrite<I, O>(write: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: forumKeys.all }),
  });
}

export const postTo = (base: ForumBase, id: string) => (input: ForumPostCreateInput) =>
  api<ForumPost>("POST", `${base}/${id}/posts`, input);
