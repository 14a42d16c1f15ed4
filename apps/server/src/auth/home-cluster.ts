import type { ServerContext } from "../context.ts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { EMBEDDED_CLUSTER_ID } from "../kube/cluster-registry.ts";
import { TokenStore } from "./api-tokens.ts";
import { UserStore } from "./user-store.ts";

/** The cluster that holds Paddock's users, tokens and session key (the one serve.ts bootstraps the admin in). */
export function homeCluster(ctx: ServerContext): ClusterConnection {
  return ctx.clusters.find(EMBEDDED_CLUSTER_ID);
}

export function userStoreOf(ctx: ServerContext): UserStore {
  return new UserStore(homeCluster(ctx));
}

export function tokenStoreOf(ctx: ServerContext): TokenStore {
  return new TokenStore(homeCluster(ctx));
}
