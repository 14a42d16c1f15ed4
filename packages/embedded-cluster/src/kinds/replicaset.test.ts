import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { renderFieldError } from "../api/field-errors.ts";
import { replicaSetDefinition } from "./replicaset.ts";

const strategy = replicaSetDefinition.strategy;
const now = new Date("2025-01-01T12:00:00Z");

function replicaSet(spec: Record<string, unknown>): KubeObject {
  const obj: KubeObject = {
    metadata: { name: "web-5d8f9c7b6", namespace: "default", creationTimestamp: "2025-01-01T11:00:00Z" },
    spec: structuredClone(spec),
  };
  strategy.defaults?.(obj);
  strategy.prepare?.(obj);
  return obj;
}

const valid = {
  selector: { matchLabels: { app: "web", "pod-template-hash": "5d8f9c7b6" } },
  template: {
    metadata: { labels: { app: "web", "pod-template-hash": "5d8f9c7b6" } },
    spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
  },
};
const messages = (obj: KubeObject, old?: KubeObject) => (strategy.validate?.(obj, old) ?? []).map(renderFieldError);

describe("replicaset", () => {
  it("defaults replicas to 1 and the template's pod spec, with an empty status", () => {
    const rs = replicaSet(valid);
    expect(rs.spec).toMatchObject({ replicas: 1, template: { spec: { restartPolicy: "Always", dnsPolicy: "ClusterFirst" } } });
    expect(rs.status).toEqual({});
    expect(messages(rs)).toEqual([]);
  });

  it("validates the selector against the template like a deployment", () => {
    const rs = replicaSet({ ...valid, selector: { matchLabels: { app: "other" } } });
    expect(messages(rs)).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web", "pod-template-hash":"5d8f9c7b6"}: `selector` does not match template `labels`',
    ]);
    expect(messages(replicaSet({ ...valid, replicas: -2 }))).toEqual([
      "spec.replicas: Invalid value: -2: must be greater than or equal to 0",
    ]);
  });

  it("keeps the selector immutable", () => {
    const old = replicaSet(valid);
    const next = structuredClone(old);
    (next.spec as Record<string, unknown>).selector = { matchLabels: { app: "web" } };
    expect(messages(next, old)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it("prints DESIRED, CURRENT, READY and the wide columns", () => {
    const rs = replicaSet({ ...valid, replicas: 2 });
    rs.status = { replicas: 2, readyReplicas: 1 };
    expect(strategy.table.row(rs, now)).toEqual([
      "web-5d8f9c7b6",
      2,
      2,
      1,
      "60m",
      "web",
      "nginx:1.27",
      "app=web,pod-template-hash=5d8f9c7b6",
    ]);
    expect(strategy.table.columns.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      "Name:string:0",
      "Desired:integer:0",
      "Current:integer:0",
      "Ready:integer:0",
      "Age:string:0",
      "Containers:string:1",
      "Images:string:1",
      "Selector:string:1",
    ]);
  });

  it("supports the status.replicas field selector", () => {
    const rs = replicaSet(valid);
    expect(strategy.fieldSelectors?.["status.replicas"]?.(rs)).toBe("0");
  });

  it("is apps/v1 replicasets, short name rs", () => {
    expect(replicaSetDefinition).toMatchObject({
      group: "apps",
      version: "v1",
      kind: "ReplicaSet",
      listKind: "ReplicaSetList",
      resource: "replicasets",
      shortNames: ["rs"],
      categories: ["all"],
      subresources: ["status", "scale"],
    });
    expect(strategy.tracksGeneration).toBe(true);
  });
});
