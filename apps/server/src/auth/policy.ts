import type { Request, RequestHandler, Response } from "express";
import { namespaceCreateSchema, namespaceMoveSchema, type ProjectRole } from "@paddock/contracts";
import type { ClusterRegistry } from "../kube/cluster-registry.ts";
import { ForbiddenError } from "../errors.ts";
import { parse } from "../http/validate.ts";
import { projectOfNamespace } from "../projects/rancher-model.ts";
import { Access } from "./access.ts";
import { ROLE_RANK } from "./project-members.ts";
import { POLICY } from "./policy-table.ts";
import { RouteTable, type ListFilter, type RouteMatch, type RouteRule } from "./route-table.ts";

declare module "express-serve-static-core" {
  interface Request {
    /** what the logged-in user may reach (set by the policy middleware) */
    access?: Access;
  }
}

const ROLE_WORDS: Record<ProjectRole, string> = { "read-only": "a read-only member", member: "a member", owner: "an owner" };

function quoted(value: string): string {
  return `"${value.length > 100 ? `${value.slice(0, 100)}…` : value}"`;
}

/** The refusals, worded for the person: what they are, and what they cannot do. */
class Refusals {
  constructor(private readonly access: Access) {}

  projectName(cluster: string, project: string): string {
    return this.access.project(cluster, project)?.displayName ?? project;
  }

  notMember(cluster: string, project: string): ForbiddenError {
    const known = this.access.project(cluster, project);
    const where = known ? quoted(known.displayName) : `${quoted(project)} in cluster ${quoted(cluster)}`;
    return new ForbiddenError(`You are not a member of project ${where}: ask one of its owners or a Paddock administrator to add you.`);
  }

  tooLow(rule: RouteRule, role: ProjectRole, needed: ProjectRole, cluster: string, project: string): ForbiddenError {
    const name = quoted(this.projectName(cluster, project));
    const subject = rule.subject ?? "change it";
    if (needed === "owner") return new ForbiddenError(`You are ${ROLE_WORDS[role]} of project ${name}: only its owners can ${subject}.`);
    return new ForbiddenError(`You are ${ROLE_WORDS[role]} of project ${name}: you cannot change ${subject}.`);
  }
}

/** Throws unless the user has `needed` (or more) in the project; admins always pass. */
function requireRole(access: Access, rule: RouteRule, cluster: string, project: string, needed: ProjectRole): void {
  if (access.admin) return;
  const refusals = new Refusals(access);
  const role = access.role(cluster, project);
  if (!role) throw refusals.notMember(cluster, project);
  if (ROLE_RANK[role] < ROLE_RANK[needed]) throw refusals.tooLow(rule, role, needed, cluster, project);
}

function requireAdmin(access: Access, message: string): void {
  if (!access.admin) throw new ForbiddenError(message);
}

const NEEDED: Partial<Record<RouteRule["permission"], ProjectRole>> = { "project:read": "read-only", "project:write": "member", "project:owner": "owner" };

function decide(req: Request, { rule, params }: RouteMatch, access: Access): void {
  const cluster = params.cluster ?? "";
  switch (rule.permission) {
    case "self":
      return;
    case "session":
      if (req.credential?.via === "token") throw new ForbiddenError(`An API token cannot ${rule.subject ?? "do this"}: log in to the dashboard to do it.`);
      return;
    case "admin":
      return requireAdmin(access, `Only a Paddock administrator can manage ${rule.subject ?? "this"}.`);
    case "cluster:read": {
      if (access.admin) return;
      const connection = access.cluster(cluster); // a cluster that is not connected says so
      if (connection && access.seesCluster(connection)) return;
      throw new ForbiddenError(`You are not a member of any project in cluster ${quoted(cluster)}: ask a project owner or a Paddock administrator to add you.`);
    }
    case "project:read":
    case "project:write":
    case "project:owner":
      return requireRole(access, rule, cluster, params.project ?? "", NEEDED[rule.permission]!);
    case "namespace:create": {
      if (access.admin) return;
      const { projectId } = parse(namespaceCreateSchema, req.body, "body");
      if (projectId === undefined) throw new ForbiddenError("Only a Paddock administrator can create a namespace outside every project: choose a project you are a member of.");
      return requireRole(access, rule, cluster, projectId, "member");
    }
    case "namespace:move": {
      if (access.admin) return;
      const { projectId } = parse(namespaceMoveSchema, req.body, "body");
      const namespace = access.cluster(cluster)?.caches.namespaces.get("", params.namespace ?? "");
      const from = namespace ? projectOfNamespace(namespace, cluster) : null;
      if (from === null) throw new ForbiddenError(`Only a Paddock administrator can move namespace ${quoted(params.namespace ?? "")}: it is in no project of yours.`);
      requireRole(access, rule, cluster, from, "member");
      if (projectId === null) throw new ForbiddenError("Only a Paddock administrator can take a namespace out of every project: move it to another project instead.");
      return requireRole(access, rule, cluster, projectId, "member");
    }
    case "any-project:write":
      if (access.admin || access.memberships().some((m) => ROLE_RANK[m.role] >= ROLE_RANK.member)) return;
      throw new ForbiddenError(`You need the member or owner role in a project to ${rule.subject ?? "do this"}.`);
  }
}

/** Non-admins see the clusters, projects and namespaces of their memberships only. */
function filterItems(filter: ListFilter, items: unknown[], access: Access, params: Record<string, string>): unknown[] {
  const memberships = access.memberships();
  const inCluster = (cluster: string) => new Set(memberships.filter((m) => m.cluster === cluster).map((m) => m.project));
  switch (filter) {
    case "clusters":
      return items.flatMap((item) => {
        const cluster = item as { id: string; projectCount?: number };
        const projects = inCluster(cluster.id);
        if (projects.size === 0) return [];
        return [cluster.projectCount === undefined ? cluster : { ...cluster, projectCount: projects.size }];
      });
    case "projects": {
      const projects = inCluster(params.cluster ?? "");
      return items.filter((item) => projects.has((item as { id: string }).id));
    }
    case "namespaces": {
      const projects = inCluster(params.cluster ?? "");
      return items.filter((item) => {
        const projectId = (item as { projectId: string | null }).projectId;
        return projectId !== null && projects.has(projectId);
      });
    }
  }
}

function filterResponse(res: Response, filter: ListFilter, access: Access, params: Record<string, string>): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const items = (body as { items?: unknown } | undefined)?.items;
    if (res.statusCode !== 200 || !Array.isArray(items)) return json(body);
    return json({ ...(body as object), items: filterItems(filter, items, access, params) });
  };
}

/**
 * The one place where Paddock decides who may use which route (the table: auth/policy-table.ts).
 * Mounted after authentication and before every feature router. A route that is not in the table
 * is for administrators only.
 */
export function policy(clusters: ClusterRegistry, rules: readonly RouteRule[] = POLICY): RequestHandler {
  const table = new RouteTable(rules);
  return (req, res, next) => {
    const access = new Access(req.user!, clusters);
    req.access = access;
    const match = table.match(req.method, req.path);
    if (!match) {
      requireAdmin(access, `Only a Paddock administrator can use ${req.method} /api${req.path.length > 200 ? `${req.path.slice(0, 200)}…` : req.path}.`);
      return next();
    }
    decide(req, match, access);
    if (match.rule.filter && !access.admin) filterResponse(res, match.rule.filter, access, match.params);
    next();
  };
}
