import { describe, expect, it } from "vitest";
import type { ObjectMeta } from "./types.ts";
import { renderFieldError } from "./field-errors.ts";
import {
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  nameIsPathSegment,
  validateKubeFinalizerNames,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from "./validation.ts";

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const QUALIFIED_NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const render = (errors: Parameters<typeof renderFieldError>[0][]) => errors.map(renderFieldError);

describe("DNS names", () => {
  it("accepts subdomains and explains the rule otherwise", () => {
    expect(isDNS1123Subdomain("testquay")).toEqual([]);
    expect(isDNS1123Subdomain("a.b-c.d")).toEqual([]);
    expect(isDNS1123Subdomain("Bad_Name")).toEqual([SUBDOMAIN]);
    expect(isDNS1123Subdomain("-a")).toEqual([SUBDOMAIN]);
    expect(isDNS1123Subdomain("")).toEqual([SUBDOMAIN]);
    expect(isDNS1123Subdomain("a".repeat(253))).toEqual([]);
    expect(isDNS1123Subdomain("a".repeat(254))).toEqual(["must be no more than 253 characters"]);
    expect(isDNS1123Subdomain("A".repeat(254))).toEqual(["must be no more than 253 characters", SUBDOMAIN]);
  });

  it("says `must not contain dots` for a subdomain that is not a label", () => {
    expect(isDNS1123Label("my-ns")).toEqual([]);
    expect(isDNS1123Label("a.b")).toEqual(["must not contain dots"]);
    expect(isDNS1123Label("My_NS")).toEqual([LABEL]);
    expect(isDNS1123Label("a".repeat(64))).toEqual(["must be no more than 63 characters"]);
  });
});

describe("isConfigMapKey", () => {
  it("accepts key characters and refuses the rest with the upstream message", () => {
    expect(isConfigMapKey(".dockerconfigjson")).toEqual([]);
    expect(isConfigMapKey("tls.crt")).toEqual([]);
    expect(isConfigMapKey("a b")).toEqual([CONFIG_KEY]);
    expect(isConfigMapKey("a/b")).toEqual([CONFIG_KEY]);
  });

  it("refuses . and .. and names starting with ..", () => {
    expect(isConfigMapKey(".")).toEqual(["must not be '.'"]);
    expect(isConfigMapKey("..")).toEqual(["must not be '..'"]);
    expect(isConfigMapKey("..data")).toEqual(["must not start with '..'"]);
  });
});

describe("isQualifiedName and isValidLabelValue", () => {
  it("checks both parts of prefixed names", () => {
    expect(isQualifiedName("app.kubernetes.io/managed-by")).toEqual([]);
    expect(isQualifiedName("field.cattle.io/projectId")).toEqual([]);
    expect(isQualifiedName("/x")).toEqual(["prefix part must be non-empty"]);
    expect(isQualifiedName("Example.com/x")).toEqual([`prefix part ${SUBDOMAIN}`]);
    expect(isQualifiedName("x/")).toEqual(["name part must be non-empty", QUALIFIED_NAME_PART]);
    expect(isQualifiedName("-x")).toEqual([QUALIFIED_NAME_PART]);
    expect(isQualifiedName("a".repeat(64))).toEqual(["name part must be no more than 63 characters"]);
    expect(isQualifiedName("a/b/c")).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });

  it("allows empty label values", () => {
    expect(isValidLabelValue("")).toEqual([]);
    expect(isValidLabelValue("p-abcde")).toEqual([]);
    expect(isValidLabelValue("a b")).toEqual([LABEL_VALUE]);
    expect(isValidLabelValue("a".repeat(64))).toEqual(["must be no more than 63 characters"]);
  });
});

describe("name functions", () => {
  it("masks a trailing dash in prefix mode", () => {
    expect(nameIsDNSSubdomain("web-", true)).toEqual([]);
    expect(nameIsDNSSubdomain("web-", false)).toEqual([SUBDOMAIN]);
    expect(nameIsDNSLabel("p-", true)).toEqual([]);
    expect(nameIsDNSSubdomain("Web-", true)).toEqual([SUBDOMAIN]);
  });

  it("path segment names only refuse ., .., / and %", () => {
    expect(nameIsPathSegment("testpod.17a2b3c4d5e6f708", false)).toEqual([]);
    expect(nameIsPathSegment("Any_Thing", false)).toEqual([]);
    expect(nameIsPathSegment("..", false)).toEqual(["may not be '..'"]);
    expect(nameIsPathSegment("a/b%c", false)).toEqual(["may not contain '/'", "may not contain '%'"]);
    expect(nameIsPathSegment(".", true)).toEqual([]);
  });
});

describe("validateObjectMeta", () => {
  const namespaced = { namespaced: true, validateName: nameIsDNSSubdomain };

  it("requires a name", () => {
    expect(render(validateObjectMeta({ namespace: "default" }, namespaced))).toEqual([
      "metadata.name: Required value: name or generateName is required",
    ]);
  });

  it("validates the name and generateName with the kind's name function", () => {
    expect(render(validateObjectMeta({ name: "Bad_Name", namespace: "default" }, namespaced))).toEqual([
      `metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`,
    ]);
    expect(render(validateObjectMeta({ generateName: "Bad-", name: "Bad-x1y2z", namespace: "default" }, namespaced))).toEqual([
      `metadata.generateName: Invalid value: "Bad-": ${SUBDOMAIN}`,
      `metadata.name: Invalid value: "Bad-x1y2z": ${SUBDOMAIN}`,
    ]);
    expect(render(validateObjectMeta({ name: "a.b" }, { namespaced: false, validateName: nameIsDNSLabel }))).toEqual([
      'metadata.name: Invalid value: "a.b": must not contain dots',
    ]);
  });

  it("requires a namespace on namespaced kinds and forbids it on the others", () => {
    expect(render(validateObjectMeta({ name: "x" }, namespaced))).toEqual(["metadata.namespace: Required value"]);
    expect(render(validateObjectMeta({ name: "x", namespace: "Bad" }, namespaced))).toEqual([
      `metadata.namespace: Invalid value: "Bad": ${LABEL}`,
    ]);
    expect(render(validateObjectMeta({ name: "x", namespace: "default" }, { namespaced: false, validateName: nameIsDNSLabel }))).toEqual([
      "metadata.namespace: Forbidden: not allowed on this type",
    ]);
  });

  it("validates labels, annotations and finalizers", () => {
    const meta: ObjectMeta = {
      name: "x",
      namespace: "default",
      labels: { "a b": "ok", good: "bad value" },
      annotations: { "Field.Cattle.io/Description": "fine", "x/y/z": "" },
      finalizers: ["example.com/cleanup", "-bad"],
    };
    expect(render(validateObjectMeta(meta, namespaced))).toEqual([
      `metadata.labels: Invalid value: "a b": ${QUALIFIED_NAME_PART}`,
      `metadata.labels: Invalid value: "bad value": ${LABEL_VALUE}`,
      `metadata.annotations: Invalid value: "x/y/z": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      `metadata.finalizers: Invalid value: "-bad": ${QUALIFIED_NAME_PART}`,
    ]);
  });

  it("limits annotations to 256 KiB in total", () => {
    const atLimit = { name: "x", namespace: "default", annotations: { k: "v".repeat(262143) } };
    expect(validateObjectMeta(atLimit, namespaced)).toEqual([]);
    const over = { name: "x", namespace: "default", annotations: { k: "v".repeat(262144) } };
    expect(render(validateObjectMeta(over, namespaced))).toEqual(["metadata.annotations: Too long: may not be more than 262144 bytes"]);
  });

  it("checks owner references", () => {
    const meta: ObjectMeta = {
      name: "x",
      namespace: "default",
      ownerReferences: [{ apiVersion: "", kind: "", name: "", uid: "" }],
    };
    expect(render(validateObjectMeta(meta, namespaced))).toEqual([
      'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
    ]);
    const twoControllers: ObjectMeta = {
      name: "x",
      namespace: "default",
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "a", uid: "1", controller: true },
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "b", uid: "2", controller: true },
      ],
    };
    const [error] = render(validateObjectMeta(twoControllers, namespaced));
    expect(error).toMatch(/^metadata\.ownerReferences: Invalid value: .*: Only one reference can have Controller set to true\. Found "true" in references for ReplicaSet\/a and ReplicaSet\/b$/);
  });

  it("refuses orphan together with foregroundDeletion", () => {
    const meta = { name: "x", namespace: "default", finalizers: ["orphan", "foregroundDeletion"] };
    expect(render(validateObjectMeta(meta, namespaced))).toEqual([
      'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
    ]);
  });
});

describe("validateKubeFinalizerNames", () => {
  it("wants standard or domain-qualified finalizers on built-in kinds", () => {
    expect(validateKubeFinalizerNames(["kubernetes", "orphan", "foregroundDeletion", "example.com/x"], "metadata.finalizers")).toEqual([]);
    expect(render(validateKubeFinalizerNames(["kubernetes", "cleanup"], "metadata.finalizers"))).toEqual([
      'metadata.finalizers[1]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});

describe("validateObjectMetaUpdate", () => {
  const old: ObjectMeta = {
    name: "x",
    namespace: "default",
    uid: "11111111-1111-1111-1111-111111111111",
    creationTimestamp: "2024-01-02T03:04:05Z",
    generation: 2,
    resourceVersion: "10",
  };

  it("accepts an unchanged identity", () => {
    expect(validateObjectMetaUpdate({ ...old, labels: { a: "b" } }, old)).toEqual([]);
  });

  it("keeps name, namespace, uid and creationTimestamp immutable", () => {
    const next = { ...old, name: "y", namespace: "other", uid: "2", creationTimestamp: "2025-06-07T08:09:10Z" };
    expect(render(validateObjectMetaUpdate(next, old))).toEqual([
      'metadata.name: Invalid value: "y": field is immutable',
      'metadata.namespace: Invalid value: "other": field is immutable',
      'metadata.uid: Invalid value: "2": field is immutable',
      "metadata.creationTimestamp: Invalid value: 2025-06-07 08:09:10 +0000 UTC: field is immutable",
    ]);
  });

  it("does not let the generation go down", () => {
    expect(render(validateObjectMetaUpdate({ ...old, generation: 1 }, old))).toEqual([
      "metadata.generation: Invalid value: 1: must not be decremented",
    ]);
  });

  it("forbids new finalizers on an object being deleted", () => {
    const deleting = { ...old, deletionTimestamp: "2024-02-01T00:00:00Z", finalizers: ["example.com/a"] };
    expect(render(validateObjectMetaUpdate({ ...deleting, finalizers: ["example.com/a", "example.com/b"] }, deleting))).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/b"}',
    ]);
    expect(validateObjectMetaUpdate({ ...deleting, finalizers: [] }, deleting)).toEqual([]);
  });

  it("still validates labels and annotations", () => {
    expect(render(validateObjectMetaUpdate({ ...old, labels: { ok: "-bad" } }, old))).toEqual([
      `metadata.labels: Invalid value: "-bad": ${LABEL_VALUE}`,
    ]);
  });
});
