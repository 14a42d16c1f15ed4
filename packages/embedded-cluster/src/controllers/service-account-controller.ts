import type { ResourceService } from "../api/resource-service.ts";
import { StatusError } from "../api/status.ts";
import { WorkQueue } from "./work-queue.ts";

/**
 * Keeps a `default` ServiceAccount in every active namespace, recreating it when deleted
 * (kubernetes pkg/controller/serviceaccount/serviceaccounts_controller.go).
 */
export function startServiceAccountController(service: ResourceService, log?: (line: string) => void): () => void {
  const namespaces = service.definition("", "namespaces");
  const accounts = service.definition("", "serviceaccounts");
  const queue = new WorkQueue(
    async (namespace) => {
      const ns = service.tryGet(namespaces, "", namespace);
      if (!ns || ns.metadata.deletionTimestamp) return;
      if (service.tryGet(accounts, namespace, "default")) return;
      try {
        await service.create(accounts, namespace, { metadata: { name: "default" } });
      } catch (error) {
        if (!(error instanceof StatusError && (error.reason === "AlreadyExists" || error.code === 403 || error.code === 404))) throw error;
      }
    },
    (key, error) => log?.(`serviceaccount controller: ${key}: ${String(error)}`),
  );
  for (const ns of service.list(namespaces, undefined).items) queue.add(ns.metadata.name!);
  const unsubscribe = service.store.subscribe((change) => {
    if (change.resource === "namespaces" && change.type === "ADDED") queue.add(change.object.metadata.name!);
    if (change.resource === "serviceaccounts" && change.type === "DELETED" && change.object.metadata.name === "default") {
      queue.add(change.object.metadata.namespace!);
    }
  });
  return () => {
    unsubscribe();
    queue.stop();
  };
}
