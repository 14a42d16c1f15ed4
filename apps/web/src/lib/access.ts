import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Me, ProjectRole } from "@paddock/contracts";
import { get } from "./api-client";

export const meKeys = { me: ["auth", "me"] as const };

/** Who is logged in, with their projects and roles. */
export const meQuery = () => queryOptions({ queryKey: meKeys.me, queryFn: () => get<Me>("/api/auth/me"), staleTime: 60_000, retry: false });

export interface ProjectAccess {
  /** the user's role in the project; administrators have every right without one */
  role: ProjectRole | undefined;
  admin: boolean;
  /** create, edit and delete registries, secrets, certificates, ConfigMaps, namespaces and workloads */
  canWrite: boolean;
  /** manage members, rename or delete the project */
  canManage: boolean;
}

/** What `me` may do in a project; the server enforces the same rules (apps/server/src/auth/policy-table.ts). */
export function accessIn(me: Me | undefined, cluster: string, project: string): ProjectAccess {
  const admin = me?.admin ?? false;
  const role = me?.memberships?.find((m) => m.cluster === cluster && m.project === project)?.role;
  return { role, admin, canWrite: admin || role === "owner" || role === "member", canManage: admin || role === "owner" };
}

export function useProjectAccess(cluster: string, project: string): ProjectAccess {
  const me = useQuery(meQuery());
  return accessIn(me.data, cluster, project);
}

export function useIsAdmin(): boolean {
  return useQuery(meQuery()).data?.admin ?? false;
}

/** How roles read on screen, as Rancher names them. */
export const ROLE_NAMES: Record<ProjectRole, string> = { owner: "Owner", member: "Member", "read-only": "Read-only" };
