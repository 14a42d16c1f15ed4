import type { AuditSpec } from "../audit/audit-spec.ts";

/**
 * What a route needs of the user:
 * - `admin`: a Paddock administrator;
 * - `self`: any logged-in user, acting on their own things (their password, their tokens);
 * - `session`: as `self`, but only from a dashboard session, not with an API token;
 * - `cluster:read`: a member (any role) of at least one project of `:cluster`;
 * - `project:read` / `project:write` / `project:owner`: the read-only, member or owner role (or
 *   more) in `:project` of `:cluster`;
 * - `namespace:create`: `project:write` on the body's `projectId` (admin when in no project);
 * - `namespace:move`: `project:write` on the namespace's project and on the body's `projectId`
 *   (admin for a namespace in no project, or to take one out of every project);
 * - `any-project:write`: the member or owner role in at least one project (testing credentials
 *   against an address of one's choosing is part of adding a registry).
 * Administrators may do everything.
 */
export type Permission =
  | "admin"
  | "self"
  | "session"
  | "cluster:read"
  | "project:read"
  | "project:write"
  | "project:owner"
  | "namespace:create"
  | "namespace:move"
  | "any-project:write";

/** Lists whose items a non-admin only sees in part: the clusters, projects and namespaces they are a member of. */
export type ListFilter = "clusters" | "projects" | "namespaces";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RouteRule {
  method: Method;
  /** the Express path under /api, e.g. `/clusters/:cluster/projects/:project/registries` */
  path: string;
  permission: Permission;
  /** what the route changes, for refusals: "You are a read-only member …: you cannot change <subject>." */
  subject?: string;
  filter?: ListFilter;
  /** every write says what the audit trail records of it; false for a POST that changes nothing */
  audit?: AuditSpec | false;
}

export interface RouteMatch {
  rule: RouteRule;
  params: Record<string, string>;
}

interface CompiledRule {
  rule: RouteRule;
  pattern: RegExp;
  names: string[];
}

function compile(rule: RouteRule): CompiledRule {
  const names: string[] = [];
  const source = rule.path
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(segment.slice(1));
      return "([^/]+)";
    })
    .join("/");
  // As Express matches by default: case-insensitive, an optional trailing slash.
  return { rule, pattern: new RegExp(`^${source}/?$`, "i"), names };
}

/** Finds the rule of a request by method and path, the way Express finds its route. */
export class RouteTable {
  readonly #rules: CompiledRule[];

  constructor(readonly rules: readonly RouteRule[]) {
    this.#rules = rules.map(compile);
  }

  match(method: string, path: string): RouteMatch | undefined {
    const wanted = method === "HEAD" ? "GET" : method;
    for (const { rule, pattern, names } of this.#rules) {
      if (rule.method !== wanted) continue;
      const found = pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      try {
        names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1]!)));
      } catch {
        return undefined; // a malformed escape: Express refuses it too
      }
      return { rule, params };
    }
    return undefined;
  }
}
