import type { ResourceService } from "../api/resource-service.ts";
import { WorkQueue } from "./work-queue.ts";

/**
 * Finishes namespace deletion (kubernetes pkg/controller/namespace): once a namespace is
 * Terminating, everything in it is deleted, and when nothing is left the namespace goes.
 */
export function startNamespaceController(service: ResourceService, log?: (line: string) => void): () => void {
  const namespaces = service.definition("", "namespaces");
  const namespaced = service.definitions.filter((d) => d.namespaced);

  const queue = new WorkQueue(
    async (name) => {
      const ns = service.tryGet(namespaces, "", name);
      if (!ns?.metadata.deletionTimestamp) return;
      let remaining = 0;
      for (const def of namespaced) {
        for (const item of service.list(def, name).items) {
          remaining++;
          if (!item.metadata.deletionTimestamp) {
            await service.delete(def, name, item.metadata.name!, { propagationPolicy: "Background" }).catch(() => {});
          }
        }
      }
      const left = namespaced.reduce((n, def) => n + service.list(def, name).items.length, 0);
      if (left > 0) {
        queue.addAfter(name, remaining > 0 ? 200 : 1000);
        return;
      }
      service.removeNow(namespaces, "", name);
    },
    (key, error) => log?.(`namespace controller: ${key}: ${String(error)}`),
  );

  for (const ns of service.list(namespaces, undefined).items) {
    if (ns.metadata.deletionTimestamp) queue.add(ns.metadata.name!);
  }
  const unsubscribe = service.store.subscribe((change) => {
    if (change.resource === "namespaces" && change.type !== "DELETED" && change.object.metadata.deletionTimestamp) {
      queue.add(change.object.metadata.name!);
    } else if (change.type === "DELETED" && change.object.metadata.namespace) {
      const ns = change.object.metadata.namespace;
      if (service.tryGet(namespaces, "", ns)?.metadata.deletionTimestamp) queue.add(ns);
    }
  });
  return () => {
    unsubscribe();
    queue.stop();
  };
}
