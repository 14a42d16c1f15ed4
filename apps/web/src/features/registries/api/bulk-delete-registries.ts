import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { BulkDeleteResult, RegistryRef } from "@paddock/contracts";
import type { ApiError } from "@/lib/api-client";
import { post } from "@/lib/api-client";
import { projectApi } from "@/lib/paths";
import { registryKeys } from "./registry-keys";

export const bulkDeleteRegistries = (cluster: string, project: string, items: RegistryRef[]) =>
  post<BulkDeleteResult>(`${projectApi(cluster, project)}/registries/bulk-delete`, { items });

/** Deletes several registries; the answer says, for each, whether it went. */
export function useBulkDeleteRegistries(cluster: string, project: string) {
  const client = useQueryClient();
  return useMutation<BulkDeleteResult, ApiError, RegistryRef[]>({
    mutationFn: (items) => bulkDeleteRegistries(cluster, project, items),
    onSettled: () => client.invalidateQueries({ queryKey: registryKeys.project(cluster, project) }),
  });
}
