import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { Certificate, CertificateCreate, ConfigMap, ConfigMapCreate, Secret, SecretCreate } from "@paddock/contracts";
import { del, enc, get, post } from "@/lib/api-client";
import { useSecretMutation } from "@/lib/secret-mutation";
import { projectApi } from "@/lib/paths";

export type ResourceKind = "secrets" | "certificates" | "configmaps";

export interface ResourceTypes {
  secrets: { item: Secret; create: SecretCreate };
  certificates: { item: Certificate; create: CertificateCreate };
  configmaps: { item: ConfigMap; create: ConfigMapCreate };
}

export const resourceKeys = {
  all: (cluster: string) => ["resources", cluster] as const,
  list: (cluster: string, project: string, kind: ResourceKind) => [...resourceKeys.all(cluster), project, kind] as const,
};

export const resourcesQuery = <K extends ResourceKind>(cluster: string, project: string, kind: K) =>
  queryOptions({
    queryKey: resourceKeys.list(cluster, project, kind),
    queryFn: () => get<{ items: ResourceTypes[K]["item"][] }>(`${projectApi(cluster, project)}/${kind}`).then((r) => r.items),
  });

/** Adds a secret, certificate or ConfigMap. The request may hold secret values or a private key: nothing keeps them once answered (lib/secret-mutation.ts). */
export function useCreateResource<K extends ResourceKind>(cluster: string, project: string, kind: K) {
  const client = useQueryClient();
  return useSecretMutation<ResourceTypes[K]["item"], ResourceTypes[K]["create"]>({
    mutationFn: (input) => post<ResourceTypes[K]["item"]>(`${projectApi(cluster, project)}/${kind}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: resourceKeys.all(cluster) }),
  });
}

export function useDeleteResource(cluster: string, project: string, kind: ResourceKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ namespace, name }: { namespace: string; name: string }) => del<void>(`${projectApi(cluster, project)}/${kind}/${enc(namespace)}/${enc(name)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: resourceKeys.all(cluster) }),
  });
}
