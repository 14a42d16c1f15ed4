import type { ClusterConnection } from "../kube/cluster-connection.ts";
import type { ProjectSummary } from "../kube/summaries.ts";
import { PROJECT_ID_ANNOTATION, PROJECT_ID_LABEL, backingNamespaceOf } from "./rancher-model.ts";
import { DEFAULT_PROJECT_LABEL, SYSTEM_PROJECT_LABEL } from "./project-objects.ts";
import { withProjectsLock } from "./project-lock.ts";
import { ProjectStore } from "./project-store.ts";

/** Set on the cluster-id namespace once Default and System have been made: they are made once, as Rancher does. */
export const BOOTSTRAPPED_ANNOTATION = "paddock.io/projects-bootstrapped";

interface InitialProject {
  displayName: string;
  label: string;
  description: string;
  namespaces: string[];
}

/** What a fresh cluster gets, as Rancher gives it (../shared/DESIGN.md). */
export const INITIAL_PROJECTS: InitialProject[] = [
  { displayName: "Default", label: DEFAULT_PROJECT_LABEL, description: "Default project created for the cluster", namespaces: ["default"] },
  {
    displayName: "System",
    label: SYSTEM_PROJECT_LABEL,
    description: "System project created for the cluster",
    namespaces: ["kube-system", "kube-public", "kube-node-lease"],
  },
];

export interface BootstrapResult {
  /** display names of the projects made by this pass */
  createdProjects: string[];
  /** namespaces put into a project by this pass */
  assignedNamespaces: string[];
  /** backing namespaces that were missing and were made */
  repairedBackingNamespaces: string[];
}

/**
 * First contact with a cluster that has the Project CRD: makes the cluster-id namespace, the
 * projects Default (namespace `default`) and System (`kube-system`, `kube-public`,
 * `kube-node-lease`), and puts those namespaces in them when they are in no project. Other
 * namespaces stay out of every project, as in Rancher. Runs under the projects Lease, so that
 * replicas starting together make each project once; a later start finds the annotation and only
 * makes missing backing namespaces.
 */
export async function bootstrapProjects(cluster: ClusterConnection): Promise<BootstrapResult> {
  const store = new ProjectStore(cluster);
  return withProjectsLock(cluster, async () => {
    const result: BootstrapResult = { createdProjects: [], assignedNamespaces: [], repairedBackingNamespaces: [] };
    const projects = await store.listProjects();
    const namespaces = await store.listNamespaces();
    const home = namespaces.find((ns) => ns.name === cluster.id);
    if (!home?.annotations[BOOTSTRAPPED_ANNOTATION]) {
      for (const initial of INITIAL_PROJECTS) {
        let project = findInitial(projects, initial);
        if (!project) {
          project = await store.createProject({ displayName: initial.displayName, description: initial.description, labels: { [initial.label]: "true" } });
          projects.push(project);
          result.createdProjects.push(initial.displayName);
        }
        for (const name of initial.namespaces) {
          const ns = namespaces.find((n) => n.name === name);
          // Any projectId, even one naming another cluster (a Rancher downstream cluster), is left alone.
          if (!ns || ns.annotations[PROJECT_ID_ANNOTATION] || ns.labels[PROJECT_ID_LABEL]) continue;
          await store.setMembership(name, project.name);
          result.assignedNamespaces.push(name);
        }
      }
      await store.annotateNamespace(cluster.id, { [BOOTSTRAPPED_ANNOTATION]: new Date().toISOString() });
    }
    const existing = new Set(namespaces.map((ns) => ns.name));
    for (const project of projects) {
      const backing = backingNamespaceOf(project, cluster.id);
      if (existing.has(backing)) continue;
      await store.ensureBackingNamespace(project);
      if (!result.createdProjects.includes(project.displayName)) result.repairedBackingNamespaces.push(backing);
    }
    return result;
  });
}

function findInitial(projects: ProjectSummary[], initial: InitialProject): ProjectSummary | undefined {
  return projects.find((p) => p.labels[initial.label] === "true") ?? projects.find((p) => p.displayName === initial.displayName);
}
