import type { Namespace, NamespaceCreate } from "@paddock/contracts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { isTerminating, type NamespaceSummary } from "../kube/summaries.ts";
import { ConflictError } from "../errors.ts";
import { projectOfNamespace } from "./rancher-model.ts";
import {
  PADDOCK_SYSTEM_NAMESPACE,
  backingNamespaces,
  isReservedNamespace,
  projectNotFound,
  requireNamespace,
  requireProject,
} from "./project-directory.ts";
import { withProjectsLock } from "./project-lock.ts";
import { ProjectStore } from "./project-store.ts";

/** A namespace as the API shows it. */
export function toNamespace(cluster: ClusterConnection, ns: NamespaceSummary, reserved: boolean): Namespace {
  return {
    name: ns.name,
    projectId: projectOfNamespace(ns, cluster.id),
    status: isTerminating(ns) ? "Terminating" : "Active",
    ...(ns.creationTimestamp ? { createdAt: ns.creationTimestamp } : {}),
    ...(reserved ? { reserved: true } : {}),
  };
}

/** Why a namespace cannot join or leave a project, when it cannot. */
function reservedReason(cluster: ClusterConnection, namespace: string): string {
  if (namespace === cluster.id) return `it is where cluster "${cluster.id}" keeps its projects`;
  if (namespace === PADDOCK_SYSTEM_NAMESPACE) return "it is where Paddock keeps its own data";
  return "it is the backing namespace of a project, which holds that project's registries";
}

/** List namespaces, create one (in a project or not), move one between projects. */
export class NamespaceService {
  readonly #store: ProjectStore;

  constructor(private readonly cluster: ClusterConnection) {
    this.#store = new ProjectStore(cluster);
  }

  list(): Namespace[] {
    const reserved = backingNamespaces(this.cluster);
    reserved.add(this.cluster.id).add(PADDOCK_SYSTEM_NAMESPACE);
    return this.cluster.caches.namespaces
      .items()
      .map((ns) => toNamespace(this.cluster, ns, reserved.has(ns.name)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async create(input: NamespaceCreate): Promise<Namespace> {
    if (input.projectId === undefined) return toNamespace(this.cluster, await this.#store.createNamespace(input.name, undefined), false);
    const projectId = input.projectId;
    requireProject(this.cluster, projectId);
    if (isReservedNamespace(this.cluster, input.name)) {
      throw new ConflictError(`The name "${input.name}" is kept for another use: ${reservedReason(this.cluster, input.name)}. Choose another name.`);
    }
    return toNamespace(this.cluster, await this.createInProject(input.name, projectId), false);
  }

  /**
   * The one way a namespace is made in a project (by this API, and by a registry form that asks for
   * a new namespace): under the projects lock, so that it cannot join a project being deleted.
   */
  async createInProject(name: string, projectId: string): Promise<NamespaceSummary> {
    return withProjectsLock(this.cluster, async () => {
      await this.#requireProjectFresh(projectId);
      return this.#store.createNamespace(name, projectId);
    });
  }

  /** Puts the namespace in `projectId`, or out of every project when null. */
  async move(namespace: string, projectId: string | null): Promise<Namespace> {
    requireNamespace(this.cluster, namespace);
    if (isReservedNamespace(this.cluster, namespace)) {
      throw new ConflictError(`The namespace "${namespace}" cannot be moved: ${reservedReason(this.cluster, namespace)}, and never belongs to a project.`);
    }
    if (projectId !== null) requireProject(this.cluster, projectId);
    return withProjectsLock(this.cluster, async () => {
      if (projectId !== null) await this.#requireProjectFresh(projectId);
      return toNamespace(this.cluster, await this.#store.setMembership(namespace, projectId), false);
    });
  }

  /** Under the lock: the project still exists (it may have been deleted by another replica a moment ago). */
  async #requireProjectFresh(projectId: string): Promise<void> {
    const found = (await this.#store.listProjects()).some((p) => p.name === projectId);
    if (!found) throw projectNotFound(this.cluster, projectId);
  }
}
