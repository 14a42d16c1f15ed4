import { queryOptions } from "@tanstack/react-query";
import type { Workload } from "@paddock/contracts";
import { get } from "@/lib/api-client";
import { projectApi } from "@/lib/paths";
import { registryKeys } from "./registry-keys";

/** The project's Deployments, to find those whose pods pull with a registry. */
export const workloadsQuery = (cluster: string, project: string) =>
  queryOptions({
    queryKey: registryKeys.workloads(cluster, project),
    queryFn: () => get<{ items: Workload[] }>(`${projectApi(cluster, project)}/workloads`).then((r) => r.items),
  });
