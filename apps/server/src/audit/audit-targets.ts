import { projectRoleSchema, usernameSchema } from "@paddock/contracts";
import { backingNamespaceName, backingNamespaceOf, projectOfNamespace } from "../projects/rancher-model.ts";
import { PADDOCK_NAMESPACE, userSecretName } from "../auth/user-store.ts";
import { tokenSecretName } from "../auth/api-tokens.ts";
import type { AuditFacts, AuditKind, AuditSpec, AuditTarget } from "./audit-spec.ts";

// The targets of each kind of write, read from the path and from the names in the body. A name
// that is not a valid Kubernetes name makes no target: the request will be refused anyway, and an
// Event cannot be about it.

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function kubeName(value: unknown, max = 253): string | undefined {
  return typeof value === "string" && value.length <= max && DNS1123_SUBDOMAIN.test(value) ? value : undefined;
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function one(target: Partial<AuditTarget> & Pick<AuditTarget, "kind" | "noun" | "place" | "cluster">, namespace: unknown, name: unknown): AuditTarget[] {
  const ns = target.kind === "Namespace" ? "" : kubeName(namespace, 63);
  const n = kubeName(name);
  if (ns === undefined || n === undefined) return [];
  return [{ ...target, namespace: ns, name: n }];
}

function backingNamespace(facts: AuditFacts, clusterId: string, projectId: string): string {
  const project = facts.cluster(clusterId)?.caches.projects.get(clusterId, projectId);
  return project ? backingNamespaceOf(project, clusterId) : backingNamespaceName(clusterId, projectId);
}

/** An object in a namespace of `:project`, named by the path (`:namespace`, `:name`) or the body (`namespace`, `name`). */
export function namespacedObject(kind: AuditKind, noun: string, from: "path" | "body"): (facts: AuditFacts) => AuditTarget[] {
  return (facts) => {
    const source = from === "path" ? facts.params : facts.body;
    return one({ kind, noun, place: "namespace", cluster: facts.params.cluster!, project: facts.params.project! }, field(source, "namespace"), field(source, "name"));
  };
}

/** A project registry (its source Secret, in the project's backing namespace) named by the path. */
export function projectRegistry(facts: AuditFacts): AuditTarget[] {
  const { cluster, project } = facts.params as { cluster: string; project: string };
  return one({ kind: "Secret", noun: "registry", place: "project", cluster, project }, backingNamespace(facts, cluster, project), facts.params.name);
}

/** A registry being created: in the project (backing namespace) or in one namespace, by the body's scope. */
export function registryToCreate(facts: AuditFacts): AuditTarget[] {
  const { cluster, project } = facts.params as { cluster: string; project: string };
  const scope = field(facts.body, "scope", "type");
  if (scope === "project") return one({ kind: "Secret", noun: "registry", place: "project", cluster, project }, backingNamespace(facts, cluster, project), field(facts.body, "name"));
  if (scope === "namespace") return one({ kind: "Secret", noun: "registry", place: "namespace", cluster, project }, field(facts.body, "scope", "namespace"), field(facts.body, "name"));
  return [];
}

/** The registries of a bulk delete; settled to those the answer says were deleted. */
export const registriesInBulk: Pick<AuditSpec, "targets" | "settle"> = {
  targets(facts) {
    const items = field(facts.body, "items");
    if (!Array.isArray(items)) return [];
    return items.slice(0, 500).flatMap((ref: unknown) => {
      const { cluster, project } = facts.params as { cluster: string; project: string };
      const type = field(ref, "type");
      if (type === "project") return one({ kind: "Secret", noun: "registry", place: "project", cluster, project }, backingNamespace(facts, cluster, project), field(ref, "name"));
      if (type === "namespace") return one({ kind: "Secret", noun: "registry", place: "namespace", cluster, project }, field(ref, "namespace"), field(ref, "name"));
      return [];
    });
  },
  settle(targets, response) {
    const items = field(response, "items");
    if (!Array.isArray(items)) return [];
    const deleted = new Set(
      items.filter((item) => field(item, "deleted") === true).map((item) => `${String(field(item, "ref", "namespace") ?? "")}/${String(field(item, "ref", "name"))}`),
    );
    return targets.filter((t) => deleted.has(`${t.place === "project" ? "" : t.namespace}/${t.name}`));
  },
};

/** The project of the path, as an object of the cluster (Projects live in the cluster-id namespace). */
export function projectItself(facts: AuditFacts): AuditTarget[] {
  const { cluster, project } = facts.params as { cluster: string; project: string };
  return one({ kind: "Project", noun: "project", place: "cluster", cluster, project, label: displayName(facts, cluster, project) }, cluster, project);
}

/** A project being created: its name is chosen by the server, so it comes from the answer. */
export const projectToCreate: Pick<AuditSpec, "targets" | "settle"> = {
  targets: () => [],
  settle(_targets, response, facts) {
    const cluster = facts.params.cluster!;
    const id = kubeName(field(response, "id"));
    const label = field(response, "displayName");
    if (!id) return [];
    return [{ kind: "Project", noun: "project", place: "cluster", cluster, project: id, namespace: cluster, name: id, ...(typeof label === "string" ? { label } : {}) }];
  },
};

/** The members of a project change on the Project object. */
export function projectMember(from: "path" | "body"): (facts: AuditFacts) => AuditTarget[] {
  return (facts) => {
    const username = usernameSchema.safeParse(from === "path" ? facts.params.username : field(facts.body, "username"));
    if (!username.success) return [];
    const { cluster, project } = facts.params as { cluster: string; project: string };
    return one({ kind: "Project", noun: "member", place: "project", cluster, project, label: username.data }, cluster, project);
  };
}

export function memberRole(facts: AuditFacts): string {
  const role = projectRoleSchema.safeParse(field(facts.body, "role"));
  return role.success ? ` as ${role.data}` : "";
}

/** A namespace being created (in the body's project) or moved (labelled with the project it goes to, or leaves). */
export function namespaceTarget(from: "path" | "body"): (facts: AuditFacts) => AuditTarget[] {
  return (facts) => {
    const cluster = facts.params.cluster!;
    const name = from === "path" ? facts.params.namespace : field(facts.body, "name");
    const wanted = field(facts.body, "projectId");
    let project = typeof wanted === "string" ? wanted : undefined;
    if (project === undefined && from === "path" && typeof name === "string") {
      const ns = facts.cluster(cluster)?.caches.namespaces.get("", name);
      project = ns ? (projectOfNamespace(ns, cluster) ?? undefined) : undefined;
    }
    return one({ kind: "Namespace", noun: "namespace", place: project ? "project" : "cluster", cluster, ...(project ? { project } : {}) }, "", name);
  };
}

/** A Paddock user: their Secret in paddock-system of the home cluster. */
export function userTarget(from: "path" | "body" | "self"): (facts: AuditFacts) => AuditTarget[] {
  return (facts) => {
    const value = from === "path" ? facts.params.username : from === "body" ? field(facts.body, "username") : facts.user;
    const username = usernameSchema.safeParse(value);
    if (!username.success) return [];
    return [{ kind: "Secret", noun: "user", place: "none", cluster: facts.home, namespace: PADDOCK_NAMESPACE, name: userSecretName(username.data), label: username.data }];
  };
}

/** An API token: its Secret in paddock-system; named by the path id, or (create) by the answer's id. */
export const tokenTarget = {
  byPath(facts: AuditFacts): AuditTarget[] {
    const id = kubeName(facts.params.id, 63);
    return id ? [{ kind: "Secret", noun: "API token", place: "none", cluster: facts.home, namespace: PADDOCK_NAMESPACE, name: tokenSecretName(id), label: id }] : [];
  },
  created: {
    targets: () => [],
    settle(_targets: AuditTarget[], response: unknown, facts: AuditFacts): AuditTarget[] {
      const id = kubeName(field(response, "id"), 63);
      const name = field(response, "name");
      if (!id) return [];
      return [{ kind: "Secret", noun: "API token", place: "none", cluster: facts.home, namespace: PADDOCK_NAMESPACE, name: tokenSecretName(id), label: typeof name === "string" ? name : id }];
    },
  } satisfies Pick<AuditSpec, "targets" | "settle">,
};

function displayName(facts: AuditFacts, cluster: string, project: string): string | undefined {
  return facts.cluster(cluster)?.caches.projects.get(cluster, project)?.displayName;
}
