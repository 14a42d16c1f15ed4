import { describe, expect, it } from "vitest";
import type { MergeSchema } from "../api/types.ts";
import { PatchError } from "./errors.ts";
import { deploymentSchema, genericSchema, podSchema } from "./merge-schemas.ts";
import { applyStrategicMergePatch } from "./strategic-merge.ts";

function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "testpod", namespace: "default", ...metadata }, spec };
}

function caught(run: () => unknown): PatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof PatchError) return error;
    throw error;
  }
  throw new Error("expected a PatchError");
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

interface Case {
  name: string;
  original: unknown;
  patch: unknown;
  schema?: MergeSchema;
  expected: unknown;
}

const cases: Case[] = [
  {
    name: "kubectl apply changing an image ($setElementOrder/containers, as in the facts file)",
    original: pod(
      {
        containers: [{ name: "c", image: "nginx:v1", imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log" }],
        restartPolicy: "Always",
      },
      { annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{old}" } },
    ),
    patch: {
      metadata: { annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{new}" } },
      spec: { "$setElementOrder/containers": [{ name: "c" }], containers: [{ image: "nginx:v2", name: "c" }] },
    },
    expected: pod(
      {
        containers: [{ name: "c", image: "nginx:v2", imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log" }],
        restartPolicy: "Always",
      },
      { annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{new}" } },
    ),
  },
  {
    name: "kubectl apply adding a container: config order kept, a server-only container stays near its neighbour",
    original: pod({
      containers: [
        { name: "a", image: "a" },
        { name: "injected", image: "proxy" },
        { name: "b", image: "b" },
      ],
    }),
    patch: {
      spec: {
        "$setElementOrder/containers": [{ name: "a" }, { name: "n" }, { name: "b" }],
        containers: [{ image: "n", name: "n" }],
      },
    },
    expected: pod({
      containers: [
        { name: "a", image: "a" },
        { name: "n", image: "n" },
        { name: "injected", image: "proxy" },
        { name: "b", image: "b" },
      ],
    }),
  },
  {
    name: "kubectl edit changing one env var",
    original: pod({
      containers: [
        {
          name: "c",
          image: "app",
          env: [
            { name: "A", value: "1" },
            { name: "B", value: "2" },
            { name: "C", value: "3" },
          ],
        },
      ],
    }),
    patch: {
      spec: {
        "$setElementOrder/containers": [{ name: "c" }],
        containers: [
          {
            "$setElementOrder/env": [{ name: "A" }, { name: "B" }, { name: "C" }],
            env: [{ name: "B", value: "changed" }],
            name: "c",
          },
        ],
      },
    },
    expected: pod({
      containers: [
        {
          name: "c",
          image: "app",
          env: [
            { name: "A", value: "1" },
            { name: "B", value: "changed" },
            { name: "C", value: "3" },
          ],
        },
      ],
    }),
  },
  {
    name: "kubectl apply removing an env var ($patch: delete by merge key)",
    original: pod({
      containers: [
        {
          name: "c",
          image: "app",
          env: [
            { name: "A", value: "1" },
            { name: "B", value: "2" },
            { name: "C", value: "3" },
          ],
        },
      ],
    }),
    patch: {
      spec: {
        "$setElementOrder/containers": [{ name: "c" }],
        containers: [
          { "$setElementOrder/env": [{ name: "A" }, { name: "C" }], env: [{ $patch: "delete", name: "B" }], name: "c" },
        ],
      },
    },
    expected: pod({
      containers: [
        {
          name: "c",
          image: "app",
          env: [
            { name: "A", value: "1" },
            { name: "C", value: "3" },
          ],
        },
      ],
    }),
  },
  {
    name: "kubectl patch deleting an imagePullSecret with $patch: delete",
    original: pod({ imagePullSecrets: [{ name: "a" }, { name: "b" }, { name: "c" }] }),
    patch: { spec: { imagePullSecrets: [{ name: "b", $patch: "delete" }] } },
    expected: pod({ imagePullSecrets: [{ name: "a" }, { name: "c" }] }),
  },
  {
    name: "adding an imagePullSecret by name keeps the others (upstream puts the new element first)",
    original: pod({ containers: [{ name: "c", image: "x" }], imagePullSecrets: [{ name: "a" }, { name: "b" }] }),
    patch: { spec: { imagePullSecrets: [{ name: "regcred" }] } },
    expected: pod({ containers: [{ name: "c", image: "x" }], imagePullSecrets: [{ name: "regcred" }, { name: "a" }, { name: "b" }] }),
  },
  {
    name: "without $setElementOrder the patch's order wins and server-only elements keep their place",
    original: pod({ containers: [{ name: "1" }, { name: "2", image: "b" }, { name: "3" }] }),
    patch: { spec: { containers: [{ name: "3", image: "c" }, { name: "1", image: "a" }] } },
    expected: pod({ containers: [{ name: "2", image: "b" }, { name: "3", image: "c" }, { name: "1", image: "a" }] }),
  },
  {
    name: "kubectl apply removing a finalizer ($deleteFromPrimitiveList + $setElementOrder)",
    original: pod({}, { finalizers: ["example.com/a", "example.com/b", "example.com/c"] }),
    patch: {
      metadata: {
        "$deleteFromPrimitiveList/finalizers": ["example.com/b"],
        "$setElementOrder/finalizers": ["example.com/a", "example.com/c"],
      },
    },
    expected: pod({}, { finalizers: ["example.com/a", "example.com/c"] }),
  },
  {
    name: "$deleteFromPrimitiveList for a list the object lacks deletes nothing",
    original: pod({}, { labels: { app: "web" } }),
    patch: { metadata: { "$deleteFromPrimitiveList/finalizers": ["example.com/b"] } },
    expected: pod({}, { labels: { app: "web" } }),
  },
  {
    name: "finalizers merge as a set: duplicates dropped, order from the patch and the old list",
    original: pod({}, { finalizers: ["a", "b"] }),
    patch: { metadata: { finalizers: ["b", "c"] } },
    expected: pod({}, { finalizers: ["a", "b", "c"] }),
  },
  {
    name: "$setElementOrder on a primitive list interleaves server-only values (upstream fixture)",
    original: pod({}, { finalizers: ["1", "2", "7", "9", "8", "3", "4"] }),
    patch: { metadata: { "$setElementOrder/finalizers": ["2", "1", "4", "3"] } },
    expected: pod({}, { finalizers: ["2", "1", "7", "9", "8", "4", "3"] }),
  },
  {
    name: "$retainKeys: kubectl apply switching a Deployment to the Recreate strategy",
    schema: deploymentSchema,
    original: {
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas: 2, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } } },
    },
    patch: { spec: { strategy: { $retainKeys: ["type"], rollingUpdate: null, type: "Recreate" } } },
    expected: { kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 2, strategy: { type: "Recreate" } } },
  },
  {
    name: "$retainKeys in a volume: emptyDir replaced by a configMap",
    original: pod({ volumes: [{ name: "data", emptyDir: {} }, { name: "other", emptyDir: {} }] }),
    patch: {
      spec: {
        "$setElementOrder/volumes": [{ name: "data" }, { name: "other" }],
        volumes: [{ $retainKeys: ["configMap", "name"], configMap: { name: "cfg" }, name: "data" }],
      },
    },
    expected: pod({ volumes: [{ name: "data", configMap: { name: "cfg" } }, { name: "other", emptyDir: {} }] }),
  },
  {
    name: "$patch: replace on a map keeps only the patch's keys",
    original: pod({ nodeSelector: { disk: "hdd", zone: "a" } }),
    patch: { spec: { nodeSelector: { $patch: "replace", disk: "ssd" } } },
    expected: pod({ nodeSelector: { disk: "ssd" } }),
  },
  {
    name: "$patch: replace as a list element makes the patch's elements the whole list",
    original: pod({ containers: [{ name: "a", image: "a" }, { name: "b", image: "b" }] }),
    patch: { spec: { containers: [{ $patch: "replace" }, { name: "only", image: "x" }] } },
    expected: pod({ containers: [{ name: "only", image: "x" }] }),
  },
  {
    name: "$patch: replace for a field the object lacks sets the patch's content",
    original: pod({ containers: [{ name: "c" }] }),
    patch: { spec: { nodeSelector: { $patch: "replace", disk: "ssd" } } },
    expected: pod({ containers: [{ name: "c" }], nodeSelector: { disk: "ssd" } }),
  },
  {
    name: "$patch: delete on a map empties it",
    original: pod({ securityContext: { runAsUser: 1000 } }),
    patch: { spec: { securityContext: { $patch: "delete" } } },
    expected: pod({ securityContext: {} }),
  },
  {
    name: "null deletes a key from a map; null for an absent key changes nothing",
    original: pod({}, { labels: { app: "web", tier: "frontend" } }),
    patch: { metadata: { labels: { tier: null, missing: null } } },
    expected: pod({}, { labels: { app: "web" } }),
  },
  {
    name: "maps merge recursively and lists without a merge key (args, tolerations) are replaced",
    original: pod({
      containers: [{ name: "c", image: "x", args: ["a", "b"], resources: { limits: { cpu: "1", memory: "1Gi" } } }],
      tolerations: [{ key: "k1", operator: "Exists" }],
    }),
    patch: {
      spec: {
        containers: [{ name: "c", args: ["z"], resources: { limits: { cpu: "2" } } }],
        tolerations: [{ key: "k2", operator: "Exists" }],
      },
    },
    expected: pod({
      containers: [{ name: "c", image: "x", args: ["z"], resources: { limits: { cpu: "2", memory: "1Gi" } } }],
      tolerations: [{ key: "k2", operator: "Exists" }],
    }),
  },
  {
    name: "ports merge by containerPort and volumeMounts by mountPath",
    original: pod({
      containers: [{ name: "c", ports: [{ containerPort: 80, name: "http" }], volumeMounts: [{ mountPath: "/data", name: "data" }] }],
    }),
    patch: {
      spec: {
        containers: [{ name: "c", ports: [{ containerPort: 80, protocol: "TCP" }], volumeMounts: [{ mountPath: "/data", readOnly: true }] }],
      },
    },
    expected: pod({
      containers: [
        {
          name: "c",
          ports: [{ containerPort: 80, name: "http", protocol: "TCP" }],
          volumeMounts: [{ mountPath: "/data", name: "data", readOnly: true }],
        },
      ],
    }),
  },
  {
    name: "ownerReferences merge by uid",
    original: pod({}, { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "u1" }] }),
    patch: { metadata: { ownerReferences: [{ uid: "u1", controller: true }] } },
    expected: pod({}, { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "u1", controller: true }] }),
  },
  {
    name: "status.conditions merge by type",
    original: {
      ...pod({}),
      status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "True" }] },
    },
    patch: { status: { conditions: [{ type: "Ready", status: "False" }, { type: "PodScheduled", status: "True", reason: "x" }] } },
    expected: {
      ...pod({}),
      status: {
        phase: "Pending",
        conditions: [
          { type: "Ready", status: "False" },
          { type: "PodScheduled", status: "True", reason: "x" },
        ],
      },
    },
  },
  {
    name: "a value the object lacks is stored without its nulls and directives",
    original: pod({ containers: [{ name: "c" }] }),
    patch: {
      spec: {
        securityContext: { runAsUser: 1000, runAsGroup: null },
        initContainers: [{ name: "init", image: "busybox", env: [{ name: "A", value: "1", valueFrom: null }] }, { name: "x", $patch: "delete" }],
        "$setElementOrder/volumes": [{ name: "v" }],
        volumes: [{ name: "v", emptyDir: {}, $retainKeys: ["emptyDir", "name"] }],
      },
    },
    expected: pod({
      containers: [{ name: "c" }],
      securityContext: { runAsUser: 1000 },
      initContainers: [{ name: "init", image: "busybox", env: [{ name: "A", value: "1" }] }],
      volumes: [{ name: "v", emptyDir: {} }],
    }),
  },
  {
    name: "fields absent from the schema: objects merge, lists are replaced",
    schema: genericSchema,
    original: { kind: "Widget", metadata: { name: "w" }, spec: { settings: { a: 1, b: 2 }, items: [{ name: "x" }, { name: "y" }] } },
    patch: { spec: { settings: { b: 3 }, items: [{ name: "z" }] } },
    expected: { kind: "Widget", metadata: { name: "w" }, spec: { settings: { a: 1, b: 3 }, items: [{ name: "z" }] } },
  },
  {
    name: "a list the schema does not know merges by the key kubectl's $setElementOrder names (Service ports)",
    schema: genericSchema,
    original: {
      kind: "Service",
      metadata: { name: "svc" },
      spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }, { port: 9090 }] },
    },
    patch: {
      spec: {
        "$setElementOrder/ports": [{ port: 80 }, { port: 443 }],
        ports: [{ port: 443, targetPort: 9443 }, { $patch: "delete", port: 9090 }],
      },
    },
    expected: {
      kind: "Service",
      metadata: { name: "svc" },
      spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 9443 }] },
    },
  },
  {
    name: "a value of another type replaces the old one",
    original: pod({ hostname: "h", overhead: { cpu: "1" } }),
    patch: { spec: { hostname: { odd: true }, overhead: "none" } },
    expected: pod({ hostname: { odd: true }, overhead: "none" }),
  },
  {
    name: "a null patch changes nothing",
    original: pod({ hostname: "h" }),
    patch: null,
    expected: pod({ hostname: "h" }),
  },
];

describe("applyStrategicMergePatch", () => {
  it.each(cases)("$name", ({ original, patch, schema, expected }) => {
    expect(applyStrategicMergePatch(original, patch, schema ?? podSchema)).toEqual(expected);
  });

  it("merges a Deployment's pod template containers by name", () => {
    const deployment = {
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1" }, { name: "log", image: "fluent" }] } } },
    };
    const patched = applyStrategicMergePatch(
      deployment,
      { spec: { template: { spec: { containers: [{ name: "web", image: "nginx:2" }] } } } },
      deploymentSchema,
    );
    expect(patched).toEqual({
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:2" }, { name: "log", image: "fluent" }] } } },
    });
  });

  it("never mutates its inputs", () => {
    const original = deepFreeze(
      pod(
        { containers: [{ name: "c", image: "a", env: [{ name: "A", value: "1" }] }], imagePullSecrets: [{ name: "a" }] },
        { labels: { app: "web" }, finalizers: ["f"] },
      ),
    );
    const patch = deepFreeze({
      metadata: { labels: { app: null }, "$deleteFromPrimitiveList/finalizers": ["f"] },
      spec: {
        "$setElementOrder/containers": [{ name: "c" }],
        containers: [{ name: "c", env: [{ name: "A", $patch: "delete" }] }],
        imagePullSecrets: [{ name: "b" }],
      },
    });
    const before = structuredClone({ original, patch });
    const patched = applyStrategicMergePatch(original, patch, podSchema);
    expect({ original, patch }).toEqual(before);
    expect(patched).toEqual(
      pod({ containers: [{ name: "c", image: "a", env: [] }], imagePullSecrets: [{ name: "b" }, { name: "a" }] }, { labels: {}, finalizers: [] }),
    );
  });
});

describe("applyStrategicMergePatch errors (kube-apiserver's messages)", () => {
  const original = pod({ containers: [{ name: "c", image: "x" }] });

  it.each([
    {
      name: "a list element without its merge key",
      patch: { spec: { containers: [{ image: "nginx" }] } },
      message: "map: map[image:nginx] does not contain declared merge key: name",
      code: 500,
    },
    {
      name: "a $patch: delete element without its merge key",
      patch: { spec: { containers: [{ $patch: "delete" }] } },
      message: "map: map[$patch:delete] does not contain declared merge key: name",
      code: 500,
    },
    {
      name: "an unknown $patch in a map",
      patch: { spec: { nodeSelector: { $patch: "frobnicate", a: "b" } } },
      message: "unknown patch type: frobnicate in map: map[$patch:frobnicate a:b]",
      code: 500,
      original: pod({ nodeSelector: { a: "c" } }),
    },
    {
      name: "$patch: merge in a map (apimachinery accepts only replace and delete)",
      patch: { spec: { $patch: "merge", hostname: "h" } },
      message: "unknown patch type: merge in map: map[$patch:merge hostname:h]",
      code: 500,
    },
    {
      name: "$patch: merge in a list",
      patch: { spec: { containers: [{ $patch: "merge" }] } },
      message: "merging lists cannot yet be specified in the patch",
      code: 500,
    },
    {
      name: "an unknown $patch in a list",
      patch: { spec: { containers: [{ $patch: "nope", name: "c" }] } },
      message: "unknown patch type: nope in map: map[$patch:nope name:c]",
      code: 500,
    },
    {
      name: "$retainKeys that is not a list",
      patch: { spec: { $retainKeys: "containers" } },
      message: "invalid patch format of retainKeys",
      code: 400,
    },
    {
      name: "a patch setting a field $retainKeys does not keep",
      patch: { spec: { $retainKeys: ["containers"], hostname: "h" } },
      message: "invalid patch format of retainKeys",
      code: 400,
    },
    {
      name: "a deletion list key without /<field>",
      patch: { metadata: { $deleteFromPrimitiveListfinalizers: ["a"] } },
      message: "invalid patch format of primitive list",
      code: 400,
    },
    {
      name: "a $setElementOrder key without /<field>",
      patch: { spec: { $setElementOrdercontainers: [{ name: "c" }] } },
      message: "invalid patch format of setElementOrder list",
      code: 400,
    },
    {
      name: "$setElementOrder that is not a list",
      patch: { spec: { "$setElementOrder/containers": "c" } },
      message: "expected a []interface {}, but received a string",
      code: 500,
    },
    {
      name: "a patch list in another order than $setElementOrder",
      patch: {
        spec: {
          "$setElementOrder/containers": [{ name: "a" }, { name: "b" }],
          containers: [
            { name: "b", image: "y" },
            { name: "a", image: "x" },
          ],
        },
      },
      message:
        "the order in patch list:\n[map[image:y name:b] map[image:x name:a]]\n doesn't match $setElementOrder list:\n[map[name:a] map[name:b]]",
      code: 500,
    },
    {
      name: "a list of lists",
      patch: { metadata: { finalizers: [["a"]] } },
      message: "lists of lists are not supported",
      code: 422,
      original: pod({}, { finalizers: [["b"]] }),
    },
    {
      name: "a patch that is not an object",
      patch: [{ op: "add" }],
      message: "json: cannot unmarshal array into Go value of type map[string]interface {}",
      code: 400,
    },
  ])("rejects $name", ({ patch, message, code, original: own }) => {
    const error = caught(() => applyStrategicMergePatch(own ?? original, patch, podSchema));
    expect(error.message).toBe(message);
    expect(error.code).toBe(code);
  });
});
