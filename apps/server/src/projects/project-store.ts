import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { PROJECT_GROUP, PROJECT_PLURAL, PROJECT_VERSION, type ClusterConnection } from "../kube/cluster-connection.ts";
import { isNotFound, kube, statusCode, toDomainError } from "../kube/api-errors.ts";
import { namespaceSummary, projectSummary, type NamespaceSummary, type ProjectSummary } from "../kube/summaries.ts";
import { ConflictError } from "../errors.ts";
import { backingNamespaceOf } from "./rancher-model.ts";
import { MANAGED_BY, memberMetadata, membershipPatch, projectObject, randomProjectName, type ProjectFields } from "./project-objects.ts";

type Raw = Record<string, unknown>;

const mergePatch = () => setHeaderOptions("Content-Type", PatchStrategy.MergePatch);
const projectApi = (cluster: ClusterConnection) => ({ group: PROJECT_GROUP, version: PROJECT_VERSION, plural: PROJECT_PLURAL, namespace: cluster.id });

/** Creates the namespace unless the cache already holds it (labelled managed-by paddock when Paddock makes it). */
export async function ensureNamespace(cluster: ClusterConnection, name: string): Promise<void> {
  if (cluster.caches.namespaces.get("", name)) return;
  await new ProjectStore(cluster).createNamespaceUnlessExists(name);
}

/**
 * The writes and fresh reads behind projects and namespaces. These go to the cluster, not the
 * caches: callers hold the projects lock and must see what the other replicas just wrote.
 */
export class ProjectStore {
  constructor(readonly cluster: ClusterConnection) {}

  async listProjects(): Promise<ProjectSummary[]> {
    const list = (await kube(this.cluster.id, () => this.cluster.custom.listNamespacedCustomObject(projectApi(this.cluster)))) as { items: Raw[] };
    return list.items.map(projectSummary);
  }

  async listNamespaces(): Promise<NamespaceSummary[]> {
    const list = await kube(this.cluster.id, () => this.cluster.core.listNamespace());
    return list.items.map((ns) => namespaceSummary(ns as unknown as Raw));
  }

  /** Creates the Project under a fresh `p-xxxxx` name, then its backing namespace. */
  async createProject(fields: ProjectFields): Promise<ProjectSummary> {
    for (let attempt = 0; ; attempt++) {
      const body = projectObject(this.cluster.id, randomProjectName(), fields);
      try {
        const created = (await this.cluster.custom.createNamespacedCustomObject({ ...projectApi(this.cluster), body })) as Raw;
        const project = projectSummary(created);
        await this.ensureBackingNamespace(project);
        return project;
      } catch (error) {
        // 36^5 names: a collision is rare, but possible; draw again.
        if (statusCode(error) === 409 && attempt < 5) continue;
        throw toDomainError(error, this.cluster.id);
      }
    }
  }

  async ensureBackingNamespace(project: ProjectSummary): Promise<void> {
    await ensureNamespace(this.cluster, backingNamespaceOf(project, this.cluster.id));
  }

  async updateProject(name: string, spec: { displayName?: string; description?: string }): Promise<ProjectSummary> {
    const updated = (await kube(this.cluster.id, () =>
      this.cluster.custom.patchNamespacedCustomObject({ ...projectApi(this.cluster), name, body: { spec } }, mergePatch()),
    )) as Raw;
    return projectSummary(updated);
  }

  /** Deletes the Project and then its backing namespace (and with it, its project registries). */
  async deleteProject(project: ProjectSummary): Promise<void> {
    await kube(this.cluster.id, () => this.cluster.custom.deleteNamespacedCustomObject({ ...projectApi(this.cluster), name: project.name }));
    await this.deleteNamespaceIfPresent(backingNamespaceOf(project, this.cluster.id));
  }

  async deleteNamespaceIfPresent(name: string): Promise<void> {
    try {
      await kube(this.cluster.id, () => this.cluster.core.deleteNamespace({ name }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** The namespace as the cluster has it now; undefined when there is none. */
  async findNamespace(name: string): Promise<NamespaceSummary | undefined> {
    try {
      return namespaceSummary((await this.cluster.core.readNamespace({ name })) as unknown as Raw);
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      throw toDomainError(error, this.cluster.id);
    }
  }

  /** Creates a namespace in `projectName` (Rancher's annotation and label), or in no project. */
  async createNamespace(name: string, projectName: string | undefined): Promise<NamespaceSummary> {
    const metadata = { name, ...memberMetadata(this.cluster.id, projectName) };
    try {
      const created = await this.cluster.core.createNamespace({ body: { metadata } });
      return namespaceSummary(created as unknown as Raw);
    } catch (error) {
      if (statusCode(error) === 409) throw new ConflictError(`The namespace "${name}" already exists in cluster "${this.cluster.id}": choose another name, or move that namespace instead.`);
      throw toDomainError(error, this.cluster.id);
    }
  }

  /** Creates a namespace of Paddock's own (in no project); false when it exists already. */
  async createNamespaceUnlessExists(name: string): Promise<boolean> {
    try {
      await this.cluster.core.createNamespace({ body: { metadata: { name, labels: { ...MANAGED_BY } } } });
      return true;
    } catch (error) {
      if (statusCode(error) === 409) return false;
      throw toDomainError(error, this.cluster.id);
    }
  }

  /** Puts the namespace in `projectName`, or out of every project when null. */
  async setMembership(namespace: string, projectName: string | null): Promise<NamespaceSummary> {
    const patched = await kube(this.cluster.id, () =>
      this.cluster.core.patchNamespace({ name: namespace, body: membershipPatch(this.cluster.id, projectName) }, mergePatch()),
    );
    return namespaceSummary(patched as unknown as Raw);
  }

  /** Sets (or, with null, removes) annotations of a namespace. */
  async annotateNamespace(namespace: string, annotations: Record<string, string | null>): Promise<void> {
    await kube(this.cluster.id, () => this.cluster.core.patchNamespace({ name: namespace, body: { metadata: { annotations } } }, mergePatch()));
  }
}
