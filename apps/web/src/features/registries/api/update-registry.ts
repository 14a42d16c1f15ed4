import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RegistryRef, RegistrySaved, RegistryUpdate } from "@paddock/contracts";
import type { ApiError } from "@/lib/api-client";
import { put } from "@/lib/api-client";
import { registryApiPath, registryKeys } from "./registry-keys";

export const updateRegistry = (cluster: string, project: string, ref: RegistryRef, input: RegistryUpdate) =>
  put<RegistrySaved>(registryApiPath(cluster, project, ref), input);

/** Edits a registry; an empty password keeps the stored one. */
export function useUpdateRegistry(cluster: string, project: string, ref: RegistryRef) {
  const client = useQueryClient();
  return useMutation<RegistrySaved, ApiError, RegistryUpdate>({
    mutationFn: (input) => updateRegistry(cluster, project, ref, input),
    onSuccess: () => client.invalidateQueries({ queryKey: registryKeys.project(cluster, project) }),
  });
}
