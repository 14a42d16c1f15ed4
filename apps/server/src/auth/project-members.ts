import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { projectRoleSchema, type Member, type ProjectRole } from "@paddock/contracts";
import { PROJECT_GROUP, PROJECT_PLURAL, PROJECT_VERSION, type ClusterConnection } from "../kube/cluster-connection.ts";
import type { ProjectSummary } from "../kube/summaries.ts";
import { kube } from "../kube/api-errors.ts";
import { ConflictError } from "../errors.ts";

/**
 * Project membership lives on the Project object itself, as the annotation
 * `paddock.io/members: {"<username>":"owner"|"member"|"read-only",…}`. Why there:
 * - it is in the cluster, next to the project it is about (as Rancher keeps its
 *   ProjectRoleTemplateBindings in the project's namespace), so every replica sees it;
 * - every replica already watches Projects (the projects cache), so checking a role on each
 *   request reads memory: no new watch, CRD or RBAC rule;
 * - it goes away with the project, and a project's resourceVersion guards concurrent edits.
 * Annotations hold up to 256 KiB, thousands of members.
 */
export const MEMBERS_ANNOTATION = "paddock.io/members";

export const ROLE_RANK: Record<ProjectRole, number> = { "read-only": 1, member: 2, owner: 3 };

const parsed = new Map<string, ReadonlyMap<string, ProjectRole>>();

/** The members of a project, from its annotation (entries that are not a known role are ignored). */
export function membersOf(project: Pick<ProjectSummary, "annotations">): ReadonlyMap<string, ProjectRole> {
  const text = project.annotations[MEMBERS_ANNOTATION];
  if (!text) return new Map();
  let members = parsed.get(text);
  if (members) return members;
  const map = new Map<string, ProjectRole>();
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [username, role] of Object.entries(value)) {
        const checked = projectRoleSchema.safeParse(role);
        if (checked.success) map.set(username, checked.data);
      }
    }
  } catch {
    // Not JSON (edited by hand): nobody is a member until an owner saves the list again.
  }
  members = map;
  if (parsed.size > 1000) parsed.clear();
  parsed.set(text, members);
  return members;
}

export function memberList(members: ReadonlyMap<string, ProjectRole>): Member[] {
  return [...members].map(([username, role]) => ({ username, role })).sort((a, b) => a.username.localeCompare(b.username));
}

type Raw = { metadata?: { resourceVersion?: string; annotations?: Record<string, string> } };
const projectApi = (cluster: ClusterConnection) => ({ group: PROJECT_GROUP, version: PROJECT_VERSION, plural: PROJECT_PLURAL, namespace: cluster.id });

/** Changes the members annotation of a project: read, change, write with its resourceVersion, retried on conflict. */
export async function changeMembers(
  cluster: ClusterConnection,
  projectId: string,
  change: (members: Map<string, ProjectRole>) => void,
): Promise<ReadonlyMap<string, ProjectRole>> {
  for (let attempt = 0; ; attempt++) {
    const current = (await kube(cluster.id, () => cluster.custom.getNamespacedCustomObject({ ...projectApi(cluster), name: projectId }))) as Raw;
    const members = new Map(membersOf({ annotations: current.metadata?.annotations ?? {} }));
    change(members);
    const value = JSON.stringify(Object.fromEntries([...members].sort(([a], [b]) => a.localeCompare(b))));
    try {
      await cluster.custom.patchNamespacedCustomObject(
        {
          ...projectApi(cluster),
          name: projectId,
          body: { metadata: { resourceVersion: current.metadata?.resourceVersion, annotations: { [MEMBERS_ANNOTATION]: value } } },
        },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      );
      return members;
    } catch (error) {
      if ((error as { code?: number }).code === 409 && attempt < 5) continue;
      if ((error as { code?: number }).code === 409) throw new ConflictError("The project's members changed several times while saving: try again.");
      return kube(cluster.id, () => Promise.reject(error));
    }
  }
}
