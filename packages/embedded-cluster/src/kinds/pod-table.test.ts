import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { podTable, summarizePod } from "./pod-table.ts";

const now = new Date("2025-01-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");

function pod(status: Record<string, unknown>, extra: Partial<KubeObject> = {}, spec: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { name: "testpod", namespace: "default", creationTimestamp: minutesAgo(7), ...(extra.metadata ?? {}) },
    spec: { containers: [{ name: "c", image: "quay.io/example/private:latest" }], ...spec },
    status,
  };
}

function waiting(reason: string, message?: string) {
  return { name: "c", ready: false, restartCount: 0, image: "quay.io/example/private:latest", state: { waiting: { reason, ...(message ? { message } : {}) } } };
}

describe("pod STATUS and READY cells (printPod)", () => {
  it("shows the phase of a pod nobody reported on yet", () => {
    expect(summarizePod(pod({ phase: "Pending", qosClass: "BestEffort" }), now)).toEqual({ ready: "0/1", reason: "Pending", restarts: "0" });
  });

  it("shows ContainerCreating before the first pull attempt", () => {
    const p = pod({ phase: "Pending", containerStatuses: [waiting("ContainerCreating")] });
    expect(summarizePod(p, now)).toMatchObject({ ready: "0/1", reason: "ContainerCreating" });
  });

  it("shows ErrImagePull and then ImagePullBackOff", () => {
    const failed = pod({ phase: "Pending", containerStatuses: [waiting("ErrImagePull", "failed to pull")] });
    expect(summarizePod(failed, now)).toMatchObject({ ready: "0/1", reason: "ErrImagePull" });
    const backOff = pod({ phase: "Pending", containerStatuses: [waiting("ImagePullBackOff", 'Back-off pulling image "x"')] });
    expect(summarizePod(backOff, now)).toMatchObject({ ready: "0/1", reason: "ImagePullBackOff" });
  });

  it("shows Running 1/1 for a ready running container", () => {
    const p = pod({
      phase: "Running",
      conditions: [{ type: "Ready", status: "True" }],
      containerStatuses: [{ name: "c", ready: true, restartCount: 0, state: { running: { startedAt: minutesAgo(6) } } }],
    });
    expect(summarizePod(p, now)).toEqual({ ready: "1/1", reason: "Running", restarts: "0" });
  });

  it("shows Terminating once a deletionTimestamp is set, unless the pod already finished", () => {
    const status = {
      phase: "Running",
      containerStatuses: [{ name: "c", ready: true, restartCount: 0, state: { running: {} } }],
    };
    const deleting = pod(status, { metadata: { name: "testpod", deletionTimestamp: minutesAgo(0) } });
    expect(summarizePod(deleting, now).reason).toBe("Terminating");
    const finished = pod({ phase: "Succeeded" }, { metadata: { name: "testpod", deletionTimestamp: minutesAgo(0) } });
    expect(summarizePod(finished, now).reason).toBe("Succeeded");
  });

  it("shows Completed for a container that exited 0", () => {
    const p = pod({
      phase: "Succeeded",
      containerStatuses: [{ name: "c", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }],
    });
    expect(summarizePod(p, now)).toMatchObject({ ready: "0/1", reason: "Completed" });
  });

  it("shows ExitCode and Signal when a terminated container gives no reason", () => {
    const exit = pod({ phase: "Failed", containerStatuses: [{ name: "c", state: { terminated: { exitCode: 2 } } }] });
    expect(summarizePod(exit, now).reason).toBe("ExitCode:2");
    const signal = pod({ phase: "Failed", containerStatuses: [{ name: "c", state: { terminated: { exitCode: 137, signal: 9 } } }] });
    expect(summarizePod(signal, now).reason).toBe("Signal:9");
  });

  it("shows Init:0/1 while the init container runs, and Init:<reason> when it is stuck", () => {
    const spec = { initContainers: [{ name: "init", image: "busybox" }] };
    const running = pod(
      {
        phase: "Pending",
        initContainerStatuses: [{ name: "init", ready: false, restartCount: 0, state: { running: {} } }],
        containerStatuses: [waiting("PodInitializing")],
      },
      {},
      spec,
    );
    expect(summarizePod(running, now)).toMatchObject({ ready: "0/1", reason: "Init:0/1" });
    const pulling = pod({ phase: "Pending", initContainerStatuses: [{ name: "init", state: { waiting: { reason: "ErrImagePull" } } }] }, {}, spec);
    expect(summarizePod(pulling, now).reason).toBe("Init:ErrImagePull");
    const failed = pod({ phase: "Pending", initContainerStatuses: [{ name: "init", state: { terminated: { exitCode: 1, reason: "Error" } } }] }, {}, spec);
    expect(summarizePod(failed, now).reason).toBe("Init:Error");
  });

  it("counts a started sidecar as a container", () => {
    const p = pod(
      {
        phase: "Running",
        conditions: [{ type: "Initialized", status: "True" }, { type: "Ready", status: "True" }],
        initContainerStatuses: [{ name: "proxy", ready: true, started: true, restartCount: 0, state: { running: {} } }],
        containerStatuses: [{ name: "c", ready: true, restartCount: 0, state: { running: {} } }],
      },
      {},
      { initContainers: [{ name: "proxy", image: "envoy", restartPolicy: "Always" }] },
    );
    expect(summarizePod(p, now)).toMatchObject({ ready: "2/2", reason: "Running" });
  });

  it("adds the time since the last restart to RESTARTS", () => {
    const p = pod({
      phase: "Running",
      containerStatuses: [
        {
          name: "c",
          ready: false,
          restartCount: 3,
          state: { waiting: { reason: "CrashLoopBackOff" } },
          lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: minutesAgo(5) } },
        },
      ],
    });
    expect(summarizePod(p, now)).toEqual({ ready: "0/1", reason: "CrashLoopBackOff", restarts: "3 (5m ago)" });
  });

  it("prints the wide columns with <none> for what is not set", () => {
    const p = pod({ phase: "Pending" });
    expect(podTable.row(p, now)).toEqual(["testpod", "0/1", "Pending", "0", "7m", "<none>", "<none>", "<none>", "<none>"]);
    const scheduled = pod({ phase: "Running", podIPs: [{ ip: "10.0.0.7" }], podIP: "10.0.0.7" }, {}, {
      nodeName: "node1",
      readinessGates: [{ conditionType: "example.com/ready" }],
    });
    expect(podTable.row(scheduled, now).slice(5)).toEqual(["10.0.0.7", "node1", "<none>", "0/1"]);
  });

  it("has the real printer's columns", () => {
    expect(podTable.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ["Name", "string", 0],
      ["Ready", "string", 0],
      ["Status", "string", 0],
      ["Restarts", "string", 0],
      ["Age", "string", 0],
      ["IP", "string", 1],
      ["Node", "string", 1],
      ["Nominated Node", "string", 1],
      ["Readiness Gates", "string", 1],
    ]);
  });
});
