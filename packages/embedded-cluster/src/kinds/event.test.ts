import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { renderFieldError } from "../api/field-errors.ts";
import { validateObjectMeta } from "../api/validation.ts";
import { eventDefinition } from "./event.ts";

const strategy = eventDefinition.strategy;
const now = new Date("2024-05-01T10:00:12Z");

function event(fields: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "testpod.17cb1a2b3c4d5e6f", namespace: "default", creationTimestamp: "2024-05-01T10:00:00Z" },
    involvedObject: { kind: "Pod", namespace: "default", name: "testpod", uid: "u-1", apiVersion: "v1", resourceVersion: "42", fieldPath: "spec.containers{app}" },
    reason: "Failed",
    message: "Error: ErrImagePull\n",
    source: { component: "kubelet", host: "node1" },
    firstTimestamp: "2024-05-01T10:00:00Z",
    lastTimestamp: "2024-05-01T10:00:00Z",
    count: 3,
    type: "Warning",
    ...fields,
  };
}

describe("Event table", () => {
  it("has kubectl's event columns with their priorities", () => {
    expect(strategy.table.columns.map((c) => [c.name, c.priority, c.format])).toEqual([
      ["Last Seen", 0, ""],
      ["Type", 0, ""],
      ["Reason", 0, ""],
      ["Object", 0, ""],
      ["Subobject", 1, ""],
      ["Source", 1, ""],
      ["Message", 0, ""],
      ["First Seen", 1, ""],
      ["Count", 1, ""],
      ["Name", 1, "name"],
    ]);
  });

  it("prints the wide row: lower-case kind/name, trimmed message, component and host", () => {
    expect(strategy.table.row(event(), now)).toEqual([
      "12s",
      "Warning",
      "Failed",
      "pod/testpod",
      "spec.containers{app}",
      "kubelet, node1",
      "Error: ErrImagePull",
      "12s",
      3,
      "testpod.17cb1a2b3c4d5e6f",
    ]);
  });

  it("falls back to firstTimestamp, then eventTime, and counts a singleton as 1", () => {
    const fresh = event({ lastTimestamp: undefined, count: undefined, firstTimestamp: "2024-05-01T09:58:00Z" });
    expect(strategy.table.row(fresh, now).slice(0, 1)).toEqual(["2m12s"]);
    expect(strategy.table.row(fresh, now)[8]).toBe(1);
    const modern = event({
      firstTimestamp: undefined,
      lastTimestamp: undefined,
      count: undefined,
      source: undefined,
      eventTime: "2024-05-01T10:00:02.123456Z",
      reportingComponent: "default-scheduler",
      reportingInstance: "default-scheduler-node1",
      involvedObject: { kind: "Pod", namespace: "default", name: "testpod" },
    });
    const row = strategy.table.row(modern, now);
    expect(row[0]).toBe("9s");
    expect(row[5]).toBe("default-scheduler, default-scheduler-node1");
    expect(row[7]).toBe("9s");
  });

  it("uses the series for Last Seen and Count", () => {
    const repeated = event({ series: { count: 7, lastObservedTime: "2024-05-01T10:00:10.000000Z" } });
    const row = strategy.table.row(repeated, now);
    expect(row[0]).toBe("2s");
    expect(row[8]).toBe(7);
  });

  it("prints only the kind when the object has no name, and <unknown> without timestamps", () => {
    const row = strategy.table.row(
      event({ involvedObject: { kind: "Node" }, firstTimestamp: undefined, lastTimestamp: undefined, source: { component: "kubelet" } }),
      now,
    );
    expect(row.slice(0, 6)).toEqual(["<unknown>", "Warning", "Failed", "node", "", "kubelet"]);
  });
});

describe("Event validation (legacy core v1 rules)", () => {
  const errors = (obj: KubeObject) => (strategy.validate?.(obj) ?? []).map(renderFieldError);

  it("accepts an event about an object in its namespace", () => {
    expect(errors(event())).toEqual([]);
  });

  it("refuses an involvedObject in another namespace", () => {
    expect(errors(event({ involvedObject: { kind: "Pod", namespace: "other", name: "p" } }))).toEqual([
      'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    ]);
  });

  it("puts events about cluster-scoped objects in default", () => {
    expect(errors(event({ involvedObject: { kind: "Node", name: "node1" } }))).toEqual([]);
    const elsewhere = event({ involvedObject: { kind: "Node", name: "node1" } });
    elsewhere.metadata.namespace = "team-a";
    expect(errors(elsewhere)).toEqual(['involvedObject.namespace: Invalid value: "": does not match event.namespace']);
  });

  it("requires the reporting fields once eventTime is set", () => {
    expect(errors(event({ eventTime: "2024-05-01T10:00:00.000000Z", reason: "" }))).toEqual([
      "reportingComponent: Required value",
      'reportingComponent: Invalid value: "": name part must be non-empty',
      "reportingComponent: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "reportingInstance: Required value",
      "action: Required value",
      "reason: Required value",
    ]);
    const complete = event({
      eventTime: "2024-05-01T10:00:00.000000Z",
      reportingComponent: "paddock.dev/kubelet",
      reportingInstance: "node1",
      action: "Pulling",
      message: "x".repeat(1025),
    });
    expect(errors(complete)).toEqual(['message: Invalid value: "": can have at most 1024 characters']);
  });

  it("allows any name that is a path segment", () => {
    const meta = { name: "Weird_Name.1", namespace: "default" };
    expect(validateObjectMeta(meta, { namespaced: true, validateName: strategy.validateName! })).toEqual([]);
  });
});

describe("Event field selectors", () => {
  it("offers the involvedObject fields, reason, type, source and reportingComponent", () => {
    const selectors = strategy.fieldSelectors!;
    const obj = event();
    expect(Object.fromEntries(Object.entries(selectors).map(([field, get]) => [field, get(obj)]))).toEqual({
      "involvedObject.kind": "Pod",
      "involvedObject.namespace": "default",
      "involvedObject.name": "testpod",
      "involvedObject.uid": "u-1",
      "involvedObject.apiVersion": "v1",
      "involvedObject.resourceVersion": "42",
      "involvedObject.fieldPath": "spec.containers{app}",
      reason: "Failed",
      reportingComponent: "",
      source: "kubelet",
      type: "Warning",
    });
    expect(selectors.source!(event({ source: undefined, reportingComponent: "scheduler" }))).toBe("scheduler");
    expect(selectors["involvedObject.name"]!({ metadata: {} })).toBe("");
  });

  it("is served as events, short name ev", () => {
    expect(eventDefinition).toMatchObject({ resource: "events", kind: "Event", shortNames: ["ev"], namespaced: true });
  });
});
