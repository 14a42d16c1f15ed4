import type { ResourceDefinition, Strategy } from "../kinds/types.ts";
import { ALL_VERBS } from "../kinds/types.ts";

/** Made-up kinds for the tests of discovery and OpenAPI, which look at nothing but their names and shapes. */

const strategy: Strategy = {
  allowUnconditionalUpdate: true,
  mergeSchema: {},
  table: { columns: [], row: () => [] },
};

/** A namespaced v1 kind with every verb, overridable field by field. */
export function fakeDefinition(partial: Partial<ResourceDefinition> & Pick<ResourceDefinition, "kind" | "resource">): ResourceDefinition {
  return {
    group: "",
    version: "v1",
    listKind: `${partial.kind}List`,
    singular: partial.kind.toLowerCase(),
    namespaced: true,
    verbs: ALL_VERBS,
    subresources: [],
    strategy,
    ...partial,
  };
}

export const fakeSecrets = fakeDefinition({ kind: "Secret", resource: "secrets" });

export const fakeNamespaces = fakeDefinition({
  kind: "Namespace",
  resource: "namespaces",
  namespaced: false,
  shortNames: ["ns"],
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
  subresources: ["status"],
});
