import type { Project, ProjectCreate, ProjectUpdate } from "@paddock/contracts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import type { ProjectSummary } from "../kube/summaries.ts";
import { ConflictError } from "../errors.ts";
import { backingNamespaceOf, projectOfNamespace } from "./rancher-model.ts";
import { listProjects, namespacesOfProject, requireProject, requireProjectsSupported } from "./project-directory.ts";
import { SYSTEM_PROJECT_LABEL } from "./project-objects.ts";
import { withProjectsLock } from "./project-lock.ts";
import { ProjectStore } from "./project-store.ts";

/** A project as the API shows it. */
export function toProject(cluster: ClusterConnection, project: ProjectSummary, namespaces: string[]): Project {
  return {
    id: project.name,
    clusterId: cluster.id,
    displayName: project.displayName,
    description: project.description,
    namespaces,
    backingNamespace: backingNamespaceOf(project, cluster.id),
    ...(project.creationTimestamp ? { createdAt: project.creationTimestamp } : {}),
  };
}

/** Display names are compared the way a person reads them: trimmed, case aside. */
function sameDisplayName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function listing(names: string[]): { noun: string; list: string; pronoun: string } {
  return names.length === 1 ? { noun: "namespace", list: names[0]!, pronoun: "it" } : { noun: "namespaces", list: names.join(", "), pronoun: "them" };
}

/** Create, rename and delete projects. Every write holds the cluster's projects lock. */
export class ProjectService {
  readonly #store: ProjectStore;

  constructor(private readonly cluster: ClusterConnection) {
    this.#store = new ProjectStore(cluster);
  }

  list(): Project[] {
    requireProjectsSupported(this.cluster);
    return listProjects(this.cluster).map((p) => toProject(this.cluster, p, namespacesOfProject(this.cluster, p.name)));
  }

  async create(input: ProjectCreate): Promise<Project> {
    requireProjectsSupported(this.cluster);
    const displayName = input.displayName.trim();
    return withProjectsLock(this.cluster, async () => {
      await this.#refuseTakenDisplayName(displayName);
      const created = await this.#store.createProject({ displayName, ...(input.description !== undefined ? { description: input.description } : {}) });
      return toProject(this.cluster, created, []);
    });
  }

  async update(projectId: string, input: ProjectUpdate): Promise<Project> {
    requireProject(this.cluster, projectId);
    return withProjectsLock(this.cluster, async () => {
      const spec: { displayName?: string; description?: string } = {};
      if (input.displayName !== undefined) {
        spec.displayName = input.displayName.trim();
        await this.#refuseTakenDisplayName(spec.displayName, projectId);
      }
      if (input.description !== undefined) spec.description = input.description;
      const updated = await this.#store.updateProject(projectId, spec);
      return toProject(this.cluster, updated, namespacesOfProject(this.cluster, projectId));
    });
  }

  /** Refused while namespaces belong to the project; takes its backing namespace (and project registries) with it. */
  async delete(projectId: string): Promise<void> {
    const cached = requireProject(this.cluster, projectId);
    if (cached.labels[SYSTEM_PROJECT_LABEL] === "true") {
      throw new ConflictError(`Project "${cached.displayName}" is the cluster's System project: it cannot be deleted.`);
    }
    await withProjectsLock(this.cluster, async () => {
      const project = (await this.#store.listProjects()).find((p) => p.name === projectId);
      if (!project) return;
      const members = (await this.#store.listNamespaces()).filter((ns) => projectOfNamespace(ns, this.cluster.id) === projectId).map((ns) => ns.name).sort();
      if (members.length > 0) {
        const { noun, list, pronoun } = listing(members);
        throw new ConflictError(
          `Project "${project.displayName}" still has ${noun} ${list}: move ${pronoun} to another project or out of every project first.`,
          { namespaces: members },
        );
      }
      await this.#store.deleteProject(project);
    });
  }

  async #refuseTakenDisplayName(displayName: string, except?: string): Promise<void> {
    const taken = (await this.#store.listProjects()).find((p) => p.name !== except && sameDisplayName(p.displayName, displayName));
    if (taken) {
      throw new ConflictError(`A project named "${taken.displayName}" already exists in cluster "${this.cluster.id}" (${taken.name}): choose another name.`, {
        projectId: taken.name,
      });
    }
  }
}
