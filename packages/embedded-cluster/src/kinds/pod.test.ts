import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { renderFieldError } from "../api/field-errors.ts";
import { podDefinition } from "./pod.ts";
import { validatePodSpec } from "./pod-spec-validation.ts";

const strategy = podDefinition.strategy;

/** What the generic create path does with a body: defaults, then prepare. */
function created(spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject {
  const pod: KubeObject = { metadata: { name: "p", namespace: "default" }, spec: structuredClone(spec), ...(status ? { status } : {}) };
  strategy.defaults?.(pod);
  strategy.prepare?.(pod);
  return pod;
}

function updated(old: KubeObject, change: (spec: Record<string, unknown>) => void): KubeObject {
  const next = structuredClone(old);
  change(next.spec as Record<string, unknown>);
  strategy.defaults?.(next);
  strategy.prepare?.(next, old);
  return next;
}

const messages = (pod: KubeObject, old?: KubeObject) => (strategy.validate?.(pod, old) ?? []).map(renderFieldError);

describe("pod defaults", () => {
  it("fills what kube-apiserver shows in kubectl get -o yaml", () => {
    const pod = created({ containers: [{ name: "c", image: "nginx" }] });
    expect(pod.spec).toEqual({
      containers: [
        {
          name: "c",
          image: "nginx",
          imagePullPolicy: "Always",
          resources: {},
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
        },
      ],
      dnsPolicy: "ClusterFirst",
      enableServiceLinks: true,
      preemptionPolicy: "PreemptLowerPriority",
      priority: 0,
      restartPolicy: "Always",
      schedulerName: "default-scheduler",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
    });
    expect(pod.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
  });

  it("defaults imagePullPolicy from the tag: Always for latest or none, IfNotPresent otherwise", () => {
    const pod = created({
      containers: [
        { name: "a", image: "nginx:latest" },
        { name: "b", image: "quay.io/example/private" },
        { name: "c", image: "nginx:1.27" },
        { name: "d", image: "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" },
        { name: "e", image: "registry.local:5000/team/app:v2" },
        { name: "f", image: "Not A Reference" },
        { name: "g", image: "nginx", imagePullPolicy: "Never" },
      ],
    });
    const policies = (pod.spec as { containers: Array<{ imagePullPolicy: string }> }).containers.map((c) => c.imagePullPolicy);
    expect(policies).toEqual(["Always", "Always", "IfNotPresent", "IfNotPresent", "IfNotPresent", "IfNotPresent", "Never"]);
  });

  it("keeps a status the creator supplied and computes the QoS class from resources", () => {
    expect(created({ containers: [{ name: "c", image: "x" }] }, { phase: "Running" }).status).toEqual({ phase: "Running" });
    const guaranteed = created({ containers: [{ name: "c", image: "x", resources: { limits: { cpu: "500m", memory: "64Mi" } } }] });
    expect(guaranteed.status).toEqual({ phase: "Pending", qosClass: "Guaranteed" });
    // limits without requests are copied into requests for Pods
    expect((guaranteed.spec as { containers: Array<{ resources: unknown }> }).containers[0]!.resources).toEqual({
      limits: { cpu: "500m", memory: "64Mi" },
      requests: { cpu: "500m", memory: "64Mi" },
    });
    const burstable = created({ containers: [{ name: "c", image: "x", resources: { requests: { memory: "64Mi" } } }] });
    expect(burstable.status).toEqual({ phase: "Pending", qosClass: "Burstable" });
  });

  it("keeps existing tolerations and adds only the missing defaults", () => {
    const pod = created({
      containers: [{ name: "c", image: "x" }],
      tolerations: [{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 30 }],
    });
    expect((pod.spec as { tolerations: unknown[] }).tolerations).toEqual([
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 30 },
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    ]);
  });

  it("defaults volumes, ports and probes", () => {
    const pod = created({
      containers: [
        {
          name: "c",
          image: "x:1",
          ports: [{ containerPort: 80 }],
          readinessProbe: { httpGet: { port: 80 } },
          env: [{ name: "NS", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } }],
        },
      ],
      volumes: [{ name: "scratch" }, { name: "creds", secret: { secretName: "s" } }],
    });
    const spec = pod.spec as {
      containers: Array<{ ports: unknown; readinessProbe: unknown; env: Array<{ valueFrom: { fieldRef: unknown } }> }>;
      volumes: unknown;
    };
    expect(spec.containers[0]!.ports).toEqual([{ containerPort: 80, protocol: "TCP" }]);
    expect(spec.containers[0]!.readinessProbe).toEqual({
      httpGet: { port: 80, path: "/", scheme: "HTTP" },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(spec.containers[0]!.env[0]!.valueFrom.fieldRef).toEqual({ fieldPath: "metadata.namespace", apiVersion: "v1" });
    expect(spec.volumes).toEqual([
      { name: "scratch", emptyDir: {} },
      { name: "creds", secret: { secretName: "s", defaultMode: 420 } },
    ]);
  });
});

describe("pod validation", () => {
  it("requires at least one container", () => {
    expect(messages(created({ containers: [] }))).toEqual(["spec.containers: Required value"]);
  });

  it("requires unique DNS-1123 label container names and an image", () => {
    const pod = created({ containers: [{ name: "c", image: "x" }, { name: "c", image: "y" }, { name: "Web_1", image: "" }] });
    expect(messages(pod)).toEqual([
      'spec.containers[1].name: Duplicate value: "c"',
      "spec.containers[2].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      "spec.containers[2].image: Required value",
    ]);
  });

  it("rejects an unknown imagePullPolicy and restartPolicy", () => {
    const pod = created({ containers: [{ name: "c", image: "x", imagePullPolicy: "Sometimes" }], restartPolicy: "Maybe" });
    expect(messages(pod)).toEqual([
      'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
      'spec.restartPolicy: Unsupported value: "Maybe": supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it("checks ports, env names, volumes and mounts", () => {
    const pod = created({
      containers: [
        {
          name: "c",
          image: "x",
          ports: [{ containerPort: 70000, name: "HTTP" }, { containerPort: 80, protocol: "HTTP" }],
          env: [{ value: "x" }],
          volumeMounts: [{ name: "data", mountPath: "" }],
        },
      ],
      volumes: [{ name: "data", emptyDir: {} }, { name: "data", configMap: {} }],
    });
    expect(messages(pod)).toEqual([
      "spec.volumes[1].configMap.name: Required value",
      'spec.volumes[1].name: Duplicate value: "data"',
      'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      'spec.containers[0].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      "spec.containers[0].env[0].name: Required value",
      "spec.containers[0].volumeMounts[0].mountPath: Required value",
    ]);
  });

  it("checks service account and node names and the image whitespace of pods", () => {
    const pod = created({ containers: [{ name: "c", image: " nginx" }], serviceAccountName: "Bad_SA", nodeName: "node1" });
    expect(messages(pod)).toEqual([
      "spec.serviceAccountName: Invalid value: \"Bad_SA\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
    ]);
  });

  it("accepts any image pull secret names: upstream only warns about empty or duplicate ones", () => {
    const pod = created({ containers: [{ name: "c", image: "x" }], imagePullSecrets: [{ name: "" }, { name: "a" }, { name: "a" }] });
    expect(messages(pod)).toEqual([]);
  });

  it("validates pod templates with their own path", () => {
    expect(validatePodSpec({ containers: [{ name: "c" }] }, "spec.template.spec").map(renderFieldError)).toContain(
      "spec.template.spec.containers[0].image: Required value",
    );
  });
});

describe("pod updates", () => {
  const old = created({ containers: [{ name: "c", image: "nginx:1.26" }], activeDeadlineSeconds: 600 });

  it("allow a new image, a shorter deadline and added tolerations", () => {
    const next = updated(old, (spec) => {
      (spec.containers as Array<Record<string, unknown>>)[0]!.image = "nginx:1.27";
      spec.activeDeadlineSeconds = 300;
      (spec.tolerations as unknown[]).push({ key: "dedicated", operator: "Exists", effect: "NoSchedule" });
    });
    expect(messages(next, old)).toEqual([]);
  });

  it("accept a body that spells zero values out", () => {
    const next = updated(old, (spec) => {
      spec.hostNetwork = false;
      spec.volumes = [];
      spec.nodeSelector = null;
    });
    expect(messages(next, old)).toEqual([]);
  });

  it("forbid any other change to the spec, with the upstream message", () => {
    const next = updated(old, (spec) => {
      spec.nodeName = "node1";
    });
    const [message, ...rest] = messages(next, old);
    expect(rest).toEqual([]);
    expect(message).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    expect(message).toContain('+ \tNodeName: "node1",');
  });

  it("forbid adding or removing containers", () => {
    const next = updated(old, (spec) => {
      (spec.containers as unknown[]).push({ name: "sidecar", image: "busybox" });
    });
    expect(messages(next, old)).toEqual(["spec.containers: Forbidden: pod updates may not add or remove containers"]);
  });

  it("forbid removing tolerations or extending the deadline", () => {
    const fewer = updated(old, (spec) => {
      spec.tolerations = [];
    });
    expect(messages(fewer, old)).toEqual([
      "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds",
    ]);
    const longer = updated(old, (spec) => {
      spec.activeDeadlineSeconds = 900;
    });
    expect(messages(longer, old)).toEqual([
      "spec.activeDeadlineSeconds: Invalid value: 900: must be less than or equal to previous value",
    ]);
  });
});

describe("pod field selectors", () => {
  it("reads the fields kubectl and controllers select on, empty when unset", () => {
    const pod = created({ containers: [{ name: "c", image: "x" }], serviceAccountName: "default" });
    const get = (field: string) => strategy.fieldSelectors?.[field]?.(pod);
    expect(get("spec.nodeName")).toBe("");
    expect(get("spec.restartPolicy")).toBe("Always");
    expect(get("spec.schedulerName")).toBe("default-scheduler");
    expect(get("spec.serviceAccountName")).toBe("default");
    expect(get("status.phase")).toBe("Pending");
    expect(get("status.podIP")).toBe("");
    expect(get("status.nominatedNodeName")).toBe("");
    expect(get("spec.hostNetwork")).toBe("false");
  });
});

describe("pod definition", () => {
  it("is core v1 pods with short name po in category all", () => {
    expect(podDefinition).toMatchObject({
      group: "",
      version: "v1",
      kind: "Pod",
      listKind: "PodList",
      resource: "pods",
      singular: "pod",
      namespaced: true,
      shortNames: ["po"],
      categories: ["all"],
      subresources: ["status"],
    });
    expect(strategy.hasStatusSubresource).toBe(true);
    expect(strategy.tracksGeneration).toBeFalsy();
  });
});
