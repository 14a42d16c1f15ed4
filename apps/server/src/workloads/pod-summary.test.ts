import { describe, expect, it } from "vitest";
import { summarizePod, type PodView } from "./pod-summary.ts";

const pod = (status: PodView["status"], extra: Partial<PodView> = {}): PodView => ({
  metadata: { name: "web-1", namespace: "demo", creationTimestamp: new Date("2025-01-02T03:04:05Z") },
  spec: { nodeName: "paddock-node", containers: [{ name: "a", image: "nginx" }, { name: "b", image: "quay.io/x/y:1" }] },
  status,
  ...extra,
});

describe("summarizePod", () => {
  it("shows READY and STATUS as kubectl does for running containers", () => {
    const running = { ready: true, restartCount: 1, state: { running: { startedAt: "2025-01-02T03:04:06Z" } } };
    expect(summarizePod(pod({ phase: "Running", containerStatuses: [{ name: "a", ...running }, { name: "b", ...running, restartCount: 2 }] }))).toEqual({
      name: "web-1",
      namespace: "demo",
      ready: "2/2",
      status: "Running",
      restarts: 3,
      node: "paddock-node",
      createdAt: "2025-01-02T03:04:05Z",
      containers: [
        { name: "a", image: "nginx", state: "Running" },
        { name: "b", image: "quay.io/x/y:1", state: "Running" },
      ],
    });
  });

  it("shows the waiting reason of a container that cannot pull, the first container's winning", () => {
    const summary = summarizePod(
      pod({
        phase: "Pending",
        containerStatuses: [
          { name: "a", ready: false, state: { waiting: { reason: "ImagePullBackOff", message: 'Back-off pulling image "nginx"' } } },
          { name: "b", ready: false, state: { waiting: { reason: "ErrImagePull", message: "unauthorized" } } },
        ],
      }),
    );
    expect(summary).toMatchObject({ ready: "0/2", status: "ImagePullBackOff" });
    expect(summary.containers[1]).toEqual({ name: "b", image: "quay.io/x/y:1", state: "Waiting", reason: "ErrImagePull", message: "unauthorized" });
  });

  it("shows Pending before the kubelet reports, exit codes, init containers and Terminating", () => {
    expect(summarizePod(pod({ phase: "Pending" }))).toMatchObject({ status: "Pending", ready: "0/2", containers: [{ state: "Waiting" }, { state: "Waiting" }] });
    expect(summarizePod(pod({ phase: "Running", containerStatuses: [{ name: "a", state: { terminated: { exitCode: 2 } } }] })).status).toBe("ExitCode:2");
    expect(summarizePod(pod({ phase: "Pending", initContainerStatuses: [{ name: "init", state: { waiting: { reason: "ErrImagePull" } } }] }, { spec: { containers: [{ name: "a" }], initContainers: [{ name: "init" }] } })).status).toBe(
      "Init:ErrImagePull",
    );
    expect(summarizePod(pod({ phase: "Running" }, { metadata: { name: "x", deletionTimestamp: "2025-01-02T03:05:00Z" } })).status).toBe("Terminating");
  });
});
