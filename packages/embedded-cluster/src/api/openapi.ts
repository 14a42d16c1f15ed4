/**
 * OpenAPI v3 documents (`/openapi/v3` and `/openapi/v3/<api|apis/group>/<version>`), generated from
 * the served ResourceDefinitions.
 *
 * They exist for kubectl's `--validate=strict` (the default of `create -f` / `apply -f`): cli-runtime
 * pkg/resource/query_param_verifier_v3.go looks, in the group version's document, for a path whose
 * `patch` operation carries `x-kubernetes-group-version-kind` = the object's kind and an *operation*
 * parameter named `fieldValidation`. It reads `parameters[].name` without resolving `$ref`, so the
 * parameters are inline, as kube-apiserver serves them. When found, kubectl sends
 * `fieldValidation=Strict` and validates nothing itself.
 *
 * Schemas are deliberately permissive (any fields): the server validates, with the field tables of
 * field-schema/field-types.generated.ts (server-side field validation). Patch operations do not
 * declare `application/strategic-merge-patch+json`: kubectl apply (pkg/cmd/apply/patcher.go
 * gvkSupportsPatchOpenAPIV3) would then compute strategic merge patches from these schemas, which
 * have no merge keys; without it kubectl uses its compiled-in types for built-in kinds.
 *
 * There is no `/openapi/v2`: the server answers 404 there.
 */
import { createHash } from "node:crypto";
import type { ResourceDefinition } from "../kinds/types.ts";
import type { GroupVersionKind } from "./discovery.ts";
import { definitionsIn, parseGroupVersion, servedGroupVersions, subresourcesOf } from "./discovery.ts";

export interface OpenApiV3Root {
  paths: Record<string, { serverRelativeURL: string }>;
}

type Json = Record<string, unknown>;

export interface OpenApiV3Document {
  openapi: "3.0.0";
  info: { title: string; version: string };
  paths: Record<string, Json>;
  components: { schemas: Record<string, Json> };
}

/** `v1` → `api/v1`; `apps/v1` → `apis/apps/v1`: the key in the root and the path after `/openapi/v3/`. */
export function openApiV3Key(groupVersion: string): string {
  return groupVersion.includes("/") ? `apis/${groupVersion}` : `api/${groupVersion}`;
}

/** The group version a `/openapi/v3/<key>` path names, or null when it does not name one. */
export function groupVersionOfOpenApiV3Key(key: string): string | null {
  const parts = key.split("/");
  if (parts.length === 2 && parts[0] === "api" && parts[1]) return parts[1];
  if (parts.length === 3 && parts[0] === "apis" && parts[1] && parts[2]) return `${parts[1]}/${parts[2]}`;
  return null;
}

/**
 * `/openapi/v3`: each served group version with a URL carrying the document's hash, so clients
 * (kubectl's HTTP cache in ~/.kube/cache/http) refetch only when a document changes.
 */
export function openApiV3Root(defs: readonly ResourceDefinition[]): OpenApiV3Root {
  const paths: OpenApiV3Root["paths"] = {};
  for (const groupVersion of servedGroupVersions(defs)) {
    const served = openApiV3DocumentBody(defs, groupVersion);
    if (!served) continue;
    const key = openApiV3Key(groupVersion);
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${served.hash}` };
  }
  return { paths: sortedRecord(paths) };
}

/**
 * The serialized document and its hash: upper-case hex SHA-512 of the body, as kube-openapi
 * pkg/handler3/handler.go computes it (also the ETag). Serve exactly `body` so the hash holds.
 */
export function openApiV3DocumentBody(
  defs: readonly ResourceDefinition[],
  groupVersion: string,
): { body: string; hash: string } | null {
  const doc = openApiV3Document(defs, groupVersion);
  if (!doc) return null;
  const body = JSON.stringify(doc);
  return { body, hash: createHash("sha512").update(body).digest("hex").toUpperCase() };
}

/** The OpenAPI v3 document of one group version (`v1`, `apps/v1`), or null when it is not served. */
export function openApiV3Document(defs: readonly ResourceDefinition[], groupVersion: string): OpenApiV3Document | null {
  const { group, version } = parseGroupVersion(groupVersion);
  const served = definitionsIn(defs, group, version);
  if (served.length === 0) return null;

  const paths: Record<string, Json> = {};
  const schemas: Record<string, Json> = { ...metaSchemas() };
  for (const def of served) {
    Object.assign(paths, resourcePaths(def));
    schemas[schemaName(def)] = kindSchema(def);
    schemas[schemaName({ ...def, kind: def.listKind })] = listSchema(def);
    if (def.subresources.includes("scale")) schemas[schemaName(SCALE_GVK)] = scaleSchema();
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: "unversioned" },
    paths: sortedRecord(paths),
    components: { schemas: sortedRecord(schemas) },
  };
}

/**
 * The component name kube-apiserver gives a kind's schema: the Go package path made REST-friendly
 * (kube-openapi pkg/util/util.go ToRESTFriendlyName) for built-in kinds, e.g.
 * `io.k8s.api.core.v1.Secret`, `io.k8s.api.apps.v1.Deployment`,
 * `io.k8s.api.coordination.v1.Lease`; for custom resources the reversed group
 * (apiextensions-apiserver pkg/controller/openapi/builder), e.g. `io.cattle.management.v3.Project`.
 * Built-in groups are told apart by name (`""`, no dot, or `*.k8s.io`).
 */
export function schemaName(gvk: GroupVersionKind): string {
  const { group, version, kind } = gvk;
  if (group === "") return `io.k8s.api.core.${version}.${kind}`;
  if (group === "apiextensions.k8s.io") return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}.${kind}`;
  if (group === "apiregistration.k8s.io") return `io.k8s.kube-aggregator.pkg.apis.apiregistration.${version}.${kind}`;
  if (!group.includes(".")) return `io.k8s.api.${group}.${version}.${kind}`;
  if (group.endsWith(".k8s.io")) return `io.k8s.api.${group.split(".")[0]}.${version}.${kind}`;
  return `${group.split(".").reverse().join(".")}.${version}.${kind}`;
}

// ---------------------------------------------------------------------------------------------
// Paths

const SCALE_GVK: GroupVersionKind = { group: "autoscaling", version: "v1", kind: "Scale" };
const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

function resourcePaths(def: ResourceDefinition): Record<string, Json> {
  const base = def.group ? `/apis/${def.group}/${def.version}` : `/api/${def.version}`;
  const collection = def.namespaced ? `${base}/namespaces/{namespace}/${def.resource}` : `${base}/${def.resource}`;
  const item = `${collection}/{name}`;
  const ids = new OperationIds(def);
  const gvk = { group: def.group, version: def.version, kind: def.kind };
  const kindRef = ref(schemaName(def));
  const listRef = ref(schemaName({ ...def, kind: def.listKind }));
  const can = (verb: string) => def.verbs.includes(verb);
  const scopeParams = def.namespaced ? [NAMESPACE_PARAM] : [];
  const paths: Record<string, Json> = {};

  const collectionOps: Json = {};
  if (can("list")) {
    collectionOps.get = operation(`list or watch objects of kind ${def.kind}`, ids.of("list"), "list", gvk, def, {
      parameters: LIST_PARAMS,
      responses: { "200": okResponse(listRef, true) },
    });
  }
  if (can("create")) {
    collectionOps.post = operation(`create ${article(def.kind)}`, ids.of("create"), "post", gvk, def, {
      parameters: WRITE_PARAMS,
      requestBody: { content: { "*/*": { schema: kindRef } }, required: true },
      responses: { "200": okResponse(kindRef), "201": response("Created", kindRef), "202": response("Accepted", kindRef) },
    });
  }
  if (can("deletecollection")) {
    collectionOps.delete = operation(`delete collection of ${def.kind}`, ids.of("deletecollection"), "deletecollection", gvk, def, {
      parameters: [...DELETE_PARAMS, ...LIST_PARAMS.filter((p) => p.name !== "watch" && p.name !== "allowWatchBookmarks")],
      requestBody: { content: { "*/*": { schema: ref(`${META}.DeleteOptions`) } } },
      responses: { "200": okResponse(ref(`${META}.Status`)) },
    });
  }
  if (Object.keys(collectionOps).length) paths[collection] = { ...collectionOps, parameters: [...scopeParams, PRETTY_PARAM] };

  const itemOps: Json = {};
  if (can("get")) {
    itemOps.get = operation(`read the specified ${def.kind}`, ids.of("get"), "get", gvk, def, {
      responses: { "200": okResponse(kindRef) },
    });
  }
  if (can("update")) {
    itemOps.put = operation(`replace the specified ${def.kind}`, ids.of("update"), "put", gvk, def, {
      parameters: WRITE_PARAMS,
      requestBody: { content: { "*/*": { schema: kindRef } }, required: true },
      responses: { "200": okResponse(kindRef), "201": response("Created", kindRef) },
    });
  }
  if (can("patch")) {
    itemOps.patch = operation(`partially update the specified ${def.kind}`, ids.of("patch"), "patch", gvk, def, {
      parameters: PATCH_PARAMS,
      requestBody: PATCH_REQUEST_BODY,
      responses: { "200": okResponse(kindRef), "201": response("Created", kindRef) },
    });
  }
  if (can("delete")) {
    itemOps.delete = operation(`delete ${article(def.kind)}`, ids.of("delete"), "delete", gvk, def, {
      parameters: DELETE_PARAMS,
      requestBody: { content: { "*/*": { schema: ref(`${META}.DeleteOptions`) } } },
      responses: {
        "200": okResponse(ref(`${META}.Status`)),
        "202": response("Accepted", ref(`${META}.Status`)),
      },
    });
  }
  if (Object.keys(itemOps).length) paths[item] = { ...itemOps, parameters: [nameParam(def.kind), ...scopeParams, PRETTY_PARAM] };

  for (const sub of subresourcesOf(def)) {
    const subRef = ref(schemaName(sub.kind));
    const what = `${sub.name} of the specified ${def.kind}`;
    paths[`${item}/${sub.name}`] = {
      get: operation(`read ${what}`, ids.of("get", sub.name), "get", sub.kind, def, {
        responses: { "200": okResponse(subRef) },
      }),
      patch: operation(`partially update ${what}`, ids.of("patch", sub.name), "patch", sub.kind, def, {
        parameters: PATCH_PARAMS,
        requestBody: PATCH_REQUEST_BODY,
        responses: { "200": okResponse(subRef), "201": response("Created", subRef) },
      }),
      put: operation(`replace ${what}`, ids.of("update", sub.name), "put", sub.kind, def, {
        parameters: WRITE_PARAMS,
        requestBody: { content: { "*/*": { schema: subRef } }, required: true },
        responses: { "200": okResponse(subRef), "201": response("Created", subRef) },
      }),
      parameters: [nameParam(def.kind), ...scopeParams, PRETTY_PARAM],
    };
  }

  if (def.namespaced && can("list")) {
    paths[`${base}/${def.resource}`] = {
      get: operation(`list or watch objects of kind ${def.kind}`, ids.forAllNamespaces(), "list", gvk, def, {
        responses: { "200": okResponse(listRef, true) },
      }),
      parameters: [...LIST_PARAMS, PRETTY_PARAM],
    };
  }
  return paths;
}

function operation(
  description: string,
  operationId: string,
  action: string,
  gvk: GroupVersionKind,
  def: ResourceDefinition,
  parts: { parameters?: readonly Json[]; requestBody?: Json; responses: Json },
): Json {
  const op: Json = { description, operationId };
  if (parts.parameters?.length) op.parameters = [...parts.parameters];
  if (parts.requestBody) op.requestBody = parts.requestBody;
  op.responses = { ...parts.responses, "401": { description: "Unauthorized" } };
  op.tags = [tagOf(def)];
  op["x-kubernetes-action"] = action;
  op["x-kubernetes-group-version-kind"] = { group: gvk.group, kind: gvk.kind, version: gvk.version };
  return op;
}

/** kube-apiserver's operation ids: `readCoreV1NamespacedSecret`, `patchAppsV1NamespacedDeploymentScale`. */
class OperationIds {
  private readonly groupVersion: string;
  private readonly scope: string;
  constructor(private readonly def: ResourceDefinition) {
    this.groupVersion = capitalize(groupWord(def.group)) + capitalize(def.version);
    this.scope = def.namespaced ? "Namespaced" : "";
  }
  of(verb: string, subresource?: string): string {
    const sub = subresource ? capitalize(subresource) : "";
    const kindPart = `${this.scope}${this.def.kind}${sub}`;
    if (verb === "deletecollection") return `delete${this.groupVersion}Collection${kindPart}`;
    return `${OPERATION_VERBS[verb] ?? verb}${this.groupVersion}${kindPart}`;
  }
  forAllNamespaces(): string {
    return `list${this.groupVersion}${this.def.kind}ForAllNamespaces`;
  }
}

const OPERATION_VERBS: Record<string, string> = {
  get: "read",
  list: "list",
  create: "create",
  update: "replace",
  patch: "patch",
  delete: "delete",
};

/** `core`, `apps`, `coordination` (for coordination.k8s.io), `managementCattleIo`. */
function groupWord(group: string): string {
  if (group === "") return "core";
  const words = group.replace(/\.k8s\.io$/, "").split(/[.-]/);
  return words.map((w, i) => (i === 0 ? w : capitalize(w))).join("");
}

/** The operation tag: `core_v1`, `apps_v1`, `managementCattleIo_v3`. */
function tagOf(def: ResourceDefinition): string {
  return `${groupWord(def.group)}_${def.version}`;
}

// ---------------------------------------------------------------------------------------------
// Parameters (inline; see the file comment)

function queryParam(name: string, type: "string" | "boolean" | "integer", description: string): Json & { name: string } {
  return { description, in: "query", name, schema: { type, uniqueItems: true } };
}

const PRETTY_PARAM = queryParam("pretty", "string", "If 'true', then the output is pretty printed.");
const NAMESPACE_PARAM = {
  description: "object name and auth scope, such as for teams and projects",
  in: "path",
  name: "namespace",
  required: true,
  schema: { type: "string", uniqueItems: true },
};
const nameParam = (kind: string) => ({
  description: `name of the ${kind}`,
  in: "path",
  name: "name",
  required: true,
  schema: { type: "string", uniqueItems: true },
});

const DRY_RUN = queryParam("dryRun", "string", "When present, modifications are not persisted. Valid value: All.");
const FIELD_MANAGER = queryParam("fieldManager", "string", "A name for the actor making these changes.");
const FIELD_VALIDATION = queryParam(
  "fieldValidation",
  "string",
  "How the server responds to unknown or duplicate fields in the object: Ignore, Warn or Strict.",
);

const WRITE_PARAMS = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
const PATCH_PARAMS = [
  ...WRITE_PARAMS,
  queryParam("force", "boolean", "Re-acquires conflicting fields owned by others; only for apply patches."),
];
const DELETE_PARAMS = [
  DRY_RUN,
  queryParam("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted."),
  queryParam("orphanDependents", "boolean", "Deprecated: use propagationPolicy."),
  queryParam("propagationPolicy", "string", "Garbage collection policy: Orphan, Background or Foreground."),
];
const LIST_PARAMS = [
  queryParam("allowWatchBookmarks", "boolean", "Requests watch events of type BOOKMARK."),
  queryParam("continue", "string", "The continue token of a previous chunked list."),
  queryParam("fieldSelector", "string", "A selector on the objects' fields."),
  queryParam("labelSelector", "string", "A selector on the objects' labels."),
  queryParam("limit", "integer", "The maximum number of objects to return."),
  queryParam("resourceVersion", "string", "Constrains which resource versions may serve the request."),
  queryParam("resourceVersionMatch", "string", "How resourceVersion is applied to list calls."),
  queryParam("sendInitialEvents", "boolean", "Starts a watch with synthetic events for the current objects."),
  queryParam("timeoutSeconds", "integer", "Timeout for the list or watch call."),
  queryParam("watch", "boolean", "Watch for changes to the described resources."),
];

/** No application/strategic-merge-patch+json on purpose: see the file comment. */
const PATCH_REQUEST_BODY = {
  content: {
    "application/apply-patch+yaml": { schema: ref(`${META}.Patch`) },
    "application/json-patch+json": { schema: ref(`${META}.Patch`) },
    "application/merge-patch+json": { schema: ref(`${META}.Patch`) },
  },
  required: true,
};

function ref(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

function response(description: string, schema: Json): Json {
  return { content: { "application/json": { schema }, "application/yaml": { schema } }, description };
}

function okResponse(schema: Json, watchable = false): Json {
  if (!watchable) return response("OK", schema);
  const content = { "application/json": { schema }, "application/json;stream=watch": { schema }, "application/yaml": { schema } };
  return { content, description: "OK" };
}

// ---------------------------------------------------------------------------------------------
// Schemas: permissive, with the kind's x-kubernetes-group-version-kind

const TYPE_META_PROPERTIES = {
  apiVersion: { description: "The versioned schema of this representation of an object.", type: "string" },
  kind: { description: "The REST resource this object represents, in CamelCase.", type: "string" },
};

function gvkExtension(gvk: GroupVersionKind): Json {
  return { "x-kubernetes-group-version-kind": [{ group: gvk.group, kind: gvk.kind, version: gvk.version }] };
}

function kindSchema(def: ResourceDefinition): Json {
  return {
    description: `${def.kind}: this server publishes no field schema; it validates objects itself.`,
    properties: {
      ...TYPE_META_PROPERTIES,
      metadata: { $ref: `#/components/schemas/${META}.ObjectMeta`, default: {} },
    },
    type: "object",
    "x-kubernetes-preserve-unknown-fields": true,
    ...gvkExtension(def),
  };
}

function listSchema(def: ResourceDefinition): Json {
  return {
    description: `${def.listKind} is a list of ${def.kind} objects.`,
    properties: {
      ...TYPE_META_PROPERTIES,
      items: { items: { ...ref(schemaName(def)), default: {} }, type: "array" },
      metadata: { $ref: `#/components/schemas/${META}.ListMeta`, default: {} },
    },
    required: ["items"],
    type: "object",
    ...gvkExtension({ ...def, kind: def.listKind }),
  };
}

function scaleSchema(): Json {
  return {
    description: "Scale represents a scaling request for a resource.",
    properties: {
      ...TYPE_META_PROPERTIES,
      metadata: { $ref: `#/components/schemas/${META}.ObjectMeta`, default: {} },
      spec: { properties: { replicas: { format: "int32", type: "integer" } }, type: "object" },
      status: {
        properties: { replicas: { format: "int32", type: "integer" }, selector: { type: "string" } },
        type: "object",
      },
    },
    type: "object",
    ...gvkExtension(SCALE_GVK),
  };
}

function metaSchemas(): Record<string, Json> {
  const string = { type: "string" };
  const stringMap = { additionalProperties: { default: "", type: "string" }, type: "object" };
  const time = { format: "date-time", type: "string" };
  return {
    [`${META}.DeleteOptions`]: {
      description: "DeleteOptions may be provided when deleting an API object.",
      properties: {
        ...TYPE_META_PROPERTIES,
        dryRun: { items: { default: "", type: "string" }, type: "array" },
        gracePeriodSeconds: { format: "int64", type: "integer" },
        orphanDependents: { type: "boolean" },
        preconditions: {
          properties: { resourceVersion: string, uid: string },
          type: "object",
        },
        propagationPolicy: string,
      },
      type: "object",
    },
    [`${META}.ListMeta`]: {
      description: "ListMeta describes metadata that synthetic resources must have.",
      properties: {
        continue: string,
        remainingItemCount: { format: "int64", type: "integer" },
        resourceVersion: string,
      },
      type: "object",
    },
    [`${META}.ObjectMeta`]: {
      description: "ObjectMeta is metadata that all persisted resources must have.",
      properties: {
        annotations: stringMap,
        creationTimestamp: time,
        deletionGracePeriodSeconds: { format: "int64", type: "integer" },
        deletionTimestamp: time,
        finalizers: { items: { default: "", type: "string" }, type: "array" },
        generateName: string,
        generation: { format: "int64", type: "integer" },
        labels: stringMap,
        managedFields: { items: { type: "object", "x-kubernetes-preserve-unknown-fields": true }, type: "array" },
        name: string,
        namespace: string,
        ownerReferences: { items: { type: "object", "x-kubernetes-preserve-unknown-fields": true }, type: "array" },
        resourceVersion: string,
        uid: string,
      },
      type: "object",
    },
    [`${META}.Patch`]: {
      description: "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
      type: "object",
    },
    [`${META}.Status`]: {
      description: "Status is a return value for calls that don't return other objects.",
      properties: {
        ...TYPE_META_PROPERTIES,
        code: { format: "int32", type: "integer" },
        details: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
        message: string,
        metadata: { $ref: `#/components/schemas/${META}.ListMeta`, default: {} },
        reason: string,
        status: string,
      },
      type: "object",
      ...gvkExtension({ group: "", version: "v1", kind: "Status" }),
    },
  };
}

// ---------------------------------------------------------------------------------------------

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
