import { readFileSync } from "node:fs";
import protobuf from "protobufjs/minimal.js";
import type { Writer } from "protobufjs/minimal.js";
import { describe, expect, it } from "vitest";
import { ProtobufDecodeError, decodeKubernetesProtobuf } from "./protobuf.ts";

const DOCKER_CONFIG_JSON = '{"auths":{"quay.io":{"username":"u","password":"p","auth":"dTpw"}}}';

/**
 * The body kubectl 1.32.5 sent for
 * `kubectl create secret docker-registry testquay --docker-server=quay.io --docker-username=u --docker-password=p`
 * (kubernetes-wire-facts.md §1.2).
 */
function kubectlCreateSecretBody(): Buffer {
  const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ""), "hex");
  return Buffer.concat([
    hex("6b387300 0a0c0a0276311206536563726574 129401 0a18 0a08 7465737471756179 1200 1a00 2200 2a00 3200 3800 4200"),
    hex("1258 0a11 2e646f636b6572636f6e6669676a736f6e 1243"),
    Buffer.from(DOCKER_CONFIG_JSON, "utf8"),
    hex("1a1e 6b756265726e657465732e696f2f646f636b6572636f6e6669676a736f6e 1a00 2200"),
  ]);
}

// A tiny encoder for test messages, field by field.
type Build = (w: Writer) => void;

function encode(build: Build): Uint8Array {
  const w = protobuf.Writer.create();
  build(w);
  return w.finish();
}

const bytesField = (field: number, value: Uint8Array): Build => (w) => void w.uint32((field << 3) | 2).bytes(value);
const stringField = (field: number, value: string): Build => (w) => void w.uint32((field << 3) | 2).string(value);
const messageField = (field: number, ...parts: Build[]): Build => bytesField(field, encode((w) => parts.forEach((p) => p(w))));
const int64Field = (field: number, value: number): Build => (w) => void w.uint32(field << 3).int64(value);
const boolField = (field: number, value: boolean): Build => (w) => void w.uint32(field << 3).bool(value);
const stringEntry = (field: number, key: string, value: string): Build => messageField(field, stringField(1, key), stringField(2, value));
const bytesEntry = (field: number, key: string, value: Uint8Array): Build =>
  messageField(field, stringField(1, key), bytesField(2, value));

function envelope(apiVersion: string, kind: string, ...typed: Build[]): Buffer {
  const unknown = encode((w) => {
    messageField(1, stringField(1, apiVersion), stringField(2, kind))(w);
    bytesField(2, encode((inner) => typed.forEach((p) => p(inner))))(w);
    stringField(3, "")(w);
    stringField(4, "")(w);
  });
  return Buffer.concat([Buffer.from("k8s\0", "latin1"), unknown]);
}

function decodeError(body: Uint8Array): ProtobufDecodeError {
  try {
    decodeKubernetesProtobuf(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ProtobufDecodeError);
    return error as ProtobufDecodeError;
  }
  throw new Error("expected a ProtobufDecodeError");
}

describe("decodeKubernetesProtobuf", () => {
  it("decodes the exact body kubectl 1.32 sends for `kubectl create secret docker-registry`", () => {
    const body = kubectlCreateSecretBody();
    expect(Buffer.byteLength(DOCKER_CONFIG_JSON)).toBe(0x43);
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "testquay" },
      data: { ".dockerconfigjson": Buffer.from(DOCKER_CONFIG_JSON).toString("base64") },
      type: "kubernetes.io/dockerconfigjson",
    });
  });

  // Bodies captured from kubectl v1.32.5 talking to a stub server (hex of the whole request body).
  it.each([
    [
      "kubectl create configmap cm1 --from-literal=a=b --from-literal=empty= -n team",
      "6b3873000a0f0a0276311209436f6e6669674d6170122c0a170a03636d3112001a047465616d22002a0032003800420012060a016112016212090a05656d70747912001a002200",
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm1", namespace: "team" }, data: { a: "b", empty: "" } },
    ],
    [
      "kubectl create namespace ns1",
      "6b3873000a0f0a02763112094e616d657370616365121b0a130a036e733112001a0022002a0032003800420012001a020a001a002200",
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "ns1" }, spec: {}, status: {} },
    ],
    [
      "kubectl create serviceaccount sa1",
      "6b3873000a140a027631120e536572766963654163636f756e7412150a130a0373613112001a0022002a003200380042001a002200",
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "sa1" } },
    ],
    [
      "kubectl create secret generic s1 --from-literal=k=v --type=Opaque",
      "6b3873000a0c0a027631120653656372657412240a120a02733112001a0022002a0032003800420012060a016b1201761a064f70617175651a002200",
      { apiVersion: "v1", kind: "Secret", metadata: { name: "s1" }, data: { k: "dg==" }, type: "Opaque" },
    ],
  ])("decodes what `%s` sends", (_command, hex, expected) => {
    expect(decodeKubernetesProtobuf(Buffer.from(hex, "hex"))).toEqual(expected);
  });

  it("decodes a Secret with full ObjectMeta, stringData and an explicit immutable=false", () => {
    const body = envelope(
      "v1",
      "Secret",
      messageField(
        1,
        stringField(1, ""),
        stringField(2, "creds-"),
        stringField(3, "team-a"),
        stringField(4, "/api/v1/namespaces/team-a/secrets/x"),
        stringField(5, "0f2a7c1e-0000-4000-8000-000000000001"),
        stringField(6, "42"),
        int64Field(7, 3),
        messageField(8, int64Field(1, 1_700_000_000), int64Field(2, 500_000_000)),
        messageField(9, int64Field(1, 1_700_000_030)),
        int64Field(10, 0),
        stringEntry(11, "app", "shop"),
        stringEntry(11, "empty", ""),
        stringEntry(12, "note", "hello"),
        messageField(
          13,
          stringField(5, "apps/v1"),
          stringField(1, "Deployment"),
          stringField(3, "web"),
          stringField(4, "uid-1"),
          boolField(6, true),
          boolField(7, false),
        ),
        messageField(13, stringField(1, "ReplicaSet")),
        stringField(14, "example.com/cleanup"),
        stringField(14, "foregroundDeletion"),
        messageField(17, stringField(1, "kubectl-create"), stringField(2, "Update")),
      ),
      bytesEntry(2, "bin", Uint8Array.from([0, 255, 16])),
      bytesEntry(2, "empty", new Uint8Array()),
      stringField(3, "Opaque"),
      stringEntry(4, "password", "s3cret"),
      boolField(5, false),
    );
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        generateName: "creds-",
        namespace: "team-a",
        uid: "0f2a7c1e-0000-4000-8000-000000000001",
        resourceVersion: "42",
        generation: 3,
        creationTimestamp: "2023-11-14T22:13:20Z",
        deletionTimestamp: "2023-11-14T22:13:50Z",
        deletionGracePeriodSeconds: 0,
        labels: { app: "shop", empty: "" },
        annotations: { note: "hello" },
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "uid-1", controller: true, blockOwnerDeletion: false },
          { apiVersion: "", kind: "ReplicaSet", name: "", uid: "" },
        ],
        finalizers: ["example.com/cleanup", "foregroundDeletion"],
      },
      data: { bin: "AP8Q", empty: "" },
      type: "Opaque",
      stringData: { password: "s3cret" },
      immutable: false,
    });
  });

  it("writes owner reference strings even when empty, as their JSON tags have no omitempty", () => {
    const body = envelope("v1", "ConfigMap", messageField(1, stringField(1, "x"), messageField(13, stringField(1, ""), stringField(3, "a"))));
    expect(decodeKubernetesProtobuf(body).metadata?.ownerReferences).toEqual([{ apiVersion: "", kind: "", name: "a", uid: "" }]);
  });

  it("decodes a ConfigMap with data, binaryData and immutable", () => {
    const body = envelope(
      "v1",
      "ConfigMap",
      messageField(1, stringField(1, "settings"), stringField(3, ""), int64Field(7, 0), bytesField(8, new Uint8Array())),
      stringEntry(2, "mode", "fast"),
      stringEntry(2, "config.yaml", "a: 1\nb: 2\n"),
      bytesEntry(3, "logo.png", Uint8Array.from([0x89, 0x50, 0x4e, 0x47])),
      boolField(4, true),
    );
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "settings" },
      data: { mode: "fast", "config.yaml": "a: 1\nb: 2\n" },
      binaryData: { "logo.png": "iVBORw==" },
      immutable: true,
    });
  });

  it("decodes a Namespace as `kubectl create namespace` sends it (empty spec and status)", () => {
    const body = envelope("v1", "Namespace", messageField(1, stringField(1, "dev"), stringField(3, "")), messageField(2), messageField(3));
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "dev" },
      spec: {},
      status: {},
    });
  });

  it("decodes Namespace spec.finalizers and status (phase, conditions)", () => {
    const body = envelope(
      "v1",
      "Namespace",
      messageField(1, stringField(1, "dev")),
      messageField(2, stringField(1, "kubernetes")),
      messageField(
        3,
        stringField(1, "Terminating"),
        messageField(
          2,
          stringField(1, "NamespaceContentRemaining"),
          stringField(2, "True"),
          messageField(4, int64Field(1, 0)),
          stringField(5, "SomeResourcesRemain"),
          stringField(6, "Some resources are remaining"),
        ),
      ),
    );
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "dev" },
      spec: { finalizers: ["kubernetes"] },
      status: {
        phase: "Terminating",
        conditions: [
          {
            type: "NamespaceContentRemaining",
            status: "True",
            lastTransitionTime: "1970-01-01T00:00:00Z",
            reason: "SomeResourcesRemain",
            message: "Some resources are remaining",
          },
        ],
      },
    });
  });

  it("decodes a ServiceAccount with secrets, imagePullSecrets and automountServiceAccountToken", () => {
    const body = envelope(
      "v1",
      "ServiceAccount",
      messageField(1, stringField(1, "builder"), stringField(3, "ci")),
      messageField(2, stringField(1, "Secret"), stringField(2, "ci"), stringField(3, "builder-token"), stringField(4, ""), stringField(7, "")),
      messageField(3, stringField(1, "regcred")),
      messageField(3, stringField(1, "")),
      boolField(4, false),
    );
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "builder", namespace: "ci" },
      secrets: [{ kind: "Secret", namespace: "ci", name: "builder-token" }],
      imagePullSecrets: [{ name: "regcred" }, {}],
      automountServiceAccountToken: false,
    });
  });

  it("reads int64 values beyond 32 bits and before 1970", () => {
    const body = envelope(
      "v1",
      "ConfigMap",
      messageField(1, stringField(1, "x"), int64Field(7, 2 ** 40 + 5), messageField(8, int64Field(1, -1)), int64Field(10, -30)),
    );
    expect(decodeKubernetesProtobuf(body).metadata).toEqual({
      name: "x",
      generation: 2 ** 40 + 5,
      creationTimestamp: "1969-12-31T23:59:59Z",
      deletionGracePeriodSeconds: -30,
    });
  });

  it("skips fields it does not know", () => {
    const body = envelope(
      "v1",
      "Secret",
      messageField(1, stringField(1, "x"), stringField(99, "future"), int64Field(98, 7)),
      int64Field(42, 1),
      stringField(43, "later"),
      stringField(3, "Opaque"),
    );
    expect(decodeKubernetesProtobuf(body)).toEqual({ apiVersion: "v1", kind: "Secret", metadata: { name: "x" }, type: "Opaque" });
  });

  it("takes the kind from defaults when the envelope leaves it empty", () => {
    const body = envelope("", "", messageField(1, stringField(1, "x")));
    expect(decodeKubernetesProtobuf(body, { apiVersion: "v1", kind: "ConfigMap" })).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "x" },
    });
  });

  it("rejects kinds it cannot decode, naming the kind", () => {
    const error = decodeError(envelope("coordination.k8s.io/v1", "Lease", messageField(1, stringField(1, "l"))));
    expect(error.message).toBe(
      'no kind "Lease" is registered for version "coordination.k8s.io/v1": protobuf bodies are supported for ' +
        "v1 ConfigMap, Namespace, Pod, Secret, ServiceAccount; apps/v1 Deployment, ReplicaSet; autoscaling/v1 Scale; DeleteOptions; " +
        "send application/json instead",
    );
    expect(error.kind).toBe("Lease");
    expect(error.apiVersion).toBe("coordination.k8s.io/v1");
    expect(decodeError(envelope("v1", "Deployment")).message).toContain('no kind "Deployment" is registered for version "v1"');
    expect(decodeError(envelope("apps/v1", "Pod")).message).toContain('no kind "Pod" is registered for version "apps/v1"');
  });

  it("rejects bodies that are not Kubernetes protobuf, with the serializer's messages", () => {
    expect(decodeError(Buffer.alloc(0)).message).toBe("empty data");
    expect(decodeError(Buffer.from('{"kind":"Secret"}')).message).toBe(
      "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
    );
    expect(decodeError(Buffer.from("k8s\0", "latin1")).message).toBe("empty body");
  });

  it("rejects truncated and malformed messages", () => {
    const body = kubectlCreateSecretBody();
    expect(decodeError(body.subarray(0, body.length - 40)).message).toMatch(/^unable to decode protobuf body: /);
    const wrongWire = envelope("v1", "Secret", int64Field(3, 1));
    expect(decodeError(wrongWire).message).toBe("proto: wrong wireType = 0 for field type in Secret");
  });
});

interface Capture {
  command: string;
  request: string;
  kubectl131Json: unknown;
  kubectl132Protobuf: string;
  note?: string;
}

/**
 * Each command was run with kubectl 1.31.9 (which sends JSON) and kubectl 1.32.5 (which sends protobuf) against a
 * recording HTTP server; protobuf/testdata/kubectl-1.32-inputs.json holds what that server answered to the GETs
 * (`kubectl debug` copies a pod it reads first; the "rich" one uses most PodSpec fields) and the files the commands
 * read. The protobuf body must decode to the JSON body, nulls aside (`creationTimestamp: null`).
 */
const captures = JSON.parse(
  readFileSync(new URL("./protobuf/testdata/kubectl-1.32-bodies.json", import.meta.url), "utf8"),
) as Capture[];

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

describe("kubectl 1.32 protobuf bodies decode to the JSON kubectl 1.31 sends for the same command", () => {
  it("covers every kind kubectl 1.32 sends as protobuf to this cluster", () => {
    const kinds = new Set(captures.map((c) => (c.kubectl131Json as { kind: string }).kind));
    expect([...kinds].sort()).toEqual(["ConfigMap", "DeleteOptions", "Deployment", "Namespace", "Pod", "Secret", "ServiceAccount"]);
  });

  it.each(captures.map((c) => [c.command, c] as const))("%s", (_command, capture) => {
    const decoded = decodeKubernetesProtobuf(Buffer.from(capture.kubectl132Protobuf, "base64"));
    expect(decoded).toEqual(withoutNulls(capture.kubectl131Json));
  });

  it("keeps an explicit `--replicas=0`", () => {
    const capture = captures.find((c) => c.command.includes("--replicas=0"));
    const decoded = decodeKubernetesProtobuf(Buffer.from(capture!.kubectl132Protobuf, "base64"));
    expect((decoded.spec as { replicas?: number }).replicas).toBe(0);
  });
});

const intOrString = (field: number, value: number | string): Build =>
  typeof value === "number"
    ? messageField(field, int64Field(1, 0), (w) => void w.uint32(2 << 3).int32(value), stringField(3, ""))
    : messageField(field, int64Field(1, 1), (w) => void w.uint32(2 << 3).int32(0), stringField(3, value));
const int32Field = (field: number, value: number): Build => (w) => void w.uint32(field << 3).int32(value);

describe("apps/v1, autoscaling/v1 and DeleteOptions bodies", () => {
  it("decodes a Deployment spec with strategy, IntOrString surge limits and pointer fields set to zero", () => {
    const template = messageField(
      3,
      messageField(1, stringEntry(11, "app", "web")),
      messageField(2, messageField(2, stringField(1, "web"), stringField(2, "nginx"))),
    );
    const body = envelope(
      "apps/v1",
      "Deployment",
      messageField(1, stringField(1, "web"), stringField(3, "prod")),
      messageField(
        2,
        int32Field(1, 0),
        messageField(
          2,
          stringEntry(1, "app", "web"),
          messageField(2, stringField(1, "tier"), stringField(2, "In"), stringField(3, "front"), stringField(3, "edge")),
          messageField(2, stringField(1, "canary"), stringField(2, "DoesNotExist")),
        ),
        template,
        messageField(4, stringField(1, "RollingUpdate"), messageField(2, intOrString(1, 0), intOrString(2, "25%"))),
        int32Field(5, 0),
        int32Field(6, 0),
        boolField(7, true),
        int32Field(9, 600),
      ),
      messageField(
        3,
        int64Field(1, 4),
        int32Field(2, 3),
        int32Field(3, 3),
        int32Field(7, 2),
        int32Field(4, 2),
        int32Field(5, 1),
        messageField(6, stringField(1, "Available"), stringField(2, "True"), messageField(6, int64Field(1, 1_700_000_000)), messageField(7), stringField(4, "MinimumReplicasAvailable"), stringField(5, "")),
        int32Field(8, 0),
      ),
    );
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "prod" },
      spec: {
        replicas: 0,
        selector: {
          matchLabels: { app: "web" },
          matchExpressions: [
            { key: "tier", operator: "In", values: ["front", "edge"] },
            { key: "canary", operator: "DoesNotExist" },
          ],
        },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "25%" } },
        revisionHistoryLimit: 0,
        paused: true,
        progressDeadlineSeconds: 600,
      },
      status: {
        observedGeneration: 4,
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 2,
        availableReplicas: 2,
        unavailableReplicas: 1,
        conditions: [{ type: "Available", status: "True", lastUpdateTime: "2023-11-14T22:13:20Z", reason: "MinimumReplicasAvailable" }],
        collisionCount: 0,
      },
    });
  });

  it("decodes a ReplicaSet, whose status.replicas is always present", () => {
    const body = envelope(
      "apps/v1",
      "ReplicaSet",
      messageField(1, stringField(1, "web-5d4f"), messageField(13, stringField(5, "apps/v1"), stringField(1, "Deployment"), stringField(3, "web"), stringField(4, "d-uid"), boolField(6, true))),
      messageField(2, int32Field(1, 2), int32Field(4, 5), messageField(2, stringEntry(1, "pod-template-hash", "5d4f")), messageField(3, messageField(1), messageField(2))),
      messageField(3, int32Field(1, 0), int32Field(2, 0), int64Field(3, 1)),
    );
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: "web-5d4f",
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "d-uid", controller: true }],
      },
      spec: { replicas: 2, minReadySeconds: 5, selector: { matchLabels: { "pod-template-hash": "5d4f" } }, template: { metadata: {}, spec: {} } },
      status: { replicas: 0, observedGeneration: 1 },
    });
  });

  it("decodes Pod status: phase, conditions, IPs, start time and container states", () => {
    const body = envelope(
      "v1",
      "Pod",
      messageField(1, stringField(1, "p")),
      messageField(
        3,
        stringField(1, "Running"),
        messageField(2, stringField(1, "Ready"), stringField(2, "True"), messageField(3), messageField(4, int64Field(1, 1_700_000_000))),
        stringField(5, "192.168.1.2"),
        messageField(16, stringField(1, "192.168.1.2")),
        stringField(6, "10.0.0.7"),
        messageField(12, stringField(1, "10.0.0.7")),
        messageField(7, int64Field(1, 1_700_000_000)),
        messageField(
          8,
          stringField(1, "app"),
          messageField(2, messageField(2, messageField(1, int64Field(1, 1_700_000_005)))),
          messageField(3, messageField(3, int32Field(1, 0), stringField(3, "Completed"))),
          boolField(4, false),
          int32Field(5, 1),
          stringField(6, "nginx"),
          stringField(7, ""),
          boolField(9, false),
        ),
        stringField(9, "BestEffort"),
      ),
    );
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      status: {
        phase: "Running",
        conditions: [{ type: "Ready", status: "True", lastTransitionTime: "2023-11-14T22:13:20Z" }],
        hostIP: "192.168.1.2",
        hostIPs: [{ ip: "192.168.1.2" }],
        podIP: "10.0.0.7",
        podIPs: [{ ip: "10.0.0.7" }],
        startTime: "2023-11-14T22:13:20Z",
        containerStatuses: [
          {
            name: "app",
            state: { running: { startedAt: "2023-11-14T22:13:25Z" } },
            lastState: { terminated: { exitCode: 0, reason: "Completed" } },
            ready: false,
            restartCount: 1,
            image: "nginx",
            imageID: "",
            started: false,
          },
        ],
        qosClass: "BestEffort",
      },
    });
  });

  it("decodes the autoscaling/v1 Scale a typed client PUTs to the scale subresource", () => {
    const body = envelope(
      "autoscaling/v1",
      "Scale",
      messageField(1, stringField(1, "web"), stringField(3, "default"), stringField(6, "42")),
      messageField(2, int32Field(1, 5)),
      messageField(3, int32Field(1, 0), stringField(2, "app=web")),
    );
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: "autoscaling/v1",
      kind: "Scale",
      metadata: { name: "web", namespace: "default", resourceVersion: "42" },
      spec: { replicas: 5 },
      status: { replicas: 0, selector: "app=web" },
    });
  });

  it("decodes DeleteOptions in any group version, without metadata", () => {
    const body = envelope(
      "apps/v1",
      "DeleteOptions",
      int64Field(1, 0),
      messageField(2, stringField(1, "uid-1"), stringField(2, "")),
      stringField(4, "Foreground"),
      stringField(5, "All"),
    );
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: "apps/v1",
      kind: "DeleteOptions",
      gracePeriodSeconds: 0,
      preconditions: { uid: "uid-1", resourceVersion: "" },
      propagationPolicy: "Foreground",
      dryRun: ["All"],
    });
  });
});
