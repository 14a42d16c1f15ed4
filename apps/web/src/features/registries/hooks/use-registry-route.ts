import { useMemo } from "react";
import { useParams } from "react-router";
import type { RegistryRef } from "@paddock/contracts";

/** The cluster, project and registry a registry route names (`…/registries/project/:name` or `…/registries/ns/:namespace/:name`). */
export function useRegistryRoute(): { cluster: string; project: string; ref: RegistryRef } {
  const { cluster = "", project = "", namespace, name = "" } = useParams();
  const ref = useMemo<RegistryRef>(() => (namespace ? { type: "namespace", namespace, name } : { type: "project", name }), [namespace, name]);
  return { cluster, project, ref };
}
