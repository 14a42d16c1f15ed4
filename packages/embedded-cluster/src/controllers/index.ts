import type { ResourceService } from "../api/resource-service.ts";
import { startNamespaceController } from "./namespace-controller.ts";
import { startServiceAccountController } from "./service-account-controller.ts";
import { startScheduler } from "./scheduler.ts";
import { startKubelet, type KubeletOptions } from "./kubelet.ts";
import { startDeploymentController } from "./deployment-controller.ts";
import { startReplicaSetController } from "./replicaset-controller.ts";
import { startGarbageCollector } from "./garbage-collector.ts";

export interface Controllers {
  stop(): void;
}

/** The control loops that make the embedded server behave like a cluster rather than a store. */
export function startControllers(service: ResourceService, log?: (line: string) => void, kubelet: KubeletOptions = {}): Controllers {
  const stops = [startNamespaceController(service, log), startServiceAccountController(service, log)];
  stops.push(startScheduler(service, log), startKubelet(service, { log, ...kubelet }));
  stops.push(startGarbageCollector(service, log), startReplicaSetController(service, log), startDeploymentController(service, log));
  return {
    stop() {
      for (const stop of stops) stop();
    },
  };
}
