import type { ReactNode } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { Registry } from "@paddock/contracts";
import { ErrorMessage } from "@/components/ui/error-message";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/api-client";
import { paths } from "@/lib/paths";
import { registryQuery } from "../api/get-registry";
import { useRegistryRoute } from "../hooks/use-registry-route";

/** Loads the registry a route names, with a spinner, or says why it could not. */
export function RegistryLoad({ children }: { children: (registry: Registry) => ReactNode }) {
  const { cluster, project, ref } = useRegistryRoute();
  const registry = useQuery(registryQuery(cluster, project, ref));
  if (registry.data) {
    // a failed refetch (the registry deleted meanwhile, a network blip) keeps the screen, and what is typed in it
    return (
      <>
        {registry.error && <ErrorMessage error={registry.error} what={`refresh the registry "${ref.name}"`} />}
        {children(registry.data)}
      </>
    );
  }
  if (registry.error) {
    return (
      <>
        <ErrorMessage error={registry.error} what={`load the registry "${ref.name}"`} onRetry={registry.error instanceof ApiError && registry.error.status === 404 ? undefined : () => void registry.refetch()} />
        <Link to={paths.registries(cluster, project)}>Back to Registries</Link>
      </>
    );
  }
  return <Spinner label={`Loading registry ${ref.name}…`} />;
}
