import { describe, expect, it } from "vitest";
import { byLastSeen, summarizeEvent } from "./event-summary.ts";

describe("summarizeEvent", () => {
  it("names the object and the source as kubectl get events does", () => {
    expect(
      summarizeEvent({
        metadata: { namespace: "demo" },
        involvedObject: { kind: "Pod", name: "web-1", namespace: "demo" },
        type: "Warning",
        reason: "Failed",
        message: "Error: ErrImagePull\n",
        count: 0,
        firstTimestamp: new Date("2025-01-02T03:04:05Z"),
        lastTimestamp: "2025-01-02T03:04:09Z",
        source: { component: "kubelet", host: "paddock-node" },
      }),
    ).toEqual({
      namespace: "demo",
      type: "Warning",
      reason: "Failed",
      object: "pod/web-1",
      message: "Error: ErrImagePull",
      count: 1,
      firstTimestamp: "2025-01-02T03:04:05Z",
      lastTimestamp: "2025-01-02T03:04:09Z",
      source: "kubelet, paddock-node",
    });
  });

  it("reads events.k8s.io-style events: event time, series and reporting controller", () => {
    const event = summarizeEvent({
      metadata: { namespace: "demo" },
      involvedObject: { kind: "Deployment", name: "web" },
      type: "Normal",
      reason: "ScalingReplicaSet",
      eventTime: "2025-01-02T03:04:05.123456Z",
      series: { count: 4, lastObservedTime: "2025-01-02T03:09:00.000001Z" },
      reportingComponent: "deployment-controller",
    });
    expect(event).toMatchObject({ object: "deployment/web", count: 4, firstTimestamp: "2025-01-02T03:04:05.123456Z", lastTimestamp: "2025-01-02T03:09:00.000001Z", source: "deployment-controller" });
    expect(summarizeEvent({}).source).toBe("<unknown>");
  });

  it("orders by last seen, oldest first", () => {
    const at = (lastTimestamp: string) => summarizeEvent({ lastTimestamp, involvedObject: { kind: "Pod", name: lastTimestamp } });
    const sorted = [at("2025-01-02T03:04:06Z"), at("2025-01-02T03:04:05.5Z"), at("2025-01-02T03:04:05Z")].sort(byLastSeen);
    expect(sorted.map((e) => e.lastTimestamp)).toEqual(["2025-01-02T03:04:05Z", "2025-01-02T03:04:05.5Z", "2025-01-02T03:04:06Z"]);
  });
});
