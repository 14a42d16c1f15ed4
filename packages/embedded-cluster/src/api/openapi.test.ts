import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fakeDefinition, fakeNamespaces, fakeSecrets } from "../testing/fake-definitions.ts";
import type { GroupVersionKind } from "./discovery.ts";
import type { OpenApiV3Document } from "./openapi.ts";
import {
  groupVersionOfOpenApiV3Key,
  openApiV3Document,
  openApiV3DocumentBody,
  openApiV3Key,
  openApiV3Root,
  schemaName,
} from "./openapi.ts";

const def = fakeDefinition;
const secrets = fakeSecrets;
const namespaces = fakeNamespaces;
const deployments = def({ group: "apps", kind: "Deployment", resource: "deployments", subresources: ["status", "scale"] });
const projects = def({ group: "management.cattle.io", version: "v3", kind: "Project", resource: "projects" });
const defs = [secrets, namespaces, deployments, projects];

type Operation = {
  operationId: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, unknown> };
  "x-kubernetes-action": string;
  "x-kubernetes-group-version-kind": GroupVersionKind;
};

function op(doc: OpenApiV3Document, path: string, method: string): Operation {
  const item = doc.paths[path];
  if (!item) throw new Error(`no path ${path} in ${Object.keys(doc.paths).join(", ")}`);
  const operation = item[method] as Operation | undefined;
  if (!operation) throw new Error(`no ${method} on ${path}`);
  return operation;
}

function documentOf(groupVersion: string): OpenApiV3Document {
  const doc = openApiV3Document(defs, groupVersion);
  if (!doc) throw new Error(`no document for ${groupVersion}`);
  return doc;
}

/**
 * What kubectl --validate=strict decides, following cli-runtime pkg/resource/query_param_verifier_v3.go
 * supportsQueryParamV3 on the JSON as kubectl parses it (no $ref resolution): the first PATCH operation
 * for the kind decides whether `fieldValidation` is supported.
 */
function kubectlSeesFieldValidation(doc: unknown, gvk: GroupVersionKind): boolean {
  const parsed = JSON.parse(JSON.stringify(doc)) as { paths: Record<string, { patch?: Operation }> };
  for (const path of Object.values(parsed.paths)) {
    const patch = path.patch;
    if (!patch) continue;
    const ext = patch["x-kubernetes-group-version-kind"];
    if (ext.group !== gvk.group || ext.version !== gvk.version || ext.kind !== gvk.kind) continue;
    return (patch.parameters ?? []).some((p) => p.name === "fieldValidation");
  }
  return false;
}

/** kubectl/pkg/cmd/apply/patcher.go gvkSupportsPatchOpenAPIV3: true would make apply use these schemas. */
function kubectlComputesPatchFromOpenApiV3(doc: unknown, gvk: GroupVersionKind): boolean {
  const parsed = JSON.parse(JSON.stringify(doc)) as { paths: Record<string, { patch?: Operation }> };
  for (const path of Object.values(parsed.paths)) {
    const patch = path.patch;
    if (!patch) continue;
    const ext = patch["x-kubernetes-group-version-kind"];
    if (ext.group !== gvk.group || ext.version !== gvk.version || ext.kind !== gvk.kind) continue;
    return patch.requestBody?.content["application/strategic-merge-patch+json"] !== undefined;
  }
  return false;
}

describe("openApiV3Root", () => {
  it("lists each served group version with the hash of its document", () => {
    const root = openApiV3Root(defs);
    expect(Object.keys(root.paths)).toEqual(["api/v1", "apis/apps/v1", "apis/management.cattle.io/v3"]);
    for (const [key, { serverRelativeURL }] of Object.entries(root.paths)) {
      const groupVersion = groupVersionOfOpenApiV3Key(key);
      expect(groupVersion).not.toBeNull();
      const served = openApiV3DocumentBody(defs, groupVersion ?? "");
      const sha512 = createHash("sha512")
        .update(served?.body ?? "")
        .digest("hex")
        .toUpperCase();
      expect(served?.hash).toBe(sha512);
      expect(serverRelativeURL).toBe(`/openapi/v3/${key}?hash=${sha512}`);
      expect(sha512).toMatch(/^[0-9A-F]{128}$/);
    }
  });

  it("keeps hashes stable and changes them only for the documents that change", () => {
    const before = openApiV3Root(defs);
    expect(openApiV3Root(defs)).toEqual(before);
    const withReplicaSets = openApiV3Root([...defs, def({ group: "apps", kind: "ReplicaSet", resource: "replicasets" })]);
    expect(withReplicaSets.paths["api/v1"]).toEqual(before.paths["api/v1"]);
    expect(withReplicaSets.paths["apis/apps/v1"]).not.toEqual(before.paths["apis/apps/v1"]);
  });

  it("maps group versions to document keys and back", () => {
    expect(openApiV3Key("v1")).toBe("api/v1");
    expect(openApiV3Key("apps/v1")).toBe("apis/apps/v1");
    expect(groupVersionOfOpenApiV3Key("api/v1")).toBe("v1");
    expect(groupVersionOfOpenApiV3Key("apis/management.cattle.io/v3")).toBe("management.cattle.io/v3");
    expect(groupVersionOfOpenApiV3Key("apis/apps")).toBeNull();
    expect(groupVersionOfOpenApiV3Key("api")).toBeNull();
  });
});

describe("openApiV3Document", () => {
  it("returns null for group versions that are not served", () => {
    expect(openApiV3Document(defs, "batch/v1")).toBeNull();
    expect(openApiV3Document(defs, "apps/v1beta1")).toBeNull();
    expect(openApiV3Document([deployments], "v1")).toBeNull();
    expect(openApiV3DocumentBody(defs, "batch/v1")).toBeNull();
  });

  it("is an OpenAPI 3.0 document", () => {
    const doc = documentOf("v1");
    expect(doc.openapi).toBe("3.0.0");
    expect(doc.info.title).toBe("Kubernetes");
  });

  it("has the namespaced collection, item and all-namespaces paths of a core kind", () => {
    const doc = documentOf("v1");
    expect(Object.keys(doc.paths)).toEqual([
      "/api/v1/namespaces",
      "/api/v1/namespaces/{namespace}/secrets",
      "/api/v1/namespaces/{namespace}/secrets/{name}",
      "/api/v1/namespaces/{name}",
      "/api/v1/namespaces/{name}/status",
      "/api/v1/secrets",
    ]);

    const collection = doc.paths["/api/v1/namespaces/{namespace}/secrets"];
    expect(Object.keys(collection ?? {}).sort()).toEqual(["delete", "get", "parameters", "post"]);
    const item = doc.paths["/api/v1/namespaces/{namespace}/secrets/{name}"];
    expect(Object.keys(item ?? {}).sort()).toEqual(["delete", "get", "parameters", "patch", "put"]);
    expect((item?.parameters as Array<{ name: string; in: string }>).map((p) => `${p.in}:${p.name}`)).toEqual([
      "path:name",
      "path:namespace",
      "query:pretty",
    ]);

    const secretGVK = { group: "", kind: "Secret", version: "v1" };
    expect(op(doc, "/api/v1/namespaces/{namespace}/secrets/{name}", "get")).toMatchObject({
      operationId: "readCoreV1NamespacedSecret",
      "x-kubernetes-action": "get",
      "x-kubernetes-group-version-kind": secretGVK,
    });
    expect(op(doc, "/api/v1/namespaces/{namespace}/secrets/{name}", "put")).toMatchObject({
      operationId: "replaceCoreV1NamespacedSecret",
      "x-kubernetes-action": "put",
    });
    expect(op(doc, "/api/v1/namespaces/{namespace}/secrets/{name}", "patch")).toMatchObject({
      operationId: "patchCoreV1NamespacedSecret",
      "x-kubernetes-action": "patch",
      "x-kubernetes-group-version-kind": secretGVK,
    });
    expect(op(doc, "/api/v1/namespaces/{namespace}/secrets/{name}", "delete")).toMatchObject({
      operationId: "deleteCoreV1NamespacedSecret",
      "x-kubernetes-action": "delete",
    });
    expect(op(doc, "/api/v1/namespaces/{namespace}/secrets", "post")).toMatchObject({
      operationId: "createCoreV1NamespacedSecret",
      "x-kubernetes-action": "post",
    });
    expect(op(doc, "/api/v1/namespaces/{namespace}/secrets", "get")).toMatchObject({
      operationId: "listCoreV1NamespacedSecret",
      "x-kubernetes-action": "list",
    });
    expect(op(doc, "/api/v1/namespaces/{namespace}/secrets", "delete")).toMatchObject({
      operationId: "deleteCoreV1CollectionNamespacedSecret",
      "x-kubernetes-action": "deletecollection",
    });
    expect(op(doc, "/api/v1/secrets", "get")).toMatchObject({
      operationId: "listCoreV1SecretForAllNamespaces",
      "x-kubernetes-action": "list",
    });
  });

  it("puts cluster-scoped kinds at paths without a namespace, only with the verbs they have", () => {
    const doc = documentOf("v1");
    expect(Object.keys(doc.paths["/api/v1/namespaces"] ?? {}).sort()).toEqual(["get", "parameters", "post"]);
    expect(op(doc, "/api/v1/namespaces/{name}", "patch")).toMatchObject({
      operationId: "patchCoreV1Namespace",
      "x-kubernetes-group-version-kind": { group: "", kind: "Namespace", version: "v1" },
    });
    const itemParams = doc.paths["/api/v1/namespaces/{name}"]?.parameters as Array<{ name: string }>;
    expect(itemParams.map((p) => p.name)).toEqual(["name", "pretty"]);
    expect(op(doc, "/api/v1/namespaces/{name}/status", "put")).toMatchObject({
      operationId: "replaceCoreV1NamespaceStatus",
      "x-kubernetes-action": "put",
    });
  });

  it("declares dryRun, fieldManager and fieldValidation inline on every write, force on patches", () => {
    const doc = documentOf("v1");
    const names = (o: Operation) => (o.parameters ?? []).map((p) => `${p.in}:${p.name}`);
    expect(names(op(doc, "/api/v1/namespaces/{namespace}/secrets/{name}", "patch"))).toEqual([
      "query:dryRun",
      "query:fieldManager",
      "query:fieldValidation",
      "query:force",
    ]);
    expect(names(op(doc, "/api/v1/namespaces/{namespace}/secrets/{name}", "put"))).toEqual([
      "query:dryRun",
      "query:fieldManager",
      "query:fieldValidation",
    ]);
    expect(names(op(doc, "/api/v1/namespaces/{namespace}/secrets", "post"))).toEqual([
      "query:dryRun",
      "query:fieldManager",
      "query:fieldValidation",
    ]);
    expect(names(op(doc, "/api/v1/namespaces/{namespace}/secrets/{name}", "delete"))).toContain("query:dryRun");
    expect(JSON.stringify(doc)).not.toContain("#/components/parameters");
  });

  it("gives kubectl --validate=strict what it looks for, for every kind", () => {
    for (const d of defs) {
      const doc = openApiV3Document(defs, d.group ? `${d.group}/${d.version}` : d.version);
      expect(kubectlSeesFieldValidation(doc, { group: d.group, version: d.version, kind: d.kind })).toBe(true);
    }
    expect(kubectlSeesFieldValidation(documentOf("apps/v1"), { group: "autoscaling", version: "v1", kind: "Scale" })).toBe(
      true,
    );
    // a kind of another group version is not found in this document
    expect(kubectlSeesFieldValidation(documentOf("v1"), { group: "apps", version: "v1", kind: "Deployment" })).toBe(false);
  });

  it("never makes kubectl apply compute strategic merge patches from these schemas", () => {
    for (const d of defs) {
      const doc = openApiV3Document(defs, d.group ? `${d.group}/${d.version}` : d.version);
      expect(kubectlComputesPatchFromOpenApiV3(doc, { group: d.group, version: d.version, kind: d.kind })).toBe(false);
    }
    expect(JSON.stringify(documentOf("apps/v1"))).not.toContain("strategic-merge-patch");
    expect(op(documentOf("v1"), "/api/v1/namespaces/{namespace}/secrets/{name}", "patch").requestBody).toEqual({
      content: {
        "application/apply-patch+yaml": { schema: { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch" } },
        "application/json-patch+json": { schema: { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch" } },
        "application/merge-patch+json": { schema: { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch" } },
      },
      required: true,
    });
  });

  it("describes status and scale subresources, scale as autoscaling/v1 Scale", () => {
    const doc = documentOf("apps/v1");
    expect(Object.keys(doc.paths)).toEqual([
      "/apis/apps/v1/deployments",
      "/apis/apps/v1/namespaces/{namespace}/deployments",
      "/apis/apps/v1/namespaces/{namespace}/deployments/{name}",
      "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale",
      "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status",
    ]);
    const scale = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale";
    expect(op(doc, scale, "patch")).toMatchObject({
      operationId: "patchAppsV1NamespacedDeploymentScale",
      "x-kubernetes-action": "patch",
      "x-kubernetes-group-version-kind": { group: "autoscaling", kind: "Scale", version: "v1" },
    });
    expect(op(doc, scale, "get")).toMatchObject({ operationId: "readAppsV1NamespacedDeploymentScale" });
    const status = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status";
    expect(op(doc, status, "put")).toMatchObject({
      operationId: "replaceAppsV1NamespacedDeploymentStatus",
      "x-kubernetes-group-version-kind": { group: "apps", kind: "Deployment", version: "v1" },
    });
    expect(doc.components.schemas["io.k8s.api.autoscaling.v1.Scale"]).toMatchObject({
      "x-kubernetes-group-version-kind": [{ group: "autoscaling", kind: "Scale", version: "v1" }],
    });
    expect(op(doc, "/apis/apps/v1/namespaces/{namespace}/deployments", "post")).toMatchObject({
      operationId: "createAppsV1NamespacedDeployment",
    });
  });

  it("names the custom resource's operations after its group", () => {
    const doc = documentOf("management.cattle.io/v3");
    expect(op(doc, "/apis/management.cattle.io/v3/namespaces/{namespace}/projects/{name}", "patch")).toMatchObject({
      operationId: "patchManagementCattleIoV3NamespacedProject",
      "x-kubernetes-group-version-kind": { group: "management.cattle.io", kind: "Project", version: "v3" },
    });
    expect(
      (op(doc, "/apis/management.cattle.io/v3/namespaces/{namespace}/projects/{name}", "patch") as unknown as { tags: string[] })
        .tags,
    ).toEqual(["managementCattleIo_v3"]);
  });

  it("has a permissive schema per kind and list, named like kube-apiserver's", () => {
    const core = documentOf("v1").components.schemas;
    expect(Object.keys(core)).toEqual([
      "io.k8s.api.core.v1.Namespace",
      "io.k8s.api.core.v1.NamespaceList",
      "io.k8s.api.core.v1.Secret",
      "io.k8s.api.core.v1.SecretList",
      "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
      "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta",
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
      "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
      "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
    ]);
    expect(core["io.k8s.api.core.v1.Secret"]).toMatchObject({
      type: "object",
      "x-kubernetes-preserve-unknown-fields": true,
      "x-kubernetes-group-version-kind": [{ group: "", kind: "Secret", version: "v1" }],
    });
    expect(core["io.k8s.api.core.v1.Secret"]).not.toHaveProperty("additionalProperties");
    expect(core["io.k8s.api.core.v1.SecretList"]).toMatchObject({
      "x-kubernetes-group-version-kind": [{ group: "", kind: "SecretList", version: "v1" }],
    });
    expect(Object.keys(documentOf("apps/v1").components.schemas)).toContain("io.k8s.api.apps.v1.Deployment");
    expect(Object.keys(documentOf("management.cattle.io/v3").components.schemas)).toContain(
      "io.cattle.management.v3.Project",
    );

    // every $ref points into the document
    for (const gv of ["v1", "apps/v1", "management.cattle.io/v3"]) {
      const doc = documentOf(gv);
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
      for (const name of refs) expect(doc.components.schemas, `${gv} ${name}`).toHaveProperty([name ?? ""]);
    }
  });

  it("schemaName follows kube-apiserver's naming", () => {
    expect(schemaName({ group: "", version: "v1", kind: "Secret" })).toBe("io.k8s.api.core.v1.Secret");
    expect(schemaName({ group: "apps", version: "v1", kind: "Deployment" })).toBe("io.k8s.api.apps.v1.Deployment");
    expect(schemaName({ group: "coordination.k8s.io", version: "v1", kind: "Lease" })).toBe(
      "io.k8s.api.coordination.v1.Lease",
    );
    expect(schemaName({ group: "rbac.authorization.k8s.io", version: "v1", kind: "Role" })).toBe(
      "io.k8s.api.rbac.v1.Role",
    );
    expect(schemaName({ group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition" })).toBe(
      "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
    );
    expect(schemaName({ group: "management.cattle.io", version: "v3", kind: "Project" })).toBe(
      "io.cattle.management.v3.Project",
    );
    expect(schemaName({ group: "cluster.x-k8s.io", version: "v1beta1", kind: "Cluster" })).toBe(
      "io.x-k8s.cluster.v1beta1.Cluster",
    );
  });
});
