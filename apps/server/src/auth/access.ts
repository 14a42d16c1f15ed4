import type { Membership, ProjectRole } from "@paddock/contracts";
import type { ClusterRegistry } from "../kube/cluster-registry.ts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import type { ProjectSummary } from "../kube/summaries.ts";
import { ClusterUnavailableError } from "../errors.ts";
import { membersOf } from "./project-members.ts";
import type { User } from "./user-store.ts";

/** What a logged-in user may reach: the global admin role, and a role per project, read from the projects caches. */
export class Access {
  constructor(
    readonly user: User,
    private readonly clusters: ClusterRegistry,
  ) {}

  get admin(): boolean {
    return this.user.admin;
  }

  get username(): string {
    return this.user.username;
  }

  /**
   * The cluster's connection, or undefined when there is no such cluster. A cluster that is not
   * connected throws: its projects (and so the user's roles) cannot be read.
   */
  cluster(clusterId: string): ClusterConnection | undefined {
    const cluster = this.clusters.list().find((c) => c.id === clusterId);
    if (cluster && cluster.state !== "Active") throw new ClusterUnavailableError(cluster.id, cluster.message ?? "still connecting");
    return cluster;
  }

  project(clusterId: string, projectId: string): ProjectSummary | undefined {
    const cluster = this.cluster(clusterId);
    return cluster?.projectsSupported ? cluster.caches.projects.get(cluster.id, projectId) : undefined;
  }

  /** The user's role in the project; undefined when not a member (admins are not members unless added). */
  role(clusterId: string, projectId: string): ProjectRole | undefined {
    const project = this.project(clusterId, projectId);
    return project ? membersOf(project).get(this.user.username) : undefined;
  }

  /** The projects of the cluster the user is a member of, with the role. */
  rolesIn(cluster: ClusterConnection): Map<string, ProjectRole> {
    const roles = new Map<string, ProjectRole>();
    if (cluster.state !== "Active" || !cluster.projectsSupported) return roles;
    for (const project of cluster.caches.projects.items()) {
      if (project.namespace !== cluster.id) continue;
      const role = membersOf(project).get(this.user.username);
      if (role) roles.set(project.name, role);
    }
    return roles;
  }

  /** Whether the user sees the cluster at all: administrators see every one, others those they are a member of a project in. */
  seesCluster(cluster: ClusterConnection): boolean {
    return this.admin || this.rolesIn(cluster).size > 0;
  }

  /** Every project of every connected cluster the user is a member of. */
  memberships(): Membership[] {
    return this.clusters
      .list()
      .flatMap((cluster) => [...this.rolesIn(cluster)].map(([project, role]) => ({ cluster: cluster.id, project, role })))
      .sort((a, b) => a.cluster.localeCompare(b.cluster) || a.project.localeCompare(b.project));
  }
}
