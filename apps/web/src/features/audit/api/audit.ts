import { queryOptions } from "@tanstack/react-query";
import type { AuditEntry } from "@paddock/contracts";
import { get } from "@/lib/api-client";
import { projectApi } from "@/lib/paths";

/** The key holds the cluster id: live updates refresh it when the cluster changes. */
export const auditKeys = {
  list: (cluster: string, project: string) => ["audit", cluster, project] as const,
};

/** The project's changes made (or refused) through Paddock, newest first. */
export const auditQuery = (cluster: string, project: string) =>
  queryOptions({
    queryKey: auditKeys.list(cluster, project),
    queryFn: () => get<{ items: AuditEntry[] }>(`${projectApi(cluster, project)}/audit`).then((r) => r.items),
  });
