import { InvalidError, NotFoundError } from "../errors.ts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import type { ProjectSummary } from "../kube/summaries.ts";
import { namespacesOfProject, requireProject } from "./project-directory.ts";

/** A project of a cluster and its namespaces: what the routes under a project (workloads, secrets, certificates, ConfigMaps) are confined to. */
export class ProjectScope {
  readonly project: ProjectSummary;
  readonly namespaces: string[];

  constructor(
    readonly cluster: ClusterConnection,
    projectId: string,
  ) {
    this.project = requireProject(cluster, projectId);
    this.namespaces = namespacesOfProject(cluster, projectId);
  }

  has(namespace: string): boolean {
    return this.namespaces.includes(namespace);
  }

  /** For a namespace in the URL: NotFound unless it is one of the project's. */
  requireNamespace(namespace: string): void {
    if (!this.has(namespace)) throw new NotFoundError(`${this.#notInProject(namespace)}.`);
  }

  /** For a namespace in a request body: Invalid at `path` unless it is one of the project's. */
  requireNamespaceField(namespace: string, path = "body.namespace"): void {
    if (this.has(namespace)) return;
    throw new InvalidError(`${this.#notInProject(namespace)}: ${this.#choose()}`, [{ path, message: `${this.#notInProject(namespace)}.` }]);
  }

  /** For a namespace in a query: all the project's namespaces when none is given. */
  namespacesFor(namespace: string | undefined): string[] {
    if (namespace === undefined || namespace === "") return this.namespaces;
    this.requireNamespace(namespace);
    return [namespace];
  }

  #notInProject(namespace: string): string {
    const exists = this.cluster.caches.namespaces.get("", namespace) !== undefined;
    return exists
      ? `Namespace "${namespace}" is not in project "${this.project.displayName}"`
      : `There is no namespace "${namespace}" in cluster "${this.cluster.id}"`;
  }

  #choose(): string {
    return this.namespaces.length === 0
      ? `project "${this.project.displayName}" has no namespace yet: create one in it first.`
      : `choose one of its namespaces (${this.namespaces.join(", ")}).`;
  }
}
