import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { isTerminating, type ProjectSummary } from "../kube/summaries.ts";
import { ConflictError, InvalidError } from "../errors.ts";
import { isReservedNamespace } from "../projects/project-directory.ts";
import { NamespaceService } from "../projects/namespace-service.ts";
import { ProjectStore } from "../projects/project-store.ts";
import { projectOfNamespace } from "../projects/rancher-model.ts";

/** Steps that undo a write made earlier in the same request, run newest first when a later step fails. */
export type UndoSteps = Array<() => Promise<unknown>>;

export async function runUndo(undo: UndoSteps): Promise<void> {
  for (const step of [...undo].reverse()) {
    try {
      await step();
    } catch {
      // Best effort: the original failure is what the user needs to see.
    }
  }
}

function projectLabel(cluster: ClusterConnection, projectId: string): string {
  const project = cluster.caches.projects.get(cluster.id, projectId);
  return project && project.displayName !== projectId ? `"${project.displayName}" (${projectId})` : `"${projectId}"`;
}

function invalidNamespace(message: string): InvalidError {
  return new InvalidError(message, [{ path: "body.scope.namespace", message }]);
}

/**
 * Makes sure `namespace` is a namespace of the project, creating it in the project when asked to
 * (and registering its removal in `undo`). Refuses, saying why, a namespace of another project or
 * of none.
 */
export async function ensureProjectNamespace(
  cluster: ClusterConnection,
  project: ProjectSummary,
  namespace: string,
  createNamespace: boolean,
  undo: UndoSteps,
): Promise<void> {
  const here = projectLabel(cluster, project.name);
  const store = new ProjectStore(cluster);
  const existing = await store.findNamespace(namespace);
  if (existing) {
    const owner = projectOfNamespace(existing, cluster.id);
    if (owner === project.name) {
      if (isTerminating(existing)) throw invalidNamespace(`The namespace "${namespace}" is being deleted: choose another namespace.`);
      return;
    }
    throw invalidNamespace(
      owner
        ? `The namespace "${namespace}" belongs to project ${projectLabel(cluster, owner)}, not to project ${here}: choose a namespace of this project${createNamespace ? ", or a name for a new one" : ""}.`
        : `The namespace "${namespace}" is not in project ${here}${createNamespace ? " (it already exists, outside every project)" : ""}: move it into the project first, or choose another namespace.`,
    );
  }
  if (!createNamespace) {
    throw invalidNamespace(`There is no namespace "${namespace}" in cluster "${cluster.id}": choose a namespace of project ${here}, or ask for a new one to be created.`);
  }
  if (isReservedNamespace(cluster, namespace)) throw invalidNamespace(`The namespace name "${namespace}" is reserved for Paddock and Rancher: choose another name.`);
  try {
    await new NamespaceService(cluster).createInProject(namespace, project.name);
  } catch (error) {
    // Made by someone else in the meantime: accept it only if it landed in this project.
    if (error instanceof ConflictError && (await store.findNamespace(namespace))) return ensureProjectNamespace(cluster, project, namespace, false, undo);
    throw error;
  }
  undo.push(() => store.deleteNamespaceIfPresent(namespace));
}

/** The project's backing namespace, where the sources of its project registries live; created when missing. */
export async function ensureBackingNamespace(cluster: ClusterConnection, namespace: string, undo: UndoSteps): Promise<void> {
  const store = new ProjectStore(cluster);
  const existing = await store.findNamespace(namespace);
  if (existing && isTerminating(existing)) {
    throw new InvalidError(`The namespace "${namespace}" that holds this project's registries is being deleted; try again once it is gone.`);
  }
  if (!existing && (await store.createNamespaceUnlessExists(namespace))) undo.push(() => store.deleteNamespaceIfPresent(namespace));
}
