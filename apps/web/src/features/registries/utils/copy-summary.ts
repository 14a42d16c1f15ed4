import type { Registry } from "@paddock/contracts";

export type Tone = "ok" | "warn" | "error" | "info";

/** The badge tone of a registry state. */
export function stateTone(state: Registry["state"]): Tone {
  return state === "Active" ? "ok" : state === "Syncing" ? "info" : "error";
}

/**
 * What a project registry's row says about its copies: `3 of 3 namespaces`, or the namespaces
 * where a Secret that is not its copy holds the name. Undefined for a namespace's registry.
 */
export function copySummary(registry: Pick<Registry, "scope" | "copies">): { text: string; tone: Tone } | undefined {
  if (registry.scope.type !== "project") return undefined;
  const copies = (registry.copies ?? []).filter((c) => c.state !== "Ignored");
  const conflicts = copies.filter((c) => c.state === "Conflict");
  if (conflicts.length > 0) {
    const names = conflicts.map((c) => c.namespace);
    return { text: `Conflict in ${names.length === 1 ? "namespace" : "namespaces"} ${names.join(", ")}`, tone: "error" };
  }
  const synced = copies.filter((c) => c.state === "Synced").length;
  const text = copies.length === 0 ? "No namespaces yet" : `${synced} of ${copies.length} ${copies.length === 1 ? "namespace" : "namespaces"}`;
  return { text, tone: synced === copies.length ? "ok" : "info" };
}

/** The words of a copy's state in the detail page's table. */
export function copyStateLabel(state: NonNullable<Registry["copies"]>[number]["state"]): string {
  switch (state) {
    case "Synced":
      return "Up to date";
    case "Missing":
      return "Being created";
    case "OutOfDate":
      return "Being updated";
    case "Conflict":
      return "Conflict";
    case "Ignored":
      return "Ignored";
  }
}

export function copyStateTone(state: NonNullable<Registry["copies"]>[number]["state"]): Tone {
  return state === "Synced" ? "ok" : state === "Conflict" ? "error" : state === "Ignored" ? "warn" : "info";
}

/** Why a row cannot be edited, or undefined when it can. */
export function readOnlyReason(registry: Pick<Registry, "readOnly" | "secretType">): string | undefined {
  if (!registry.readOnly) return undefined;
  return registry.secretType === "kubernetes.io/dockercfg"
    ? "Legacy kubernetes.io/dockercfg secret: shown read-only. Clone it to get an editable registry."
    : "Read-only: Paddock cannot edit this secret.";
}

/** Who made it, when it was not Paddock. */
export function sourceLabel(source: Registry["source"]): string | undefined {
  return source === "kubectl" ? "Made outside Paddock (e.g. kubectl)" : source === "rancher" ? "Made by Rancher" : undefined;
}
