import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RegistryCreate, RegistrySaved } from "@paddock/contracts";
import type { ApiError } from "@/lib/api-client";
import { post } from "@/lib/api-client";
import { projectApi } from "@/lib/paths";
import { registryKeys } from "./registry-keys";

export const createRegistry = (cluster: string, project: string, input: RegistryCreate) =>
  post<RegistrySaved>(`${projectApi(cluster, project)}/registries`, input);

/** Creates a registry, or clones one (`cloneFrom`: the server copies the passwords left empty). */
export function useCreateRegistry(cluster: string, project: string) {
  const client = useQueryClient();
  return useMutation<RegistrySaved, ApiError, RegistryCreate>({
    mutationFn: (input) => createRegistry(cluster, project, input),
    onSuccess: () => client.invalidateQueries({ queryKey: registryKeys.project(cluster, project) }),
  });
}
