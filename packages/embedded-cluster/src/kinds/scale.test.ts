import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { renderFieldError } from "../api/field-errors.ts";
import { applyScale, toScale, validateScale } from "./scale.ts";

const deployment: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "web",
    namespace: "default",
    uid: "6b1f1c52-6a5c-4f43-9d7a-3c1f1f2d7e10",
    resourceVersion: "42",
    creationTimestamp: "2025-01-01T11:00:00Z",
    generation: 3,
    labels: { app: "web" },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "Exists" }] },
    template: { metadata: { labels: { app: "web", tier: "front" } }, spec: { containers: [{ name: "web", image: "nginx" }] } },
  },
  status: { replicas: 2, readyReplicas: 2 },
};

describe("scale subresource", () => {
  it("builds an autoscaling/v1 Scale with the selector as a string", () => {
    expect(toScale(deployment)).toEqual({
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      metadata: {
        name: "web",
        namespace: "default",
        uid: "6b1f1c52-6a5c-4f43-9d7a-3c1f1f2d7e10",
        resourceVersion: "42",
        creationTimestamp: "2025-01-01T11:00:00Z",
      },
      spec: { replicas: 3 },
      status: { replicas: 2, selector: "app=web,tier" },
    });
  });

  it("omits zero spec.replicas but always shows status.replicas", () => {
    const idle = structuredClone(deployment);
    (idle.spec as Record<string, unknown>).replicas = 0;
    delete idle.status;
    expect(toScale(idle)).toMatchObject({ spec: {}, status: { replicas: 0, selector: "app=web,tier" } });
  });

  it("writes spec.replicas back into a copy of the object", () => {
    const scaled = applyScale(deployment, { metadata: { name: "web" }, spec: { replicas: 5 } });
    expect((scaled.spec as Record<string, unknown>).replicas).toBe(5);
    expect((deployment.spec as Record<string, unknown>).replicas).toBe(3);
    expect(scaled.metadata).toEqual(deployment.metadata);
    // A Scale without spec.replicas scales to zero, as the Go int32 field decodes.
    expect((applyScale(deployment, { metadata: {}, spec: {} }).spec as Record<string, unknown>).replicas).toBe(0);
  });

  it("rejects negative replicas", () => {
    expect(validateScale({ metadata: { name: "web" }, spec: { replicas: -1 } }).map(renderFieldError)).toEqual([
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
    ]);
    expect(validateScale({ metadata: { name: "web" }, spec: { replicas: 2 } })).toEqual([]);
  });
});
