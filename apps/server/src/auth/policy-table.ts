import type { AuditSpec } from "../audit/audit-spec.ts";
import {
  memberRole,
  namespaceTarget,
  namespacedObject,
  projectItself,
  projectMember,
  projectRegistry,
  projectToCreate,
  registriesInBulk,
  registryToCreate,
  tokenTarget,
  userTarget,
} from "../audit/audit-targets.ts";
import type { RouteRule } from "./route-table.ts";

const CLUSTER = "/clusters/:cluster";
const PROJECT = `${CLUSTER}/projects/:project`;
const REGISTRIES = `${PROJECT}/registries`;

const create = (targets: AuditSpec["targets"], more: Partial<AuditSpec> = {}): AuditSpec => ({ verb: "create", targets, ...more });
const update = (targets: AuditSpec["targets"], more: Partial<AuditSpec> = {}): AuditSpec => ({ verb: "update", targets, ...more });
const remove = (targets: AuditSpec["targets"], more: Partial<AuditSpec> = {}): AuditSpec => ({ verb: "delete", targets, ...more });

/** Secrets, certificates and ConfigMaps share one shape of routes. */
function resourceRules(segment: string, noun: string, kind: "Secret" | "ConfigMap"): RouteRule[] {
  const subject = `${noun}s`;
  return [
    { method: "GET", path: `${PROJECT}/${segment}`, permission: "project:read" },
    { method: "POST", path: `${PROJECT}/${segment}`, permission: "project:write", subject, audit: create(namespacedObject(kind, noun, "body")) },
    { method: "DELETE", path: `${PROJECT}/${segment}/:namespace/:name`, permission: "project:write", subject, audit: remove(namespacedObject(kind, noun, "path")) },
  ];
}

/**
 * Who may use each /api route past login, and what the audit trail records of each write. The
 * policy middleware (auth/policy.ts) enforces it before any feature router runs; a route missing
 * here is for administrators only, so that a new route is never left open (policy.test.ts checks
 * that every served route is listed).
 */
export const POLICY: RouteRule[] = [
  // The user's own
  { method: "GET", path: "/auth/me", permission: "self" },
  { method: "PUT", path: "/auth/password", permission: "session", subject: "change a password", audit: update(userTarget("self"), { action: ["change the password of", "changed the password of"] }) },
  { method: "GET", path: "/live", permission: "self" },
  { method: "GET", path: "/tokens", permission: "self" },
  { method: "POST", path: "/tokens", permission: "session", subject: "create API tokens", audit: { verb: "create", ...tokenTarget.created } },
  { method: "DELETE", path: "/tokens/:id", permission: "self", audit: remove(tokenTarget.byPath, { action: ["revoke", "revoked"] }) },

  // Users: administrators only
  { method: "GET", path: "/users", permission: "admin", subject: "users" },
  { method: "POST", path: "/users", permission: "admin", subject: "users", audit: create(userTarget("body")) },
  { method: "PUT", path: "/users/:username", permission: "admin", subject: "users", audit: update(userTarget("path")) },
  { method: "DELETE", path: "/users/:username", permission: "admin", subject: "users", audit: remove(userTarget("path")) },

  // Clusters, projects, namespaces
  { method: "GET", path: "/clusters", permission: "self", filter: "clusters" },
  { method: "GET", path: `${CLUSTER}/projects`, permission: "cluster:read", filter: "projects" },
  { method: "POST", path: `${CLUSTER}/projects`, permission: "admin", subject: "projects", audit: { verb: "create", ...projectToCreate } },
  { method: "PUT", path: PROJECT, permission: "project:owner", subject: "rename the project", audit: update(projectItself) },
  { method: "DELETE", path: PROJECT, permission: "project:owner", subject: "delete the project", audit: remove(projectItself) },
  { method: "GET", path: `${CLUSTER}/namespaces`, permission: "cluster:read", filter: "namespaces" },
  { method: "POST", path: `${CLUSTER}/namespaces`, permission: "namespace:create", subject: "namespaces", audit: create(namespaceTarget("body")) },
  { method: "PUT", path: `${CLUSTER}/namespaces/:namespace`, permission: "namespace:move", subject: "namespaces", audit: update(namespaceTarget("path"), { action: ["move", "moved"] }) },

  // Members and audit of a project
  { method: "GET", path: `${PROJECT}/members`, permission: "project:read" },
  { method: "POST", path: `${PROJECT}/members`, permission: "project:owner", subject: "manage its members", audit: update(projectMember("body"), { action: ["set", "set"], detail: memberRole }) },
  { method: "DELETE", path: `${PROJECT}/members/:username`, permission: "project:owner", subject: "manage its members", audit: remove(projectMember("path"), { action: ["remove", "removed"] }) },
  { method: "GET", path: `${PROJECT}/audit`, permission: "project:read" },

  // Registries
  { method: "GET", path: REGISTRIES, permission: "project:read" },
  { method: "POST", path: REGISTRIES, permission: "project:write", subject: "registries", audit: create(registryToCreate) },
  { method: "POST", path: `${REGISTRIES}/bulk-delete`, permission: "project:write", subject: "registries", audit: { verb: "delete", ...registriesInBulk } },
  { method: "GET", path: `${REGISTRIES}/project/:name`, permission: "project:read" },
  { method: "PUT", path: `${REGISTRIES}/project/:name`, permission: "project:write", subject: "registries", audit: update(projectRegistry) },
  { method: "DELETE", path: `${REGISTRIES}/project/:name`, permission: "project:write", subject: "registries", audit: remove(projectRegistry) },
  { method: "POST", path: `${REGISTRIES}/project/:name/test`, permission: "project:write", subject: "registries", audit: false },
  { method: "GET", path: `${REGISTRIES}/namespaces/:namespace/:name`, permission: "project:read" },
  { method: "PUT", path: `${REGISTRIES}/namespaces/:namespace/:name`, permission: "project:write", subject: "registries", audit: update(namespacedObject("Secret", "registry", "path")) },
  { method: "DELETE", path: `${REGISTRIES}/namespaces/:namespace/:name`, permission: "project:write", subject: "registries", audit: remove(namespacedObject("Secret", "registry", "path")) },
  { method: "POST", path: `${REGISTRIES}/namespaces/:namespace/:name/test`, permission: "project:write", subject: "registries", audit: false },
  { method: "GET", path: `${PROJECT}/name-availability`, permission: "project:read" },
  { method: "POST", path: "/registry-test", permission: "any-project:write", subject: "test registry credentials", audit: false },

  // Secrets, certificates, ConfigMaps
  ...resourceRules("secrets", "secret", "Secret"),
  ...resourceRules("certificates", "certificate", "Secret"),
  ...resourceRules("configmaps", "ConfigMap", "ConfigMap"),

  // Workloads
  { method: "GET", path: `${PROJECT}/workloads`, permission: "project:read" },
  { method: "POST", path: `${PROJECT}/workloads`, permission: "project:write", subject: "workloads", audit: create(namespacedObject("Deployment", "workload", "body"), { action: ["deploy", "deployed"] }) },
  { method: "GET", path: `${PROJECT}/workloads/:namespace/:name`, permission: "project:read" },
  { method: "PUT", path: `${PROJECT}/workloads/:namespace/:name`, permission: "project:write", subject: "workloads", audit: update(namespacedObject("Deployment", "workload", "path")) },
  { method: "DELETE", path: `${PROJECT}/workloads/:namespace/:name`, permission: "project:write", subject: "workloads", audit: remove(namespacedObject("Deployment", "workload", "path")) },
  { method: "POST", path: `${PROJECT}/workloads/:namespace/:name/redeploy`, permission: "project:write", subject: "workloads", audit: update(namespacedObject("Deployment", "workload", "path"), { action: ["redeploy", "redeployed"] }) },
  { method: "POST", path: `${PROJECT}/workloads/:namespace/:name/scale`, permission: "project:write", subject: "workloads", audit: update(namespacedObject("Deployment", "workload", "path"), { action: ["scale", "scaled"] }) },
  { method: "GET", path: `${PROJECT}/workloads/:namespace/:name/events`, permission: "project:read" },
  { method: "POST", path: `${PROJECT}/pull-secret-preview`, permission: "project:read", audit: false },
  { method: "GET", path: `${PROJECT}/pods`, permission: "project:read" },
  { method: "GET", path: `${PROJECT}/events`, permission: "project:read" },
];
