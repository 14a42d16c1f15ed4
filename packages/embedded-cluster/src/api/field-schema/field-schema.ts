import { FIELD_TYPES } from "./field-types.generated.ts";

/**
 * The fields each served kind's Go type has: what kube-apiserver's decoding into that type keeps,
 * and what its strict decoding reports as unknown (apimachinery pkg/runtime/serializer/json,
 * sigs.k8s.io/json). The tables come from field-types.generated.ts, written from the Kubernetes
 * API's OpenAPI types; `fieldSchemaFor` says which table describes a kind.
 */
export type FieldNode =
  /** A Go struct: only its fields are known; `rest` keeps any other key (a custom resource's preserved fields). */
  | { kind: "struct"; name: string; field(key: string): FieldNode | undefined; rest?: FieldNode }
  | { kind: "list"; items: FieldNode }
  /** A Go map with string keys: any key, each value of one type. */
  | { kind: "map"; values: FieldNode }
  /** string, number, bool, time, quantity…: taken as it is. */
  | { kind: "scalar" }
  /** A type with its own UnmarshalJSON (RawExtension, apiextensions JSON, JSONSchemaPropsOrArray…): taken as it is, unchecked. */
  | { kind: "opaque" }
  /** interface{}: any JSON, checked for duplicate keys only (an unstructured object). */
  | { kind: "untyped" };

const SCALARS = new Set([
  "string",
  "byte",
  "boolean",
  "int32",
  "int64",
  "double",
  "date-time",
  "date-time-micro",
  "int-or-string",
]);

const SCALAR: FieldNode = { kind: "scalar" };
const OPAQUE: FieldNode = { kind: "opaque" };
export const UNTYPED: FieldNode = { kind: "untyped" };

const structs = new Map<string, FieldNode>();

/** The node of a type in the notation of field-types.generated.ts: `PodSpec`, `[]Container`, `map[string]string`, `json`. */
export function typeNode(notation: string): FieldNode {
  if (notation.startsWith("[]")) return { kind: "list", items: typeNode(notation.slice(2)) };
  if (notation.startsWith("map[string]")) return { kind: "map", values: typeNode(notation.slice("map[string]".length)) };
  if (SCALARS.has(notation)) return SCALAR;
  if (notation === "json") return OPAQUE;
  return structNode(notation);
}

function structNode(name: string): FieldNode {
  const cached = structs.get(name);
  if (cached) return cached;
  const table = FIELD_TYPES[name];
  if (!table) throw new Error(`no field table for ${name}`);
  const fields = new Map<string, FieldNode>();
  const node: FieldNode = {
    kind: "struct",
    name,
    // Resolved on first use: the tables refer to each other (JSONSchemaProps to itself).
    field(key) {
      if (!Object.hasOwn(table, key)) return undefined;
      let resolved = fields.get(key);
      if (!resolved) {
        resolved = typeNode(table[key]!);
        fields.set(key, resolved);
      }
      return resolved;
    },
  };
  structs.set(name, node);
  return node;
}

export interface KindRef {
  group: string;
  version: string;
  kind: string;
}

/** The Go type of each built-in kind the cluster decodes, by `group/version/Kind` (core: `v1/Kind`). */
const KIND_TYPES: Record<string, string> = {
  "v1/Pod": "Pod",
  "v1/Secret": "Secret",
  "v1/ConfigMap": "ConfigMap",
  "v1/Namespace": "Namespace",
  "v1/ServiceAccount": "ServiceAccount",
  "v1/Event": "Event",
  "v1/Node": "Node",
  "v1/Binding": "Binding",
  "apps/v1/Deployment": "Deployment",
  "apps/v1/ReplicaSet": "ReplicaSet",
  "autoscaling/v1/Scale": "Scale",
  "coordination.k8s.io/v1/Lease": "Lease",
  "apiextensions.k8s.io/v1/CustomResourceDefinition": "CustomResourceDefinition",
};

function kindKey({ group, version, kind }: KindRef): string {
  return group ? `${group}/${version}/${kind}` : `${version}/${kind}`;
}

/** Whether the kind has a Go type here (else it is decoded as a custom resource). */
export function hasTypedSchema(ref: KindRef): boolean {
  return kindKey(ref) in KIND_TYPES;
}

/**
 * The schema requests for the kind are decoded with. A kind without a Go type here is a custom
 * resource whose schema preserves unknown fields (Paddock's Project): apiextensions-apiserver then
 * only checks `metadata` (ObjectMeta coercion) and keeps everything else.
 */
export function fieldSchemaFor(ref: KindRef): FieldNode {
  const typeName = KIND_TYPES[kindKey(ref)];
  if (typeName) return structNode(typeName);
  return customResourceNode;
}

const customResourceNode: FieldNode = {
  kind: "struct",
  name: "CustomResource",
  field(key) {
    if (key === "apiVersion" || key === "kind") return SCALAR;
    if (key === "metadata") return structNode("ObjectMeta");
    return undefined;
  },
  rest: UNTYPED,
};
