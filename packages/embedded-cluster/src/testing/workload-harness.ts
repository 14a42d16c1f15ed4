import { nowTimestamp } from "../api/meta-time.ts";
import { ResourceService, type AdmissionPlugin } from "../api/resource-service.ts";
import type { KubeObject } from "../api/types.ts";
import { builtInDefinitions } from "../kinds/definitions.ts";
import { seedCluster } from "../seed.ts";
import { RevisionedStore } from "../store/revisioned-store.ts";
import { waitFor } from "./wait-for.ts";

/**
 * An in-process API (no HTTP, no scheduler, no kubelet) running only the controllers a test
 * starts, for testing controller logic step by step.
 */
export interface WorkloadHarness {
  service: ResourceService;
  /** what the controllers logged (errors they will retry) */
  logs: string[];
  stop(): void;
}

export type StartController = (service: ResourceService, log: (line: string) => void) => () => void;

export async function startWorkloadHarness(controllers: StartController[], admission: AdmissionPlugin[] = []): Promise<WorkloadHarness> {
  const service = new ResourceService(new RevisionedStore(), builtInDefinitions, admission);
  await seedCluster(service);
  const logs: string[] = [];
  const stops = controllers.map((start) => start(service, (line) => logs.push(line)));
  return {
    service,
    logs,
    stop() {
      for (const stop of stops) stop();
    },
  };
}

/** `waitFor` with the timeout first, as the controller tests call it. */
export function eventually<T>(check: () => T | undefined | false, timeoutMs = 5000, what = "condition"): Promise<T> {
  return waitFor(check, what, timeoutMs);
}

/**
 * STAND-IN FOR THE KUBELET, for tests that run no kubelet: reports a pod Running and Ready through
 * the `status` subresource, with the conditions a kubelet writes. `readySince` backdates the Ready
 * transition (for minReadySeconds and deletion order).
 */
export async function reportPodReady(service: ResourceService, pod: KubeObject, readySince = nowTimestamp()): Promise<KubeObject | undefined> {
  const pods = service.definition("", "pods");
  return service.mutate(
    pods,
    pod.metadata.namespace ?? "",
    pod.metadata.name ?? "",
    (p) => {
      const spec = (p.spec ?? {}) as { containers?: Array<{ name: string; image: string }> };
      p.status = {
        ...(p.status as object),
        phase: "Running",
        conditions: [
          { type: "PodReadyToStartContainers", status: "True", lastProbeTime: null, lastTransitionTime: readySince },
          { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: readySince },
          { type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: readySince },
          { type: "ContainersReady", status: "True", lastProbeTime: null, lastTransitionTime: readySince },
          { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: readySince },
        ],
        containerStatuses: (spec.containers ?? []).map((c) => ({
          name: c.name,
          image: c.image,
          imageID: "",
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: readySince } },
        })),
        startTime: readySince,
      };
    },
    "status",
  );
}
