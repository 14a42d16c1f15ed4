import type { FieldError, KubeObject } from "../api/types.ts";
import { fieldError } from "../api/field-errors.ts";
import { GoValue } from "../api/go-format.ts";
import { metaTime, nowTimestamp } from "../api/meta-time.ts";
import { isDNS1123Subdomain } from "../api/validation.ts";
import { genericSchema } from "../patch/merge-schemas.ts";
import { ALL_VERBS, type ResourceDefinition } from "./types.ts";
import { asJsonObject, getPath, getString, objectsIn } from "../api/json-values.ts";
import { CREATION_TIMESTAMP_DESCRIPTION, nameCell, nameColumn } from "./common.ts";

/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition, accepted and stored (serving the custom
 * resources it defines is not done here). Follows apiextensions-apiserver
 * pkg/registry/customresourcedefinition/strategy.go and a light subset of
 * pkg/apis/apiextensions/validation/validation.go. The names are accepted and the definition
 * reported Established at once, as the apiextensions controllers do within milliseconds.
 */

function names(obj: KubeObject): Record<string, unknown> {
  return asJsonObject(getPath(obj, "spec", "names")) ?? {};
}

function versions(obj: KubeObject): Array<Record<string, unknown>> {
  const value = getPath(obj, "spec", "versions");
  return Array.isArray(value) ? value.map((v) => asJsonObject(v) ?? {}) : [];
}

/** SetDefaults_CustomResourceDefinitionSpec: singular, listKind and the conversion strategy. */
function defaults(obj: KubeObject): void {
  const spec = asJsonObject(obj.spec);
  if (!spec) return;
  const specNames = asJsonObject(spec.names);
  if (specNames && typeof specNames.kind === "string") {
    if (!specNames.singular) specNames.singular = specNames.kind.toLowerCase();
    if (!specNames.listKind) specNames.listKind = `${specNames.kind}List`;
  }
  if (!asJsonObject(spec.conversion)) spec.conversion = { strategy: "None" };
}

function condition(type: string, reason: string, message: string, old?: KubeObject): Record<string, unknown> {
  const previous = objectsIn(getPath(old, "status", "conditions")).find((c) => c.type === type && c.status === "True");
  const lastTransitionTime = typeof previous?.lastTransitionTime === "string" ? previous.lastTransitionTime : nowTimestamp();
  return { type, status: "True", lastTransitionTime, reason, message };
}

/** What the naming and establishing controllers write into `status`. */
function prepare(obj: KubeObject, old?: KubeObject): void {
  const storage = versions(obj).find((v) => v.storage === true);
  const previouslyStored = getPath(old, "status", "storedVersions");
  const storedVersions = new Set(Array.isArray(previouslyStored) ? previouslyStored.filter((v) => typeof v === "string") : []);
  if (typeof storage?.name === "string") storedVersions.add(storage.name);
  const conditions = [
    condition("NamesAccepted", "NoConflicts", "no conflicts found", old),
    condition("Established", "InitialNamesAccepted", "the initial names have been accepted", old),
  ];
  if (obj.metadata.deletionTimestamp) {
    // registry/customresourcedefinition/etcd.go Delete marks the definition Terminating.
    conditions.push(
      condition("Terminating", "InstanceDeletionPending", "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon", old),
    );
  }
  obj.status = {
    conditions,
    acceptedNames: structuredClone(names(obj)),
    storedVersions: [...storedVersions],
  };
}

function validate(obj: KubeObject, old?: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const group = getString(obj, "spec", "group") ?? "";
  const plural = typeof names(obj).plural === "string" ? (names(obj).plural as string) : "";
  const name = obj.metadata.name ?? "";
  if (name && name !== `${plural}.${group}`) {
    errors.push(fieldError.invalid("metadata.name", name, 'must be spec.names.plural+"."+spec.group'));
  }

  if (!group) {
    errors.push(fieldError.required("spec.group"));
  } else {
    for (const message of isDNS1123Subdomain(group)) errors.push(fieldError.invalid("spec.group", group, message));
    if (group.split(".").length < 2) errors.push(fieldError.invalid("spec.group", group, "should be a domain with at least one dot"));
  }

  const scope = getString(obj, "spec", "scope") ?? "";
  if (!scope) errors.push(fieldError.required("spec.scope"));
  else if (scope !== "Cluster" && scope !== "Namespaced") {
    errors.push(fieldError.notSupported("spec.scope", scope, ["Cluster", "Namespaced"]));
  }
  if (old && scope !== (getString(old, "spec", "scope") ?? "")) errors.push(fieldError.invalid("spec.scope", scope, "field is immutable"));

  for (const key of ["plural", "kind", "listKind"]) {
    if (!names(obj)[key]) errors.push(fieldError.required(`spec.names.${key}`));
  }

  const all = versions(obj);
  // Go prints the []CustomResourceDefinitionVersion with %#v; that struct dump is not reproduced.
  const versionsValue = new GoValue("[]apiextensions.CustomResourceDefinitionVersion{...}");
  if (all.length === 0) errors.push(fieldError.required("spec.versions", "must have at least one version"));
  const distinct = new Set(all.map((v) => v.name));
  if (distinct.size !== all.length) errors.push(fieldError.invalid("spec.versions", versionsValue, "must contain unique version names"));
  if (all.length > 0 && all.filter((v) => v.storage === true).length !== 1) {
    errors.push(fieldError.invalid("spec.versions", versionsValue, "must have exactly one version marked as storage version"));
  }
  return errors;
}

export const customResourceDefinitionDefinition: ResourceDefinition = {
  group: "apiextensions.k8s.io",
  version: "v1",
  kind: "CustomResourceDefinition",
  listKind: "CustomResourceDefinitionList",
  resource: "customresourcedefinitions",
  singular: "customresourcedefinition",
  namespaced: false,
  shortNames: ["crd", "crds"],
  categories: ["api-extensions"],
  verbs: ALL_VERBS,
  subresources: ["status"],
  strategy: {
    defaults,
    prepare,
    validate,
    tracksGeneration: true,
    hasStatusSubresource: true,
    allowUnconditionalUpdate: false,
    mergeSchema: genericSchema,
    table: {
      // rest.NewDefaultTableConvertor: the timestamp itself, not an age.
      columns: [nameColumn, { name: "Created At", type: "date", format: "", description: CREATION_TIMESTAMP_DESCRIPTION, priority: 0 }],
      row: (obj) => [nameCell(obj), createdAt(obj)],
    },
  },
};

function createdAt(obj: KubeObject): string {
  const at = Date.parse(obj.metadata.creationTimestamp ?? "");
  if (Number.isNaN(at)) return "0001-01-01T00:00:00Z";
  return metaTime(at);
}
