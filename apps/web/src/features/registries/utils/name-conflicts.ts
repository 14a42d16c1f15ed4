import type { NameConflict } from "@paddock/contracts";

function describe(conflict: NameConflict): string {
  const type = conflict.what === "secret" && conflict.secretType ? ` (type ${conflict.secretType})` : "";
  return `the ${conflict.what} "${conflict.name}" in namespace "${conflict.namespace}"${type}`;
}

/** Says what holds a name: `Already used by the ConfigMap "web" in namespace "team-a".` */
export function describeNameConflicts(conflicts: readonly NameConflict[]): string {
  const list = conflicts.map(describe);
  if (list.length === 0) return "This name is already used in this scope.";
  const held = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]!}`;
  return `Already used by ${held}. Registries, secrets, certificates and ConfigMaps share names: choose another name.`;
}
