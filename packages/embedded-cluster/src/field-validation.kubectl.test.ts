import { AppsV1Api, CustomObjectsApi, KubeConfig, ApiException } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "./testing/test-cluster.ts";
import { apiRequest } from "./testing/api-request.ts";
import { waitFor } from "./testing/wait-for.ts";
import { decodeStrictValue } from "./api/strict-decoding.ts";
import { fieldSchemaFor } from "./api/field-schema/field-schema.ts";

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster();
});
afterAll(async () => {
  await t.stop();
});

function pod(name: string, spec: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

const CONTAINERS = "  containers:\n  - name: c\n    image: nginx\n";

function stored(name: string, resource = "pods", group = ""): Record<string, unknown> | undefined {
  return t.cluster.service.tryGet(t.cluster.service.definition(group, resource), "default", name) as Record<string, unknown> | undefined;
}

describe("server-side field validation, as kubectl 1.32 sees it", () => {
  it("create -f (fieldValidation=Strict) refuses unknown fields with the decoder's BadRequest", async () => {
    const one = await t.kubectl(["create", "-f", "-"], { input: pod("strict", `  foo: bar\n${CONTAINERS}`) });
    expect(one).toEqual({
      code: 1,
      stdout: "",
      stderr: 'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"\n',
    });
    // kubectl sends the manifest as JSON with sorted keys: the errors come in that order.
    const two = await t.kubectl(["create", "-f", "-"], { input: pod("strict", `  foo: bar\n${CONTAINERS}    imagePullPolicyy: Never\n`) });
    expect(two.stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolicyy", unknown field "spec.foo"\n',
    );
    expect(stored("strict")).toBeUndefined();
  });

  it("apply --validate=warn creates the object without the unknown field and prints the server's warning", async () => {
    const result = await t.kubectl(["apply", "--validate=warn", "-f", "-"], { input: pod("warned", `  foo: bar\n${CONTAINERS}`) });
    expect(result).toEqual({ code: 0, stdout: "pod/warned created\n", stderr: 'Warning: unknown field "spec.foo"\n' });
    expect(stored("warned")?.spec).not.toHaveProperty("foo");
    const spec = await t.kubectl(["get", "pod", "warned", "-o", "jsonpath={.spec.foo}"]);
    expect(spec).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("apply --validate=false (fieldValidation=Ignore) says nothing and still stores no unknown field", async () => {
    const result = await t.kubectl(["apply", "--validate=false", "-f", "-"], { input: pod("ignored", `  foo: bar\n${CONTAINERS}`) });
    expect(result).toEqual({ code: 0, stdout: "pod/ignored created\n", stderr: "" });
    expect(stored("ignored")?.spec).not.toHaveProperty("foo");
  });

  it("apply to an existing object checks the patched object: 422 with the strategic merge patch as the bad value", async () => {
    const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: "1"\n`;
    expect((await t.kubectl(["apply", "-f", "-"], { input: manifest })).stdout).toBe("configmap/applied created\n");
    const result = await t.kubectl(["apply", "-f", "-"], { input: `${manifest}extra: true\n` });
    const lastApplied =
      '{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"a\\":\\"1\\"},\\"extra\\":true,\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"annotations\\":{},\\"name\\":\\"applied\\",\\"namespace\\":\\"default\\"}}\\n';
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `The request is invalid: patch: Invalid value: "map[extra:true metadata:map[annotations:map[kubectl.kubernetes.io/last-applied-configuration:${lastApplied}]]]": strict decoding error: unknown field "extra"\n`,
    });
    const warned = await t.kubectl(["apply", "--validate=warn", "-f", "-"], { input: `${manifest}extra: true\n` });
    expect(warned).toEqual({ code: 0, stdout: "configmap/applied configured\n", stderr: 'Warning: unknown field "extra"\n' });
    expect(stored("applied", "configmaps")).not.toHaveProperty("extra");
  });

  it("replace -f refuses unknown fields; patch (no fieldValidation: Warn) warns and changes nothing", async () => {
    const current = JSON.parse((await t.kubectl(["get", "pod", "warned", "-o", "json"])).stdout) as { spec: Record<string, unknown> };
    current.spec.bogus = 1;
    const replaced = await t.kubectl(["replace", "-f", "-"], { input: JSON.stringify(current) });
    expect(replaced.stderr).toBe(
      'Error from server (BadRequest): error when replacing "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.bogus"\n',
    );
    for (const type of ["strategic", "merge"]) {
      const patched = await t.kubectl(["patch", "pod", "warned", `--type=${type}`, "-p", '{"spec":{"zzz":1}}']);
      expect(patched).toEqual({ code: 0, stdout: "pod/warned patched (no change)\n", stderr: 'Warning: unknown field "spec.zzz"\n' });
    }
    const json = await t.kubectl(["patch", "pod", "warned", "--type=json", "-p", '[{"op":"add","path":"/metadata/zzz","value":1}]']);
    expect(json).toEqual({ code: 0, stdout: "pod/warned patched (no change)\n", stderr: 'Warning: unknown field "metadata.zzz"\n' });
  });

  it("accepts a manifest that uses the API's fields broadly (no false unknowns)", async () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "full", labels: { app: "full" }, annotations: { note: "x" } },
      spec: {
        replicas: 1,
        revisionHistoryLimit: 3,
        progressDeadlineSeconds: 60,
        minReadySeconds: 0,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
        selector: { matchLabels: { app: "full" }, matchExpressions: [{ key: "tier", operator: "In", values: ["web"] }] },
        template: {
          metadata: { labels: { app: "full", tier: "web" } },
          spec: {
            affinity: {
              nodeAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { weight: 1, preference: { matchExpressions: [{ key: "kubernetes.io/os", operator: "In", values: ["linux"] }] } },
                ],
              },
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { weight: 1, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { app: "full" } } } },
                ],
              },
            },
            securityContext: { runAsNonRoot: false, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" }, sysctls: [] },
            tolerations: [{ key: "k", operator: "Exists", effect: "NoSchedule" }],
            topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "full" } } }],
            initContainers: [{ name: "init", image: "busybox", command: ["true"] }],
            containers: [
              {
                name: "web",
                image: "nginx:1.27",
                imagePullPolicy: "IfNotPresent",
                args: ["-g", "daemon off;"],
                ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
                env: [
                  { name: "A", value: "1" },
                  { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                  { name: "S", valueFrom: { secretKeyRef: { name: "s", key: "k", optional: true } } },
                ],
                envFrom: [{ configMapRef: { name: "applied", optional: true }, prefix: "CM_" }],
                resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } },
                readinessProbe: { httpGet: { path: "/", port: "http", httpHeaders: [{ name: "X", value: "y" }] }, periodSeconds: 5 },
                livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 1, failureThreshold: 3 },
                startupProbe: { exec: { command: ["true"] } },
                lifecycle: { preStop: { sleep: { seconds: 1 } } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true },
                volumeMounts: [
                  { name: "cache", mountPath: "/cache" },
                  { name: "config", mountPath: "/etc/config", readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: "cache", emptyDir: { sizeLimit: "64Mi" } },
              { name: "config", projected: { sources: [{ configMap: { name: "applied", items: [{ key: "a", path: "a" }] } }, { downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } }] } },
            ],
            dnsConfig: { options: [{ name: "ndots", value: "2" }] },
            terminationGracePeriodSeconds: 5,
          },
        },
      },
    };
    const created = await t.kubectl(["apply", "-f", "-"], { input: JSON.stringify(deployment) });
    expect(created).toEqual({ code: 0, stdout: "deployment.apps/full created\n", stderr: "" });
  });

  it("answers raw requests as kube-apiserver does: headers, codes and bodies", async () => {
    const path = "/api/v1/namespaces/default/configmaps";
    const bad = await apiRequest(t.cluster, "POST", `${path}?fieldValidation=Bogus`, { metadata: { name: "raw" } });
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Bogus": supported values: "", "Ignore", "Strict", "Warn"',
      reason: "Invalid",
      details: {
        group: "meta.k8s.io",
        kind: "CreateOptions",
        causes: [{ reason: "FieldValueNotSupported", message: 'Unsupported value: "Bogus": supported values: "", "Ignore", "Strict", "Warn"', field: "fieldValidation" }],
      },
      code: 422,
    });

    // The body's type is refused before the query, the query before the body is decoded.
    const wrongType = await apiRequest(t.cluster, "POST", `${path}?fieldValidation=Bogus`, "x", { "Content-Type": "text/plain" });
    expect(wrongType.status).toBe(415);
    const wrongPatchType = await apiRequest(t.cluster, "PATCH", `${path}/x?fieldValidation=Bogus`, "{}", { "Content-Type": "text/plain" });
    expect(wrongPatchType.status).toBe(415);
    expect((await apiRequest(t.cluster, "POST", `${path}?fieldValidation=Bogus`, "{not json")).status).toBe(422);

    const duplicate = await apiRequest(t.cluster, "POST", `${path}?fieldValidation=Strict`, '{"metadata":{"name":"raw","name":"raw2"},"data":{"a":"1","a":"2"}}');
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "metadata.name", duplicate field "data.a"',
      reason: "BadRequest",
      code: 400,
    });

    // No fieldValidation: Warn (kube-apiserver ≥ 1.27). Each problem is one Warning header.
    const warned = await apiRequest(t.cluster, "POST", path, '{"metadata":{"name":"raw","name":"raw"},"data":{"a":"1"},"foo":{"bar":1},"bar":[]}');
    expect(warned.status).toBe(201);
    expect(warned.headers.warning).toBe('299 - "duplicate field \\"metadata.name\\"", 299 - "unknown field \\"foo\\"", 299 - "unknown field \\"bar\\""');
    expect(warned.body).not.toHaveProperty("foo");
    expect(warned.body).toMatchObject({ kind: "ConfigMap", metadata: { name: "raw" }, data: { a: "1" } });

    const ignored = await apiRequest(t.cluster, "PUT", `${path}/raw?fieldValidation=Ignore`, { metadata: { name: "raw" }, data: { a: "2" }, foo: 1 });
    expect(ignored.status).toBe(200);
    expect(ignored.headers.warning).toBeUndefined();
    expect(ignored.body).toMatchObject({ data: { a: "2" } });
    expect(ignored.body).not.toHaveProperty("foo");

    const updateOptions = await apiRequest(t.cluster, "PUT", `${path}/raw?fieldValidation=warn`, { metadata: { name: "raw" } });
    expect(updateOptions.status).toBe(422);
    expect((updateOptions.body as { message: string }).message).toMatch(/^UpdateOptions\.meta\.k8s\.io "" is invalid: fieldValidation: Unsupported value: "warn"/);

    const merge = await apiRequest(t.cluster, "PATCH", `${path}/raw?fieldValidation=Strict`, '{"data":{"b":"3","b":"4"},"zz":1}', {
      "Content-Type": "application/merge-patch+json",
    });
    expect(merge.status).toBe(422);
    expect((merge.body as { message: string }).message).toMatch(
      /^ "" is invalid: patch: Invalid value: "\{.*\\"zz\\":1\}": strict decoding error: duplicate field "data.b", unknown field "zz"$/,
    );
  });

  it("the scale subresource and pods/binding decode strictly too", async () => {
    const scale = "/apis/apps/v1/namespaces/default/deployments/full/scale";
    const refused = await apiRequest(t.cluster, "PUT", `${scale}?fieldValidation=Strict`, { metadata: { name: "full" }, spec: { replicas: 2, max: 3 } });
    expect(refused.status).toBe(400);
    expect((refused.body as { message: string }).message).toBe('Scale in version "v1" cannot be handled as a Scale: strict decoding error: unknown field "spec.max"');
    const patched = await apiRequest(t.cluster, "PATCH", scale, '{"spec":{"replicas":1,"max":3}}', { "Content-Type": "application/merge-patch+json" });
    expect(patched.status).toBe(200);
    expect(patched.headers.warning).toBe('299 - "unknown field \\"spec.max\\""');

    const binding = await apiRequest(t.cluster, "POST", "/api/v1/namespaces/default/pods/warned/binding?fieldValidation=Strict", {
      target: { name: "x", bogus: 1 },
    });
    expect(binding.status).toBe(400);
    expect((binding.body as { message: string }).message).toBe('Binding in version "v1" cannot be handled as a Binding: strict decoding error: unknown field "target.bogus"');
  });

  it("client-node's calls go through with fieldValidation=Strict, and a custom resource's metadata is checked", async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(t.cluster.kubeconfigPath);
    const apps = kc.makeApiClient(AppsV1Api);
    const read = await apps.readNamespacedDeployment({ name: "full", namespace: "default" });
    read.spec!.replicas = 2;
    const replaced = await apps.replaceNamespacedDeployment({ name: "full", namespace: "default", body: read, fieldValidation: "Strict" });
    expect(replaced.spec?.replicas).toBe(2);

    const custom = kc.makeApiClient(CustomObjectsApi);
    const project = { group: "management.cattle.io", version: "v3", namespace: "default", plural: "projects" };
    const body = { apiVersion: "management.cattle.io/v3", kind: "Project", metadata: { name: "p", nope: 1 }, spec: { displayName: "P", anything: { goes: 1 } } };
    const refused = await custom.createNamespacedCustomObject({ ...project, body, fieldValidation: "Strict" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiException);
    expect(JSON.parse((refused as ApiException<string>).body).message).toBe(
      'Project in version "v3" cannot be handled as a Project: strict decoding error: unknown field "metadata.nope"',
    );
    const created = (await custom.createNamespacedCustomObject({ ...project, body, fieldValidation: "Ignore" })) as Record<string, unknown>;
    expect(created).toMatchObject({ metadata: { name: "p" }, spec: { displayName: "P", anything: { goes: 1 } } });
    expect(created.metadata).not.toHaveProperty("nope");
  });

  it("stores only fields its own schema knows, whatever the cluster's controllers wrote", async () => {
    await waitFor(() => t.cluster.service.list(t.cluster.service.definition("", "pods"), "default").items.some((p) => p.metadata.name?.startsWith("full-")), "the deployment's pod");
    const offenders: string[] = [];
    for (const def of t.cluster.service.definitions) {
      for (const obj of t.cluster.service.list(def, undefined).items) {
        const { errors } = decodeStrictValue(obj, fieldSchemaFor(def), "sorted-json");
        if (errors.length > 0) offenders.push(`${def.resource}/${obj.metadata.name}: ${errors.join(", ")}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
