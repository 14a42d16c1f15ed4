import type { Project } from "@paddock/contracts";

/** The choice that takes a namespace out of every project (administrators only). */
export const OUT_OF_PROJECTS = "";

export interface MoveTarget {
  /** a project id, or OUT_OF_PROJECTS */
  value: string;
  label: string;
}

/**
 * Where a namespace of project `from` may be moved: the cluster's other projects the user may
 * write to, by name, and for administrators out of every project too (the server refuses the rest).
 */
export function moveTargets(projects: readonly Project[], from: string, admin: boolean, mayWrite: (projectId: string) => boolean): MoveTarget[] {
  const others = projects
    .filter((p) => p.id !== from && mayWrite(p.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .map((p) => ({ value: p.id, label: p.displayName }));
  return admin ? [...others, { value: OUT_OF_PROJECTS, label: "No project" }] : others;
}

/**
 * The target in effect: the one picked while it is still offered, else the first offered (the
 * projects or the user's roles may load or change while the dialog is open). None: nowhere to go.
 */
export function targetInEffect(targets: readonly MoveTarget[], picked: string | null): MoveTarget | undefined {
  return targets.find((t) => t.value === picked) ?? targets[0];
}
