import type { ResourceDefinition } from "../kinds/types.ts";

/** A request path under /api/v1 or /apis/<group>/<version>, resolved to what it addresses. */
export type ApiPath =
  | { type: "groupVersion"; group: string; version: string }
  | {
      type: "resource";
      group: string;
      version: string;
      resource: string;
      /** undefined: across all namespaces (or a cluster-scoped resource) */
      namespace: string | undefined;
      name: string | undefined;
      subresource: string | undefined;
    };

/**
 * Splits `/api/v1/namespaces/default/secrets/x` and friends. `findResource` (a kind is namespaced) tells
 * `/api/v1/namespaces/x/status` (a namespace's subresource) from `/api/v1/namespaces/x/secrets`.
 */
export function parseApiPath(
  pathname: string,
  findResource: (group: string, version: string, resource: string) => ResourceDefinition | undefined,
): ApiPath | undefined {
  const segments = pathname.split("/").filter((s) => s !== "").map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === "api" && segments[1]) {
    group = "";
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === "apis" && segments[1] && segments[2]) {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else return undefined;

  if (rest.length === 0) return { type: "groupVersion", group, version };
  const resource = (name: string, namespace: string | undefined, itemName?: string, sub?: string): ApiPath => ({
    type: "resource",
    group,
    version,
    resource: name,
    namespace,
    name: itemName,
    subresource: sub,
  });
  if (rest[0] === "namespaces" && rest.length >= 3) {
    const namespaced = findResource(group, version, rest[2]!);
    if (namespaced?.namespaced && rest.length <= 5) return resource(rest[2]!, rest[1], rest[3], rest[4]);
  }
  if (rest.length <= 3) return resource(rest[0]!, undefined, rest[1], rest[2]);
  return undefined;
}
