/** Every screen's URL, in one place. */
export const paths = {
  login: () => "/login",
  global: () => "/",
  users: () => "/users",
  account: () => "/account",
  project: (cluster: string, project: string) => `/c/${cluster}/p/${project}`,
  registries: (cluster: string, project: string) => `/c/${cluster}/p/${project}/registries`,
  newRegistry: (cluster: string, project: string) => `/c/${cluster}/p/${project}/registries/new`,
  registry: (cluster: string, project: string, ref: RegistryPathRef) => `/c/${cluster}/p/${project}/registries/${registrySegment(ref)}`,
  editRegistry: (cluster: string, project: string, ref: RegistryPathRef) => `/c/${cluster}/p/${project}/registries/${registrySegment(ref)}/edit`,
  cloneRegistry: (cluster: string, project: string, ref: RegistryPathRef) => `/c/${cluster}/p/${project}/registries/${registrySegment(ref)}/clone`,
  workloads: (cluster: string, project: string) => `/c/${cluster}/p/${project}/workloads`,
  newWorkload: (cluster: string, project: string) => `/c/${cluster}/p/${project}/workloads/new`,
  workload: (cluster: string, project: string, namespace: string, name: string) => `/c/${cluster}/p/${project}/workloads/${namespace}/${name}`,
  secrets: (cluster: string, project: string) => `/c/${cluster}/p/${project}/secrets`,
  certificates: (cluster: string, project: string) => `/c/${cluster}/p/${project}/certificates`,
  configMaps: (cluster: string, project: string) => `/c/${cluster}/p/${project}/configmaps`,
  namespaces: (cluster: string, project: string) => `/c/${cluster}/p/${project}/namespaces`,
  members: (cluster: string, project: string) => `/c/${cluster}/p/${project}/members`,
  audit: (cluster: string, project: string) => `/c/${cluster}/p/${project}/audit`,
};

export type RegistryPathRef = { type: "project"; name: string } | { type: "namespace"; namespace: string; name: string };

function registrySegment(ref: RegistryPathRef): string {
  return ref.type === "project" ? `project/${encodeURIComponent(ref.name)}` : `ns/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.name)}`;
}

/** The API prefix of a project. */
export const projectApi = (cluster: string, project: string) => `/api/clusters/${encodeURIComponent(cluster)}/projects/${encodeURIComponent(project)}`;
