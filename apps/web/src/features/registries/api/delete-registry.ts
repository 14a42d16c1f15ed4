import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RegistryRef } from "@paddock/contracts";
import type { ApiError } from "@/lib/api-client";
import { del } from "@/lib/api-client";
import { registryApiPath, registryKeys } from "./registry-keys";

export const deleteRegistry = (cluster: string, project: string, ref: RegistryRef) => del<void>(registryApiPath(cluster, project, ref));

/** Deletes a registry (a project registry takes its copies with it). */
export function useDeleteRegistry(cluster: string, project: string) {
  const client = useQueryClient();
  return useMutation<void, ApiError, RegistryRef>({
    mutationFn: (ref) => deleteRegistry(cluster, project, ref),
    // the deleted registry's own query is left alone: refetching it would only answer 404 to a screen being left
    onSuccess: (_data, ref) => {
      const gone = JSON.stringify(registryKeys.detail(cluster, project, ref));
      return client.invalidateQueries({ queryKey: registryKeys.project(cluster, project), predicate: (q) => JSON.stringify(q.queryKey) !== gone });
    },
  });
}
