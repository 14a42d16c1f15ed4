import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { invalidStatusMessage, renderFieldError } from "../api/field-errors.ts";
import { deploymentDefinition } from "./deployment.ts";

const strategy = deploymentDefinition.strategy;
const now = new Date("2025-01-01T12:00:00Z");

function deployment(spec: Record<string, unknown>, name = "web"): KubeObject {
  const obj: KubeObject = {
    metadata: { name, namespace: "default", creationTimestamp: "2025-01-01T11:58:00Z" },
    spec: structuredClone(spec),
  };
  strategy.defaults?.(obj);
  strategy.prepare?.(obj);
  return obj;
}

const template = (labels: Record<string, string> | undefined, containers: unknown[] = [{ name: "web", image: "nginx:1.27" }]) => ({
  metadata: labels ? { labels } : {},
  spec: { containers },
});

const valid = { selector: { matchLabels: { app: "web" } }, template: template({ app: "web" }) };
const messages = (obj: KubeObject, old?: KubeObject) => (strategy.validate?.(obj, old) ?? []).map(renderFieldError);

describe("deployment defaults", () => {
  it("fill replicas, the rolling update strategy, history, deadline and the template's pod spec", () => {
    const d = deployment(valid);
    expect(d.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            {
              name: "web",
              image: "nginx:1.27",
              imagePullPolicy: "IfNotPresent",
              resources: {},
              terminationMessagePath: "/dev/termination-log",
              terminationMessagePolicy: "File",
            },
          ],
          dnsPolicy: "ClusterFirst",
          restartPolicy: "Always",
          schedulerName: "default-scheduler",
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
    expect(d.status).toEqual({});
  });

  it("leave a Recreate strategy without rollingUpdate and keep explicit values", () => {
    const d = deployment({ ...valid, replicas: 0, strategy: { type: "Recreate" }, revisionHistoryLimit: 0 });
    expect(d.spec).toMatchObject({ replicas: 0, strategy: { type: "Recreate" }, revisionHistoryLimit: 0 });
    expect(messages(d)).toEqual([]);
  });
});

describe("deployment validation", () => {
  it("accepts a valid deployment", () => {
    expect(messages(deployment(valid))).toEqual([]);
  });

  it("reports a selector that does not match the template labels, as kube-apiserver words it", () => {
    const d = deployment({ selector: { matchLabels: { app: "web" } }, template: template({ app: "x" }) });
    const errors = strategy.validate?.(d) ?? [];
    expect(errors.map(renderFieldError)).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    ]);
    expect(invalidStatusMessage("Deployment", "web", errors, "apps")).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    );
  });

  it("requires a selector (and then nothing matches)", () => {
    const d = deployment({ template: template({ app: "broken" }) });
    expect(messages(d)).toEqual([
      "spec.selector: Required value",
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"broken"}: `selector` does not match template `labels`',
    ]);
  });

  it("rejects an empty selector and bad selector expressions", () => {
    expect(messages(deployment({ selector: {}, template: template({ app: "web" }) }))).toEqual([
      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
    ]);
    const d = deployment({
      selector: { matchExpressions: [{ key: "app", operator: "In", values: [] }] },
      template: template({ app: "web" }),
    });
    expect(messages(d)).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"In", Values:[]string{}}}}: invalid label selector',
    ]);
  });

  it("validates the template's pod spec like a pod's, and forbids restartPolicy other than Always", () => {
    const d = deployment({
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web" }, { name: "web", image: "x" }], restartPolicy: "Never" } },
    });
    expect(messages(d)).toEqual([
      "spec.template.spec.containers[0].image: Required value",
      'spec.template.spec.containers[1].name: Duplicate value: "web"',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it("rejects negative replicas and bad rolling update parameters", () => {
    const d = deployment({ ...valid, replicas: -1, strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "0%" } } });
    expect(messages(d)).toEqual([
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]);
    const percent = deployment({ ...valid, strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "150%", maxSurge: "x" } } });
    expect(messages(percent)).toEqual([
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"x\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    ]);
  });

  it("rejects an unknown strategy type and rollingUpdate with Recreate", () => {
    expect(messages(deployment({ ...valid, strategy: { type: "BlueGreen" } }))).toEqual([
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]);
    expect(messages(deployment({ ...valid, strategy: { type: "Recreate", rollingUpdate: {} } }))).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
  });

  it("requires progressDeadlineSeconds to exceed minReadySeconds", () => {
    expect(messages(deployment({ ...valid, minReadySeconds: 600 }))).toEqual([
      "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds",
    ]);
  });

  it("keeps the selector immutable on update", () => {
    const old = deployment(valid);
    const next = structuredClone(old);
    const spec = next.spec as { selector: unknown; template: { metadata: { labels: Record<string, string> } } };
    spec.selector = { matchLabels: { app: "web", tier: "front" } };
    spec.template.metadata.labels.tier = "front";
    expect(messages(next, old)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"front"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    const scaled = structuredClone(old);
    (scaled.spec as Record<string, unknown>).replicas = 3;
    expect(messages(scaled, old)).toEqual([]);
  });
});

describe("deployment table", () => {
  it("prints READY, UP-TO-DATE, AVAILABLE and the wide columns", () => {
    const d = deployment({
      replicas: 3,
      selector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["front", "edge"] }] },
      template: template({ app: "web", tier: "front" }, [
        { name: "web", image: "nginx:1.27" },
        { name: "proxy", image: "envoy:v1" },
      ]),
    });
    d.status = { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
    expect(strategy.table.row(d, now)).toEqual(["web", "2/3", 3, 2, "2m", "web,proxy", "nginx:1.27,envoy:v1", "app=web,tier in (edge,front)"]);
    expect(strategy.table.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      "Name:0",
      "Ready:0",
      "Up-to-date:0",
      "Available:0",
      "Age:0",
      "Containers:1",
      "Images:1",
      "Selector:1",
    ]);
  });

  it("prints 0/1 for a deployment nobody reported on yet", () => {
    expect(strategy.table.row(deployment(valid), now).slice(1, 4)).toEqual(["0/1", 0, 0]);
  });
});

describe("deployment definition", () => {
  it("is apps/v1 deployments with scale and status subresources", () => {
    expect(deploymentDefinition).toMatchObject({
      group: "apps",
      version: "v1",
      kind: "Deployment",
      resource: "deployments",
      shortNames: ["deploy"],
      categories: ["all"],
      subresources: ["status", "scale"],
    });
    expect(strategy.tracksGeneration).toBe(true);
  });
});
