import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { buildPodStatus, containerKey, type ContainerRecord, type PodRuntime } from "./pod-status.ts";

const T0 = "2025-01-01T00:00:00Z";
const T1 = "2025-01-01T00:00:05Z";
const IMAGE = { image: "127.0.0.1:5000/demo/hello:1.0", imageID: `127.0.0.1:5000/demo/hello@sha256:${"d".repeat(64)}`, id: "sha256:c", size: 10 };

function runtime(overrides: Partial<PodRuntime> = {}): PodRuntime {
  return { podIP: "10.42.0.7", hostIP: "127.0.0.1", startTime: T0, containers: new Map(), failures: new Map(), restartCounts: new Map(), lastStates: new Map(), ...overrides };
}

function pod(spec: Record<string, unknown>, status: Record<string, unknown> = { phase: "Pending", qosClass: "BestEffort" }): KubeObject {
  return { metadata: { name: "p", namespace: "default" }, spec: { restartPolicy: "Always", ...spec }, status };
}

const record = (extra: Partial<ContainerRecord> = {}): ContainerRecord => ({ containerID: "paddock://abc", image: IMAGE, specImage: "127.0.0.1:5000/demo/hello:1.0", startedAt: T1, ...extra });
const condition = (type: string, status: string, extra: Record<string, unknown> = {}, since = T1) => ({ type, status, lastProbeTime: null, lastTransitionTime: since, ...extra });

describe("buildPodStatus", () => {
  it("reports a container whose pull failed as waiting, the pod Pending and not ready", () => {
    const failures = new Map([[containerKey("app", "web"), { reason: "ErrImagePull", message: "failed to pull and unpack image …" }]]);
    const status = buildPodStatus(pod({ containers: [{ name: "web", image: "127.0.0.1:5000/demo/hello:1.0" }] }), runtime({ failures }), T1);
    const notReady = { reason: "ContainersNotReady", message: "containers with unready status: [web]" };
    expect(status).toEqual({
      phase: "Pending",
      conditions: [
        condition("PodReadyToStartContainers", "True"),
        condition("Initialized", "True"),
        condition("Ready", "False", notReady),
        condition("ContainersReady", "False", notReady),
        condition("PodScheduled", "True"),
      ],
      hostIP: "127.0.0.1",
      hostIPs: [{ ip: "127.0.0.1" }],
      podIP: "10.42.0.7",
      podIPs: [{ ip: "10.42.0.7" }],
      startTime: T0,
      containerStatuses: [
        {
          name: "web",
          state: { waiting: { reason: "ErrImagePull", message: "failed to pull and unpack image …" } },
          lastState: {},
          ready: false,
          restartCount: 0,
          image: "127.0.0.1:5000/demo/hello:1.0",
          imageID: "",
          started: false,
        },
      ],
      qosClass: "BestEffort",
    });
  });

  it("reports started containers as running and ready, the pod Running, keeping unchanged transition times", () => {
    const previous = { phase: "Pending", conditions: [condition("PodScheduled", "True", {}, T0), condition("Initialized", "True", {}, T0)] };
    const spec = { containers: [{ name: "web", image: "127.0.0.1:5000/demo/hello:1.0", volumeMounts: [{ name: "token", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true }] }] };
    const status = buildPodStatus(pod(spec, previous), runtime({ containers: new Map([[containerKey("app", "web"), record()]]) }), T1);
    expect(status.phase).toBe("Running");
    expect(status.conditions).toEqual([
      condition("PodReadyToStartContainers", "True"),
      condition("Initialized", "True", {}, T0),
      condition("Ready", "True"),
      condition("ContainersReady", "True"),
      condition("PodScheduled", "True", {}, T0),
    ]);
    expect(status.containerStatuses).toEqual([
      {
        name: "web",
        state: { running: { startedAt: T1 } },
        lastState: {},
        ready: true,
        restartCount: 0,
        image: IMAGE.image,
        imageID: IMAGE.imageID,
        containerID: "paddock://abc",
        started: true,
        volumeMounts: [{ name: "token", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true, recursiveReadOnly: "Disabled" }],
      },
    ]);
  });

  it("holds the pod in initialisation while an init container cannot start", () => {
    const spec = { initContainers: [{ name: "setup", image: "busybox" }], containers: [{ name: "web", image: "nginx" }] };
    const failures = new Map([[containerKey("init", "setup"), { reason: "ImagePullBackOff", message: 'Back-off pulling image "busybox": ErrImagePull: x' }]]);
    const status = buildPodStatus(pod(spec), runtime({ failures }), T1);
    expect(status.phase).toBe("Pending");
    expect((status.conditions as unknown[])[1]).toEqual(
      condition("Initialized", "False", { reason: "ContainersNotInitialized", message: "containers with incomplete status: [setup]" }),
    );
    expect((status.initContainerStatuses as Array<{ state: unknown }>)[0]?.state).toEqual({
      waiting: { reason: "ImagePullBackOff", message: 'Back-off pulling image "busybox": ErrImagePull: x' },
    });
    expect((status.containerStatuses as Array<{ state: unknown }>)[0]?.state).toEqual({ waiting: { reason: "PodInitializing" } });
  });

  it("shows a completed init container as terminated, ready and not started", () => {
    const spec = { initContainers: [{ name: "setup", image: "busybox" }], containers: [{ name: "web", image: "nginx" }] };
    const containers = new Map([
      [containerKey("init", "setup"), record({ finishedAt: T1 })],
      [containerKey("app", "web"), record()],
    ]);
    const status = buildPodStatus(pod(spec), runtime({ containers }), T1);
    expect(status.phase).toBe("Running");
    expect(status.initContainerStatuses).toEqual([
      {
        name: "setup",
        state: { terminated: { exitCode: 0, reason: "Completed", startedAt: T1, finishedAt: T1, containerID: "paddock://abc" } },
        lastState: {},
        ready: true,
        restartCount: 0,
        image: IMAGE.image,
        imageID: IMAGE.imageID,
        containerID: "paddock://abc",
        started: false,
      },
    ]);
  });

  it("keeps other conditions and uses the node's address for host-network pods", () => {
    const previous = { conditions: [condition("PodScheduled", "True", {}, T0), condition("example.com/gate", "False", {}, T0)] };
    const status = buildPodStatus(pod({ hostNetwork: true, containers: [{ name: "c", image: "x" }] }, previous), runtime(), T1);
    expect((status.conditions as Array<{ type: string }>).map((c) => c.type)).toEqual([
      "PodReadyToStartContainers",
      "Initialized",
      "Ready",
      "ContainersReady",
      "PodScheduled",
      "example.com/gate",
    ]);
    expect(status.podIP).toBe("127.0.0.1");
    expect((status.containerStatuses as Array<{ state: unknown }>)[0]?.state).toEqual({ waiting: { reason: "ContainerCreating" } });
  });
});
