import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { parseServeCli } from "./cli.ts";
import { PROJECT_GROUP, PROJECT_PLURAL, PROJECT_VERSION } from "./kube/cluster-connection.ts";
import { PADDOCK_NAMESPACE } from "./auth/user-store.ts";
import { EMBEDDED_CLUSTER_ID } from "./kube/cluster-registry.ts";

// deploy/ must let the server do what its code does, and no more. The calls are found in the
// source (client-node method names and the caches' watch paths); each one's RBAC rule is in the
// table below, so that a new call fails here until deploy/rbac.yaml and the table grant it.

const REPO = join(import.meta.dirname, "../../..");
const DEPLOY = join(REPO, "deploy");
const SOURCES = import.meta.dirname;

type KubeObject = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string }; [key: string]: unknown };

interface Need {
  group: string;
  resource: string;
  verb: string;
  /** only in this namespace (a Role there is enough); absent: any namespace, or cluster-scoped */
  namespace?: string;
}

/** Inside a cluster its id is `local`: its Projects and Leases live in that namespace. */
const CLUSTER_NS = EMBEDDED_CLUSTER_ID;

/** What each client-node method the server calls needs. */
const NEEDS: Record<string, Need> = {
  listNamespace: { group: "", resource: "namespaces", verb: "list" },
  readNamespace: { group: "", resource: "namespaces", verb: "get" },
  createNamespace: { group: "", resource: "namespaces", verb: "create" },
  patchNamespace: { group: "", resource: "namespaces", verb: "patch" },
  deleteNamespace: { group: "", resource: "namespaces", verb: "delete" },
  listSecretForAllNamespaces: { group: "", resource: "secrets", verb: "list" },
  listNamespacedSecret: { group: "", resource: "secrets", verb: "list" },
  readNamespacedSecret: { group: "", resource: "secrets", verb: "get" },
  createNamespacedSecret: { group: "", resource: "secrets", verb: "create" },
  replaceNamespacedSecret: { group: "", resource: "secrets", verb: "update" },
  patchNamespacedSecret: { group: "", resource: "secrets", verb: "patch" },
  deleteNamespacedSecret: { group: "", resource: "secrets", verb: "delete" },
  listConfigMapForAllNamespaces: { group: "", resource: "configmaps", verb: "list" },
  createNamespacedConfigMap: { group: "", resource: "configmaps", verb: "create" },
  deleteNamespacedConfigMap: { group: "", resource: "configmaps", verb: "delete" },
  listServiceAccountForAllNamespaces: { group: "", resource: "serviceaccounts", verb: "list" },
  readNamespacedServiceAccount: { group: "", resource: "serviceaccounts", verb: "get" },
  createNamespacedServiceAccount: { group: "", resource: "serviceaccounts", verb: "create" },
  replaceNamespacedServiceAccount: { group: "", resource: "serviceaccounts", verb: "update" },
  listPodForAllNamespaces: { group: "", resource: "pods", verb: "list" },
  listEventForAllNamespaces: { group: "", resource: "events", verb: "list" },
  createNamespacedEvent: { group: "", resource: "events", verb: "create" },
  listDeploymentForAllNamespaces: { group: "apps", resource: "deployments", verb: "list" },
  readNamespacedDeployment: { group: "apps", resource: "deployments", verb: "get" },
  createNamespacedDeployment: { group: "apps", resource: "deployments", verb: "create" },
  replaceNamespacedDeployment: { group: "apps", resource: "deployments", verb: "update" },
  deleteNamespacedDeployment: { group: "apps", resource: "deployments", verb: "delete" },
  replaceNamespacedDeploymentScale: { group: "apps", resource: "deployments/scale", verb: "update" },
  listReplicaSetForAllNamespaces: { group: "apps", resource: "replicasets", verb: "list" },
  // Leases: the name and projects locks (names/lease-lock.ts) and the registry controller's
  // leader election (registries/leader-election.ts), all in the cluster-id namespace.
  readNamespacedLease: { group: "coordination.k8s.io", resource: "leases", verb: "get", namespace: CLUSTER_NS },
  createNamespacedLease: { group: "coordination.k8s.io", resource: "leases", verb: "create", namespace: CLUSTER_NS },
  replaceNamespacedLease: { group: "coordination.k8s.io", resource: "leases", verb: "update", namespace: CLUSTER_NS },
  deleteNamespacedLease: { group: "coordination.k8s.io", resource: "leases", verb: "delete", namespace: CLUSTER_NS },
  // Custom objects: only Projects (projectApi(cluster) puts them in the cluster-id namespace).
  listClusterCustomObject: { group: PROJECT_GROUP, resource: PROJECT_PLURAL, verb: "list" },
  listNamespacedCustomObject: { group: PROJECT_GROUP, resource: PROJECT_PLURAL, verb: "list", namespace: CLUSTER_NS },
  getNamespacedCustomObject: { group: PROJECT_GROUP, resource: PROJECT_PLURAL, verb: "get", namespace: CLUSTER_NS },
  createNamespacedCustomObject: { group: PROJECT_GROUP, resource: PROJECT_PLURAL, verb: "create", namespace: CLUSTER_NS },
  patchNamespacedCustomObject: { group: PROJECT_GROUP, resource: PROJECT_PLURAL, verb: "patch", namespace: CLUSTER_NS },
  deleteNamespacedCustomObject: { group: PROJECT_GROUP, resource: PROJECT_PLURAL, verb: "delete", namespace: CLUSTER_NS },
};

/** Granted before the code calls it, with the reason. */
const ANTICIPATED: Array<Need & { why: string }> = [
  { group: "", resource: "events", verb: "create", why: "the audit trail records each write as an Event on its object (issue 6)" },
];

/** The API classes the server makes clients of; a new one needs rows in NEEDS. */
const KNOWN_CLIENTS = ["CoreV1Api", "AppsV1Api", "CoordinationV1Api", "CustomObjectsApi", "VersionApi"];
const API_CLASSES = [k8s.CoreV1Api, k8s.AppsV1Api, k8s.CoordinationV1Api, k8s.CustomObjectsApi];

function serverSources(dir = SOURCES): Array<{ path: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "testing" ? [] : serverSources(path);
    if (!entry.name.endsWith(".ts") || entry.name.endsWith(".test.ts")) return [];
    const text = readFileSync(path, "utf8");
    return /from "vitest"/.test(text) ? [] : [{ path: relative(SOURCES, path), text }];
  });
}

/** Every client-node API method called in the server's code, with the files that call it. */
function apiCalls(): Map<string, string[]> {
  const methods = new Set(API_CLASSES.flatMap((api) => Object.getOwnPropertyNames(api.prototype)));
  const calls = new Map<string, string[]>();
  for (const { path, text } of serverSources()) {
    for (const [, name] of text.matchAll(/\.(\w+)\(/g)) {
      if (!name || !methods.has(name)) continue;
      calls.set(name, [...new Set([...(calls.get(name) ?? []), path])]);
    }
  }
  return calls;
}

/** The caches' list + watch paths (kube/cluster-connection.ts), as group and resource. */
function watchedResources(): Array<{ group: string; resource: string }> {
  const text = readFileSync(join(SOURCES, "kube/cluster-connection.ts"), "utf8")
    .replaceAll("${PROJECT_GROUP}", PROJECT_GROUP)
    .replaceAll("${PROJECT_VERSION}", PROJECT_VERSION)
    .replaceAll("${PROJECT_PLURAL}", PROJECT_PLURAL);
  return [...text.matchAll(/cache\(\s*["`]([^"`]+)["`]/g)].map(([, path]) => {
    const core = /^\/api\/v1\/([a-z]+)$/.exec(path ?? "");
    if (core) return { group: "", resource: core[1]! };
    const named = /^\/apis\/([^/]+)\/[^/]+\/([a-z]+)$/.exec(path ?? "");
    if (!named) throw new Error(`cannot read the cache path ${path}`);
    return { group: named[1]!, resource: named[2]! };
  });
}

function allNeeds(): Need[] {
  const fromCalls = [...apiCalls().keys()].flatMap((method) => (NEEDS[method] ? [NEEDS[method]] : []));
  const fromWatches = watchedResources().flatMap(({ group, resource }) => ["list", "watch"].map((verb) => ({ group, resource, verb })));
  return [...fromCalls, ...fromWatches];
}

const MANIFEST_FILES = readdirSync(DEPLOY).filter((name) => /\.ya?ml$/.test(name)).sort();
const manifests = new Map<string, KubeObject[]>(
  MANIFEST_FILES.map((file) => {
    const docs = parseAllDocuments(readFileSync(join(DEPLOY, file), "utf8"));
    for (const doc of docs) if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    return [file, docs.map((doc) => doc.toJS() as KubeObject).filter((object) => object !== null)];
  }),
);
const objects = [...manifests.entries()].filter(([file]) => file !== "kustomization.yaml").flatMap(([, docs]) => docs);
const find = (kind: string, name: string, namespace?: string) =>
  objects.find((o) => o.kind === kind && o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace));

// --- a small RBAC authorizer over the manifests ----------------------------------------------

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
}
interface Grant {
  rule: Rule;
  /** undefined: every namespace (a ClusterRoleBinding) */
  namespace?: string;
  from: string;
}

const SERVICE_ACCOUNT = { name: "paddock", namespace: PADDOCK_NAMESPACE };

function grants(): Grant[] {
  const boundToUs = (o: KubeObject) =>
    ((o.subjects as Array<{ kind: string; name: string; namespace?: string }> | undefined) ?? []).some(
      (s) => s.kind === "ServiceAccount" && s.name === SERVICE_ACCOUNT.name && s.namespace === SERVICE_ACCOUNT.namespace,
    );
  const rulesOf = (kind: string, name: string, namespace?: string): Rule[] => {
    const role = find(kind, name, namespace);
    if (!role) throw new Error(`${kind} ${name} is bound but not defined in deploy/`);
    return (role.rules as Rule[] | undefined) ?? [];
  };
  return objects.filter(boundToUs).flatMap((binding) => {
    const ref = binding.roleRef as { kind: string; name: string };
    const namespace = binding.kind === "RoleBinding" ? binding.metadata?.namespace : undefined;
    const rules = ref.kind === "Role" ? rulesOf("Role", ref.name, namespace) : rulesOf("ClusterRole", ref.name);
    return rules.map((rule) => ({ rule, ...(namespace ? { namespace } : {}), from: `${binding.kind}/${binding.metadata?.name} → ${ref.kind}/${ref.name}` }));
  });
}

const matches = (list: string[] | undefined, value: string) => (list ?? []).includes(value) || (list ?? []).includes("*");
const covers = (grant: Grant, need: Need) =>
  matches(grant.rule.apiGroups, need.group) &&
  matches(grant.rule.resources, need.resource) &&
  matches(grant.rule.verbs, need.verb) &&
  !grant.rule.resourceNames?.length &&
  (grant.namespace === undefined || grant.namespace === need.namespace);
const describeNeed = (n: Need) => `${n.verb} ${n.group ? `${n.resource}.${n.group}` : n.resource}${n.namespace ? ` in ${n.namespace}` : ""}`;

// --- strict field check against client-node's models (kubectl's --validate=strict, offline) --

function fieldErrors(value: unknown, type: string, path: string): string[] {
  if (value === null || value === undefined) return [];
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return Array.isArray(value) ? value.flatMap((item, i) => fieldErrors(item, array[1]!, `${path}[${i}]`)) : [`${path}: expected a list`];
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value !== "object" || Array.isArray(value)) return [`${path}: expected a map`];
    return Object.entries(value).flatMap(([key, item]) => fieldErrors(item, map[1]!, `${path}.${key}`));
  }
  switch (type) {
    case "string":
    case "Date":
      return typeof value === "string" ? [] : [`${path}: expected a string, got ${JSON.stringify(value)}`];
    case "number":
      return typeof value === "number" ? [] : [`${path}: expected a number, got ${JSON.stringify(value)}`];
    case "boolean":
      return typeof value === "boolean" ? [] : [`${path}: expected true or false, got ${JSON.stringify(value)}`];
    case "IntOrString":
      return typeof value === "string" || typeof value === "number" ? [] : [`${path}: expected a number or a string`];
    case "any":
      return [];
  }
  const model = (k8s as unknown as Record<string, { attributeTypeMap?: Array<{ baseName: string; type: string }> } | undefined>)[type];
  if (!model?.attributeTypeMap) return [`${path}: no model ${type} in client-node`];
  if (typeof value !== "object" || Array.isArray(value)) return [`${path}: expected an object`];
  const fields = new Map(model.attributeTypeMap.map((a) => [a.baseName, a.type]));
  return Object.entries(value).flatMap(([key, item]) => {
    const fieldType = fields.get(key);
    return fieldType ? fieldErrors(item, fieldType, `${path}.${key}`) : [`${path}: unknown field "${key}"`];
  });
}

const modelOf = (o: KubeObject) => {
  const version = (o.apiVersion ?? "").split("/").pop() ?? "";
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${o.kind}`;
};

// ----------------------------------------------------------------------------------------------

describe("deploy/", () => {
  it("parses, and kustomization.yaml lists every manifest of the folder", () => {
    const kustomization = manifests.get("kustomization.yaml")?.[0] as { kind?: string; resources?: string[] } | undefined;
    expect(kustomization?.kind).toBe("Kustomization");
    expect([...(kustomization?.resources ?? [])].sort()).toEqual(MANIFEST_FILES.filter((f) => f !== "kustomization.yaml"));
    for (const object of objects) {
      expect(object.apiVersion, JSON.stringify(object.metadata)).toBeTruthy();
      expect(object.metadata?.name, `${object.kind} without a name`).toBeTruthy();
    }
  });

  it("every field of every object is one Kubernetes knows, of the right type", () => {
    const errors = objects.flatMap((o) => fieldErrors(o, modelOf(o), `${o.kind}/${o.metadata?.name}`));
    expect(errors).toEqual([]);
  });

  it("the field check finds a misspelt field and a wrong type", () => {
    const deployment = structuredClone(find("Deployment", "paddock")!) as { spec: { replica?: number; template: { spec: { containers: Array<{ readinessProbe: { periodSeconds: unknown } }> } } } };
    deployment.spec.replica = 2;
    deployment.spec.template.spec.containers[0]!.readinessProbe.periodSeconds = "5";
    expect(fieldErrors(deployment, "V1Deployment", "Deployment/paddock")).toEqual([
      'Deployment/paddock.spec.template.spec.containers[0].readinessProbe.periodSeconds: expected a number, got "5"',
      'Deployment/paddock.spec: unknown field "replica"',
    ]);
  });

  it("the server makes clients of known APIs only, and every method it calls has its rule in NEEDS", () => {
    const clients = new Set(serverSources().flatMap(({ text }) => [...text.matchAll(/makeApiClient\((\w+)\)/g)].map((m) => m[1]!)));
    expect([...clients].filter((c) => !KNOWN_CLIENTS.includes(c))).toEqual([]);
    const calls = apiCalls();
    expect(calls.size).toBeGreaterThan(20);
    const unknown = [...calls].filter(([method]) => !NEEDS[method]).map(([method, files]) => `${method} (${files.join(", ")})`);
    expect(unknown).toEqual([]);
  });

  it("the caches watch every kind the dashboard lists", () => {
    const watched = watchedResources().map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource));
    expect(watched.sort()).toEqual(
      ["configmaps", "deployments.apps", "events", "namespaces", "pods", `${PROJECT_PLURAL}.${PROJECT_GROUP}`, "replicasets.apps", "secrets", "serviceaccounts"].sort(),
    );
  });

  it("the ServiceAccount's roles allow every call the server makes", () => {
    const granted = grants();
    expect(granted.length).toBeGreaterThan(0);
    const missing = allNeeds().filter((need) => !granted.some((g) => covers(g, need)));
    expect(missing.map(describeNeed)).toEqual([]);
  });

  it("and nothing more: each granted verb is one a call needs (or an anticipated one)", () => {
    const needs = [...allNeeds(), ...ANTICIPATED];
    const excess: string[] = [];
    for (const grant of grants()) {
      expect(grant.rule.resourceNames ?? [], grant.from).toEqual([]);
      for (const group of grant.rule.apiGroups ?? [])
        for (const resource of grant.rule.resources ?? [])
          for (const verb of grant.rule.verbs ?? []) {
            const needed = needs.some(
              (n) => n.group === group && n.resource === resource && n.verb === verb && (grant.namespace === undefined ? n.namespace === undefined : n.namespace === grant.namespace || n.namespace === undefined),
            );
            if (!needed) excess.push(`${grant.from}: ${describeNeed({ group, resource, verb, ...(grant.namespace ? { namespace: grant.namespace } : {}) })}`);
          }
    }
    expect(excess).toEqual([]);
  });

  it("the Role's namespace and the ServiceAccount's are created by namespace.yaml", () => {
    const namespaces = objects.filter((o) => o.kind === "Namespace").map((o) => o.metadata?.name);
    expect(namespaces).toEqual(expect.arrayContaining([PADDOCK_NAMESPACE, CLUSTER_NS]));
    expect(find("ServiceAccount", SERVICE_ACCOUNT.name, SERVICE_ACCOUNT.namespace)).toBeDefined();
  });

  it("the Deployment runs the server in the cluster, as that ServiceAccount, with flags the CLI accepts", () => {
    const deployment = find("Deployment", "paddock", PADDOCK_NAMESPACE) as {
      spec: { replicas: number; template: { spec: { serviceAccountName: string; securityContext: Record<string, unknown>; containers: Array<Record<string, never>>; volumes: Array<{ name: string; emptyDir?: object }> } } };
    };
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const pod = deployment.spec.template.spec;
    expect(pod.serviceAccountName).toBe(SERVICE_ACCOUNT.name);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const container = pod.containers[0] as unknown as {
      args: string[];
      ports: Array<{ name: string; containerPort: number }>;
      env: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
      readinessProbe: { httpGet: { path: string; port: string } };
      livenessProbe: { httpGet: { path: string; port: string } };
      securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean };
      volumeMounts: Array<{ name: string; mountPath: string }>;
    };
    const [command, ...flags] = container.args;
    expect(command).toBe("serve");
    const cli = parseServeCli(flags, {});
    expect(cli).toMatchObject({ embedded: false, inCluster: true, host: "0.0.0.0", port: container.ports[0]!.containerPort });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: container.ports[0]!.name });
    expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: container.ports[0]!.name });
    const app = readFileSync(join(SOURCES, "http/app.ts"), "utf8");
    expect(app).toContain('app.get("/readyz"');
    expect(app).toContain('app.get("/healthz"');
    expect(container.env.find((e) => e.name === "PADDOCK_BOOTSTRAP_PASSWORD")?.valueFrom?.secretKeyRef).toMatchObject({ name: "paddock-bootstrap", key: "password" });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    // tsx writes its compile cache to the temporary directory: it must be writable.
    const tmp = container.volumeMounts.find((m) => m.mountPath === "/tmp");
    expect(pod.volumes.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it("the Service and the PodDisruptionBudget select the Deployment's pods", () => {
    const labels = (find("Deployment", "paddock") as { spec: { template: { metadata: { labels: Record<string, string> } } } }).spec.template.metadata.labels;
    for (const kind of ["Service", "PodDisruptionBudget"]) {
      const spec = find(kind, "paddock", PADDOCK_NAMESPACE)?.spec as { selector: Record<string, string> | { matchLabels: Record<string, string> } };
      const selector = "matchLabels" in spec.selector ? spec.selector.matchLabels : spec.selector;
      expect(Object.entries(selector).every(([key, value]) => labels[key] === value), kind).toBe(true);
    }
    const service = find("Service", "paddock") as { spec: { ports: Array<{ targetPort: string }> } };
    expect(service.spec.ports[0]!.targetPort).toBe("http");
  });

  it("the image's default command is one the CLI accepts", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(REPO, "Dockerfile"), "utf8"))?.[1];
    const [command, ...flags] = JSON.parse(cmd ?? "[]") as string[];
    expect(command).toBe("serve");
    expect(parseServeCli(flags, { HOST: "0.0.0.0", PORT: "8080" })).toMatchObject({ embedded: false, inCluster: true, host: "0.0.0.0", port: 8080 });
  });
});
