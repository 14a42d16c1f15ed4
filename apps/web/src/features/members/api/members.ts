import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { Member, MemberSet, Project } from "@paddock/contracts";
import { del, enc, get, post } from "@/lib/api-client";
import { meKeys } from "@/lib/access";
import { projectApi } from "@/lib/paths";
import { leavesProject } from "../utils/leaves-project";

/** Keys hold the cluster id: live updates refresh every query of a cluster that changed. */
export const memberKeys = {
  list: (cluster: string, project: string) => ["members", cluster, project] as const,
  /** the same key (and data) the rest of the app uses for a cluster's projects */
  projects: (cluster: string) => ["clusters", cluster, "projects"] as const,
};

export const membersQuery = (cluster: string, project: string) =>
  queryOptions({
    queryKey: memberKeys.list(cluster, project),
    queryFn: () => get<{ items: Member[] }>(`${projectApi(cluster, project)}/members`).then((r) => r.items),
  });

/** The project's display name, for the texts that name it. */
export const projectNameQuery = (cluster: string, project: string) =>
  queryOptions({
    queryKey: memberKeys.projects(cluster),
    queryFn: () => get<{ items: Project[] }>(`/api/clusters/${enc(cluster)}/projects`).then((r) => r.items),
    select: (items: Project[]) => items.find((p) => p.id === project)?.displayName ?? project,
  });

/**
 * After a change: the list, and who-am-I when the change was about the user themself (their role,
 * and so what the screens let them do, changed).
 */
function useRefreshAfterChange(cluster: string, project: string, me: string | undefined) {
  const client = useQueryClient();
  return (username: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: memberKeys.list(cluster, project) }),
      username === me ? client.invalidateQueries({ queryKey: meKeys.me }) : undefined,
    ]);
}

/** Adds a member, or changes the role of one (the server answers 201 or 200). */
export function useSetMember(cluster: string, project: string, me: string | undefined) {
  const refresh = useRefreshAfterChange(cluster, project, me);
  return useMutation({
    mutationFn: (input: MemberSet) => post<Member>(`${projectApi(cluster, project)}/members`, input),
    onSuccess: (_member, input) => refresh(input.username),
  });
}

/**
 * Removes a member. A user who removes themselves and is no administrator loses the project: its
 * queries are only marked stale (refetched now they would answer 403; the caller leaves the
 * project's pages) and who-am-I is refetched (their memberships changed).
 */
export function useRemoveMember(cluster: string, project: string, me: string | undefined, admin: boolean) {
  const client = useQueryClient();
  const refresh = useRefreshAfterChange(cluster, project, me);
  return useMutation({
    mutationFn: (username: string) => del<void>(`${projectApi(cluster, project)}/members/${enc(username)}`),
    onSuccess: async (_nothing, username) => {
      if (!leavesProject(username, me, admin)) return refresh(username);
      await client.invalidateQueries({ refetchType: "none" });
      await client.refetchQueries({ queryKey: meKeys.me });
    },
  });
}
