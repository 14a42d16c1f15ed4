import type { ResourceService } from "../api/resource-service.ts";
import { nowTimestamp } from "../api/meta-time.ts";
import { StatusError } from "../api/status.ts";
import type { KubeObject } from "../api/types.ts";
import { NODE_NAME } from "../seed.ts";
import { EventRecorder } from "./event-recorder.ts";
import { nodeFitFailure } from "./node-fit.ts";
import { setPodCondition } from "../kinds/pod-conditions.ts";
import { queueKey, WorkQueue } from "./work-queue.ts";
import { specOf } from "../api/json-values.ts";
import { podFinished } from "../kinds/pod-fields.ts";

export const DEFAULT_SCHEDULER_NAME = "default-scheduler";

/** A pod this scheduler should place: not bound, not being deleted, ours, and not held by scheduling gates. */
export function awaitsScheduling(pod: KubeObject): boolean {
  const spec = specOf(pod);
  if (spec.nodeName || pod.metadata.deletionTimestamp) return false;
  if ((spec.schedulerName ?? DEFAULT_SCHEDULER_NAME) !== DEFAULT_SCHEDULER_NAME) return false;
  if (Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) return false;
  return !podFinished(pod);
}

/**
 * The kube-scheduler of a one-node cluster: binds each pending pod to the node through the
 * `pods/binding` subresource, or says why it cannot (pkg/scheduler/schedule_one.go).
 */
export function startScheduler(service: ResourceService, log?: (line: string) => void, nodeName: string = NODE_NAME): () => void {
  const pods = service.definition("", "pods");
  const nodes = service.definition("", "nodes");
  const recorder = new EventRecorder(service, { component: DEFAULT_SCHEDULER_NAME });

  const queue = new WorkQueue(
    async (key) => {
      const [namespace = "", name = ""] = key.split("/");
      const pod = service.tryGet(pods, namespace, name);
      if (!pod || !awaitsScheduling(pod)) return;
      const node = service.tryGet(nodes, "", nodeName);
      const failure = node ? nodeFitFailure(pod, node) : undefined;
      if (!node || failure) {
        await reportUnschedulable(pod, node ? failureMessage(failure!) : "no nodes available to schedule pods");
        return;
      }
      let bound: KubeObject;
      try {
        bound = await service.bind(namespace, name, nodeName);
      } catch (error) {
        // Bound or deleted meanwhile: nothing left to do.
        if (error instanceof StatusError && (error.code === 409 || error.code === 404)) return;
        throw error;
      }
      await recorder.record(bound, {
        type: "Normal",
        reason: "Scheduled",
        message: `Successfully assigned ${namespace}/${name} to ${nodeName}`,
      });
    },
    (key, error) => log?.(`scheduler: ${key}: ${String(error)}`),
  );

  async function reportUnschedulable(pod: KubeObject, message: string): Promise<void> {
    const updated = await service.mutate(
      pods,
      pod.metadata.namespace ?? "",
      pod.metadata.name!,
      (p) => {
        if (p.metadata.uid !== pod.metadata.uid) return false;
        setPodCondition(p, { type: "PodScheduled", status: "False", reason: "Unschedulable", message }, nowTimestamp());
      },
      "status",
    );
    await recorder.record(updated ?? pod, { type: "Warning", reason: "FailedScheduling", message });
  }

  const queuePending = () => {
    for (const pod of service.list(pods, undefined).items) {
      if (awaitsScheduling(pod)) queue.add(queueKey(pod));
    }
  };
  queuePending();
  const unsubscribe = service.store.subscribe((change) => {
    if (change.resource === "nodes" && change.type !== "DELETED") {
      queuePending();
      return;
    }
    if (change.resource !== "pods" || change.type === "DELETED" || !awaitsScheduling(change.object)) return;
    // Our own status writes need no new attempt; a new pod or a changed spec (gates removed, tolerations added) does.
    if (change.previous && JSON.stringify(change.previous.spec) === JSON.stringify(change.object.spec)) return;
    queue.add(queueKey(change.object));
  });
  return () => {
    unsubscribe();
    queue.stop();
  };
}

// One node, so one reason; the filters' failures are not resolvable by preemption.
function failureMessage(reason: string): string {
  return `0/1 nodes are available: 1 ${reason}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`;
}
