import { describe, expect, it } from "vitest";
import {
  genericSchema,
  namespaceSchema,
  nodeSchema,
  podSchema,
  replicaSetSchema,
  serviceAccountSchema,
} from "./merge-schemas.ts";
import { applyStrategicMergePatch } from "./strategic-merge.ts";

describe("merge schemas of the built-in kinds", () => {
  it("ServiceAccount: secrets merge by name, imagePullSecrets are atomic (no patch tags upstream)", () => {
    const sa = { kind: "ServiceAccount", metadata: { name: "default" }, secrets: [{ name: "t1" }], imagePullSecrets: [{ name: "a" }] };
    const patched = applyStrategicMergePatch(sa, { secrets: [{ name: "t2" }], imagePullSecrets: [{ name: "b" }] }, serviceAccountSchema);
    expect(patched).toEqual({
      kind: "ServiceAccount",
      metadata: { name: "default" },
      secrets: [{ name: "t2" }, { name: "t1" }],
      imagePullSecrets: [{ name: "b" }],
    });
  });

  it("Pod: podIPs merge by ip, containerStatuses are atomic", () => {
    const pod = {
      kind: "Pod",
      metadata: { name: "p" },
      status: { podIPs: [{ ip: "10.0.0.1" }], containerStatuses: [{ name: "a", ready: false }, { name: "b", ready: false }] },
    };
    const patch = { status: { podIPs: [{ ip: "fd00::1" }], containerStatuses: [{ name: "a", ready: true }] } };
    expect(applyStrategicMergePatch(pod, patch, podSchema)).toEqual({
      kind: "Pod",
      metadata: { name: "p" },
      status: { podIPs: [{ ip: "fd00::1" }, { ip: "10.0.0.1" }], containerStatuses: [{ name: "a", ready: true }] },
    });
  });

  it("ReplicaSet: the pod template's containers merge by name, status conditions by type", () => {
    const rs = {
      kind: "ReplicaSet",
      metadata: { name: "rs" },
      spec: { template: { spec: { containers: [{ name: "web", image: "nginx:1", env: [{ name: "A", value: "1" }] }] } } },
      status: { conditions: [{ type: "ReplicaFailure", status: "True" }] },
    };
    const patch = {
      spec: { template: { spec: { containers: [{ name: "web", env: [{ name: "A", value: "2" }] }] } } },
      status: { conditions: [{ type: "ReplicaFailure", status: "False" }] },
    };
    expect(applyStrategicMergePatch(rs, patch, replicaSetSchema)).toEqual({
      kind: "ReplicaSet",
      metadata: { name: "rs" },
      spec: { template: { spec: { containers: [{ name: "web", image: "nginx:1", env: [{ name: "A", value: "2" }] }] } } },
      status: { conditions: [{ type: "ReplicaFailure", status: "False" }] },
    });
  });

  it("Namespace: spec.finalizers are atomic, metadata.finalizers a merged set", () => {
    const ns = { kind: "Namespace", metadata: { name: "n", finalizers: ["a"] }, spec: { finalizers: ["kubernetes"] } };
    const patch = { metadata: { finalizers: ["b"] }, spec: { finalizers: [] } };
    expect(applyStrategicMergePatch(ns, patch, namespaceSchema)).toEqual({
      kind: "Namespace",
      metadata: { name: "n", finalizers: ["b", "a"] },
      spec: { finalizers: [] },
    });
  });

  it("Node: status addresses and conditions merge by type", () => {
    const node = {
      kind: "Node",
      metadata: { name: "n" },
      status: {
        addresses: [{ type: "InternalIP", address: "10.0.0.1" }, { type: "Hostname", address: "n" }],
        conditions: [{ type: "Ready", status: "False" }],
      },
    };
    const patch = {
      status: { addresses: [{ type: "InternalIP", address: "10.0.0.2" }], conditions: [{ type: "Ready", status: "True" }] },
    };
    expect(applyStrategicMergePatch(node, patch, nodeSchema)).toEqual({
      kind: "Node",
      metadata: { name: "n" },
      status: {
        addresses: [{ type: "InternalIP", address: "10.0.0.2" }, { type: "Hostname", address: "n" }],
        conditions: [{ type: "Ready", status: "True" }],
      },
    });
  });

  it("a ConfigMap data key named __proto__ is kept as an ordinary key", () => {
    const configMap = JSON.parse('{"kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}');
    const patched = applyStrategicMergePatch(configMap, JSON.parse('{"data":{"__proto__":"2","toString":"3"}}'), genericSchema);
    expect(JSON.stringify(patched)).toBe('{"kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","__proto__":"2","toString":"3"}}');
  });

  it("generic kinds (Secret): data merges key by key, metadata lists by their tags", () => {
    const secret = { kind: "Secret", metadata: { name: "s", ownerReferences: [{ uid: "u1", name: "a" }] }, data: { a: "YQ==", b: "Yg==" } };
    const patch = { metadata: { ownerReferences: [{ uid: "u2", name: "b" }] }, data: { b: null, c: "Yw==" } };
    expect(applyStrategicMergePatch(secret, patch, genericSchema)).toEqual({
      kind: "Secret",
      metadata: { name: "s", ownerReferences: [{ uid: "u2", name: "b" }, { uid: "u1", name: "a" }] },
      data: { a: "YQ==", c: "Yw==" },
    });
  });
});
