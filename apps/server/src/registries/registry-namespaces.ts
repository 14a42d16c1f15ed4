import type { V1Namespace } from "@kubernetes/client-node";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import type { ProjectSummary } from "../kube/summaries.ts";
import { kube, toDomainError } from "../kube/api-errors.ts";
import { InvalidError } from "../errors.ts";
import { isReservedNamespace } from "../projects/project-directory.ts";
import {
  MANAGED_BY_LABEL,
  MANAGED_BY_PADDOCK,
  PROJECT_ID_ANNOTATION,
  PROJECT_ID_LABEL,
  projectOfNamespace,
} from "../projects/rancher-model.ts";

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

async function readNamespace(cluster: ClusterConnection, name: string): Promise<V1Namespace | undefined> {
  try {
    return await cluster.core.readNamespace({ name });
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw toDomainError(error, cluster.id);
  }
}

function projectLabel(cluster: ClusterConnection, projectId: string): string {
  const project = cluster.caches.projects.get(cluster.id, projectId);
  return project && project.displayName !== projectId ? `"${project.displayName}" (${projectId})` : `"${projectId}"`;
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
  const path = "body.scope.namespace";
  const here = projectLabel(cluster, project.name);
  const existing = await readNamespace(cluster, namespace);
  if (existing) {
    const owner = projectOfNamespace({ annotations: existing.metadata?.annotations ?? {}, labels: existing.metadata?.labels ?? {} }, cluster.id);
    if (owner === project.name) {
      if (existing.metadata?.deletionTimestamp || existing.status?.phase === "Terminating") {
        const message = `The namespace "${namespace}" is being deleted: choose another namespace.`;
        throw new InvalidError(message, [{ path, message }]);
      }
      return;
    }
    const message = owner
      ? `The namespace "${namespace}" belongs to project ${projectLabel(cluster, owner)}, not to project ${here}: choose a namespace of this project${createNamespace ? ", or a name for a new one" : ""}.`
      : `The namespace "${namespace}" is not in project ${here}${createNamespace ? " (it already exists, outside every project)" : ""}: move it into the project first, or choose another namespace.`;
    throw new InvalidError(message, [{ path, message }]);
  }
  if (!createNamespace) {
    const message = `There is no namespace "${namespace}" in cluster "${cluster.id}": choose a namespace of project ${here}, or ask for a new one to be created.`;
    throw new InvalidError(message, [{ path, message }]);
  }
  if (isReservedNamespace(cluster, namespace)) {
    const message = `The namespace name "${namespace}" is reserved for Paddock and Rancher: choose another name.`;
    throw new InvalidError(message, [{ path, message }]);
  }
  try {
    await cluster.core.createNamespace({
      body: {
        metadata: {
          name: namespace,
          annotations: { [PROJECT_ID_ANNOTATION]: `${cluster.id}:${project.name}` },
          labels: { [PROJECT_ID_LABEL]: project.name, [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK },
        },
      },
    });
  } catch (error) {
    // Created by someone else in the meantime: accept it only if it landed in this project.
    if ((error as { code?: number }).code === 409) return ensureProjectNamespace(cluster, project, namespace, false, undo);
    throw toDomainError(error, cluster.id);
  }
  undo.push(() => cluster.core.deleteNamespace({ name: namespace }));
}

/** The project's backing namespace, where the sources of its project registries live; created when missing. */
export async function ensureBackingNamespace(cluster: ClusterConnection, namespace: string, undo: UndoSteps): Promise<void> {
  const existing = await readNamespace(cluster, namespace);
  if (existing) {
    if (existing.metadata?.deletionTimestamp) {
      throw new InvalidError(`The namespace "${namespace}" that holds this project's registries is being deleted; try again once it is gone.`);
    }
    return;
  }
  try {
    await cluster.core.createNamespace({ body: { metadata: { name: namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK } } } });
  } catch (error) {
    if ((error as { code?: number }).code === 409) return;
    throw toDomainError(error, cluster.id);
  }
  undo.push(() => kube(cluster.id, () => cluster.core.deleteNamespace({ name: namespace })));
}
