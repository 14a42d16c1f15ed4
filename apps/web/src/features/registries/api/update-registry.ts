import { useQueryClient } from "@tanstack/react-query";
import type { RegistryRef, RegistrySaved, RegistryUpdate } from "@paddock/contracts";
import { put } from "@/lib/api-client";
import { useSecretMutation } from "@/lib/secret-mutation";
import { registryApiPath, registryKeys } from "./registry-keys";

export const updateRegistry = (cluster: string, project: string, ref: RegistryRef, input: RegistryUpdate) =>
  put<RegistrySaved>(registryApiPath(cluster, project, ref), input);

/** Edits a registry; an empty password keeps the stored one. The request holds passwords: nothing keeps them once answered (lib/secret-mutation.ts). */
export function useUpdateRegistry(cluster: string, project: string, ref: RegistryRef) {
  const client = useQueryClient();
  return useSecretMutation<RegistrySaved, RegistryUpdate>({
    mutationFn: (input) => updateRegistry(cluster, project, ref, input),
    onSuccess: () => client.invalidateQueries({ queryKey: registryKeys.project(cluster, project) }),
  });
}
