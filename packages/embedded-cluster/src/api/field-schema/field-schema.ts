import { FIELD_TYPES } from "./field-types.generated.ts";

/**
 * The fields each served kind's Go type has: what kube-apiserver's decoding into that type keeps,
 * and what its strict decoding reports as unknown (apimachinery pkg/runtime/serializer/json,
 * sigs.k8s.io/json). The tables come from field-types.generated.ts, written from the Kubernetes
 * API's OpenAPI types; `fieldSchemaFor` says which table describes a kind.
 */
export type FieldNode =
  /**
   * A Go struct: only its fields are known; `rest` keeps any other key (a custom resource's preserved
   * fields). `goType` is how reflect names it in a type error (`v1.PodSpec`); a struct without one
   * (a custom resource) has no Go type, so its values are not type-checked.
   */
  | { kind: "struct"; name: string; goType?: string; field(key: string): FieldNode | undefined; rest?: FieldNode }
  | { kind: "list"; items: FieldNode; goType: string }
  /** A Go map with string keys: any key, each value of one type. */
  | { kind: "map"; values: FieldNode; goType: string }
  /** string, number, bool, time, quantity…: a JSON literal of the types `scalar` allows. */
  | { kind: "scalar"; scalar: ScalarType; goType: string }
  /** A type with its own UnmarshalJSON (RawExtension, apiextensions JSON, JSONSchemaPropsOrArray…): taken as it is, unchecked. */
  | { kind: "opaque" }
  /** interface{}: any JSON, checked for duplicate keys only (an unstructured object). */
  | { kind: "untyped" };

/**
 * The Go types a scalar field can have: plain and named strings, bool, integers, float64, []byte
 * (base64), and the types with their own UnmarshalJSON: metav1.Time and MicroTime, intstr.IntOrString,
 * resource.Quantity.
 */
export type ScalarType = "string" | "bool" | "int32" | "int64" | "float64" | "bytes" | "time" | "int-or-string" | "quantity";

/** The table notation of each scalar: its kind and its Go type's name. */
const SCALARS: Record<string, { scalar: ScalarType; goType: string }> = {
  string: { scalar: "string", goType: "string" },
  byte: { scalar: "bytes", goType: "[]uint8" },
  boolean: { scalar: "bool", goType: "bool" },
  int32: { scalar: "int32", goType: "int32" },
  int64: { scalar: "int64", goType: "int64" },
  double: { scalar: "float64", goType: "float64" },
  "date-time": { scalar: "time", goType: "v1.Time" },
  "date-time-micro": { scalar: "time", goType: "v1.MicroTime" },
  "int-or-string": { scalar: "int-or-string", goType: "intstr.IntOrString" },
  quantity: { scalar: "quantity", goType: "resource.Quantity" },
};

const STRING: FieldNode = { kind: "scalar", scalar: "string", goType: "string" };
const OPAQUE: FieldNode = { kind: "opaque" };
export const UNTYPED: FieldNode = { kind: "untyped" };

const structs = new Map<string, FieldNode>();

/** How reflect names a node's Go type (`[]v1.Container`, `map[string]string`); `interface {}` for the rest. */
export function goTypeOf(node: FieldNode): string {
  return "goType" in node && node.goType !== undefined ? node.goType : "interface {}";
}

/** The node of a type in the notation of field-types.generated.ts: `PodSpec`, `[]Container`, `map[string]string`, `string(v1.PullPolicy)`, `quantity`, `json`. */
export function typeNode(notation: string): FieldNode {
  if (notation.startsWith("[]")) {
    const items = typeNode(notation.slice(2));
    return { kind: "list", items, goType: `[]${goTypeOf(items)}` };
  }
  if (notation.startsWith("map[string]")) {
    const values = typeNode(notation.slice("map[string]".length));
    return { kind: "map", values, goType: `map[string]${goTypeOf(values)}` };
  }
  const named = /^string\((.+)\)$/.exec(notation);
  if (named) return { kind: "scalar", scalar: "string", goType: named[1]! };
  const scalar = SCALARS[notation];
  if (scalar) return { kind: "scalar", ...scalar };
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
    // All the Go packages served here (core, apps, autoscaling, coordination, meta, apiextensions) are v1.
    goType: `v1.${name}`,
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
    if (key === "apiVersion" || key === "kind") return STRING;
    if (key === "metadata") return structNode("ObjectMeta");
    return undefined;
  },
  rest: UNTYPED,
};
