import { queryOptions } from "@tanstack/react-query";
import type { Registry, RegistryRef } from "@paddock/contracts";
import { get } from "@/lib/api-client";
import { registryApiPath, registryKeys } from "./registry-keys";

export const getRegistry = (cluster: string, project: string, ref: RegistryRef) => get<Registry>(registryApiPath(cluster, project, ref));

export const registryQuery = (cluster: string, project: string, ref: RegistryRef) =>
  queryOptions({ queryKey: registryKeys.detail(cluster, project, ref), queryFn: () => getRegistry(cluster, project, ref) });
