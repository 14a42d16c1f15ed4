import { useQueryClient } from "@tanstack/react-query";
import type { RegistryCreate, RegistrySaved } from "@paddock/contracts";
import { post } from "@/lib/api-client";
import { useSecretMutation } from "@/lib/secret-mutation";
import { projectApi } from "@/lib/paths";
import { registryKeys } from "./registry-keys";

export const createRegistry = (cluster: string, project: string, input: RegistryCreate) =>
  post<RegistrySaved>(`${projectApi(cluster, project)}/registries`, input);

/**
 * Creates a registry, or clones one (`cloneFrom`: the server copies the passwords left empty).
 * The request holds passwords: nothing keeps them once answered (lib/secret-mutation.ts).
 */
export function useCreateRegistry(cluster: string, project: string) {
  const client = useQueryClient();
  return useSecretMutation<RegistrySaved, RegistryCreate>({
    mutationFn: (input) => createRegistry(cluster, project, input),
    onSuccess: () => client.invalidateQueries({ queryKey: registryKeys.project(cluster, project) }),
  });
}
