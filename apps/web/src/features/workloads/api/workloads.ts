import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { DeployCreate, KubeEvent, PullSecretPreview, PullSecretPreviewRequest, Registry, Workload, WorkloadDetail } from "@paddock/contracts";
import { del, enc, get, post } from "@/lib/api-client";
import { projectApi } from "@/lib/paths";

/** Every key holds the cluster id, so that live updates from that cluster refetch it. */
export const workloadKeys = {
  all: (cluster: string) => ["workloads", cluster] as const,
  project: (cluster: string, project: string) => [...workloadKeys.all(cluster), project] as const,
  list: (cluster: string, project: string) => [...workloadKeys.project(cluster, project), "list"] as const,
  detail: (cluster: string, project: string, namespace: string, name: string) => [...workloadKeys.project(cluster, project), "detail", namespace, name] as const,
  events: (cluster: string, project: string, namespace: string, name: string) => [...workloadKeys.project(cluster, project), "events", namespace, name] as const,
  preview: (cluster: string, project: string, request: PullSecretPreviewRequest) => [...workloadKeys.project(cluster, project), "pull-secret-preview", request] as const,
  registries: (cluster: string, project: string) => [...workloadKeys.project(cluster, project), "registries"] as const,
};

const workloadApi = (cluster: string, project: string, namespace: string, name: string) => `${projectApi(cluster, project)}/workloads/${enc(namespace)}/${enc(name)}`;

export const workloadsQuery = (cluster: string, project: string) =>
  queryOptions({
    queryKey: workloadKeys.list(cluster, project),
    queryFn: () => get<{ items: Workload[] }>(`${projectApi(cluster, project)}/workloads`).then((r) => r.items),
  });

export const workloadQuery = (cluster: string, project: string, namespace: string, name: string) =>
  queryOptions({
    queryKey: workloadKeys.detail(cluster, project, namespace, name),
    queryFn: () => get<WorkloadDetail>(workloadApi(cluster, project, namespace, name)),
  });

/** Events of the Deployment, its ReplicaSets and their pods, oldest first. */
export const workloadEventsQuery = (cluster: string, project: string, namespace: string, name: string) =>
  queryOptions({
    queryKey: workloadKeys.events(cluster, project, namespace, name),
    queryFn: () => get<{ items: KubeEvent[] }>(`${workloadApi(cluster, project, namespace, name)}/events`).then((r) => r.items),
  });

/** Which registries will be attached to each image, and why (rule 3). */
export const pullSecretPreviewQuery = (cluster: string, project: string, request: PullSecretPreviewRequest) =>
  queryOptions({
    queryKey: workloadKeys.preview(cluster, project, request),
    queryFn: () => post<PullSecretPreview>(`${projectApi(cluster, project)}/pull-secret-preview`, request),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

/** The project's registries: the pull secrets a user may choose to attach. */
export const registriesQuery = (cluster: string, project: string) =>
  queryOptions({
    queryKey: workloadKeys.registries(cluster, project),
    queryFn: () => get<{ items: Registry[] }>(`${projectApi(cluster, project)}/registries`).then((r) => r.items),
  });

export interface WorkloadRef {
  namespace: string;
  name: string;
}

export function useDeployWorkload(cluster: string, project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DeployCreate) => post<Workload>(`${projectApi(cluster, project)}/workloads`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: workloadKeys.list(cluster, project) }),
  });
}

export function useRedeployWorkload(cluster: string, project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ namespace, name }: WorkloadRef) => post<Workload>(`${workloadApi(cluster, project, namespace, name)}/redeploy`),
    onSuccess: () => client.invalidateQueries({ queryKey: workloadKeys.project(cluster, project) }),
  });
}

export function useScaleWorkload(cluster: string, project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ namespace, name, replicas }: WorkloadRef & { replicas: number }) => post<Workload>(`${workloadApi(cluster, project, namespace, name)}/scale`, { replicas }),
    onSuccess: () => client.invalidateQueries({ queryKey: workloadKeys.project(cluster, project) }),
  });
}

export function useDeleteWorkload(cluster: string, project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ namespace, name }: WorkloadRef) => del<void>(workloadApi(cluster, project, namespace, name)),
    // Only the list: the deleted workload's own queries would answer 404 while its page closes.
    onSuccess: () => client.invalidateQueries({ queryKey: workloadKeys.list(cluster, project) }),
  });
}
