// Test helper: what a cluster holds, object by object, to show that a run of refused requests
// changed nothing. Events and Leases are left out: controllers write them on their own (event
// aggregation, leader-election renewals), and an audit Event is not a change of the user's objects.

/** The kinds a Paddock user changes through the dashboard, plus what a Deployment owns. */
export const SNAPSHOT_KINDS = [
  "namespaces",
  "secrets",
  "configmaps",
  "serviceaccounts",
  "deployments.apps",
  "replicasets.apps",
  "pods",
  "projects.management.cattle.io",
] as const;

interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown> & { name?: string; namespace?: string };
  [field: string]: unknown;
}

/** kind/namespace/name → the object without its status and managedFields (resourceVersion kept). */
export type ClusterSnapshot = Map<string, string>;

/** Stable JSON (sorted keys at every level), so that two reads of one object compare equal. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export function snapshotOf(list: { items: KubeObject[] }): ClusterSnapshot {
  const snapshot: ClusterSnapshot = new Map();
  for (const item of list.items) {
    const key = `${item.kind}/${item.metadata?.namespace ?? ""}/${item.metadata?.name ?? ""}`;
    const { status: _status, metadata = {}, ...rest } = item;
    const { managedFields: _managedFields, ...meta } = metadata;
    snapshot.set(key, stable({ ...rest, metadata: meta }));
  }
  return snapshot;
}

/** Reads every object of SNAPSHOT_KINDS in all namespaces with one kubectl call. */
export async function takeSnapshot(kubectl: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>): Promise<ClusterSnapshot> {
  const result = await kubectl(["get", SNAPSHOT_KINDS.join(","), "--all-namespaces", "-o", "json"]);
  if (result.code !== 0) throw new Error(`kubectl get failed: ${result.stderr}`);
  return snapshotOf(JSON.parse(result.stdout) as { items: KubeObject[] });
}

/** What differs, one line per object: added, removed, or changed (with the first differing text). */
export function snapshotDifferences(before: ClusterSnapshot, after: ClusterSnapshot): string[] {
  const lines: string[] = [];
  for (const [key, value] of before) {
    const now = after.get(key);
    if (now === undefined) lines.push(`removed ${key}`);
    else if (now !== value) {
      let at = 0;
      while (at < value.length && value[at] === now[at]) at++;
      lines.push(`changed ${key}: …${value.slice(Math.max(0, at - 60), at + 80)}… became …${now.slice(Math.max(0, at - 60), at + 80)}…`);
    }
  }
  for (const key of after.keys()) if (!before.has(key)) lines.push(`added ${key}`);
  return lines;
}

/** Reads until two reads in a row agree (controllers have settled), and returns that snapshot. */
export async function settledSnapshot(
  kubectl: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>,
  { timeoutMs = 15_000, pauseMs = 300 } = {},
): Promise<ClusterSnapshot> {
  const giveUp = Date.now() + timeoutMs;
  let previous = await takeSnapshot(kubectl);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const current = await takeSnapshot(kubectl);
    const differences = snapshotDifferences(previous, current);
    if (differences.length === 0) return current;
    if (Date.now() > giveUp) throw new Error(`the cluster did not settle:\n${differences.join("\n")}`);
    previous = current;
  }
}
