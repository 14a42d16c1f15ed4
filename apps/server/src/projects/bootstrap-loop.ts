import type { ServerContext } from "../context.ts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { bootstrapProjects } from "./project-bootstrap.ts";
import { probeProjectSupport } from "./project-support.ts";

const PASS_INTERVAL_MS = 5_000;
const FIRST_PASS_TIMEOUT_MS = 15_000;

/**
 * The projects feature's background work: bootstraps every Active cluster that has (or later
 * gets) the Project CRD, once per connection, retrying on the next pass when it fails. The first
 * pass is awaited (bounded), so that a fresh server answers with Default and System already there.
 */
export async function startProjectBootstrap(ctx: ServerContext): Promise<() => void> {
  const done = new WeakSet<ClusterConnection>();
  const running = new WeakSet<ClusterConnection>();
  let stopped = false;

  const bootstrap = async (cluster: ClusterConnection): Promise<void> => {
    if (done.has(cluster) || running.has(cluster) || cluster.state !== "Active") return;
    if (!cluster.projectsSupported && !(await probeProjectSupport(cluster))) return;
    running.add(cluster);
    try {
      const result = await bootstrapProjects(cluster);
      done.add(cluster);
      if (result.createdProjects.length + result.assignedNamespaces.length + result.repairedBackingNamespaces.length > 0) {
        ctx.log.info({ component: "projects", cluster: cluster.id, ...result }, "projects bootstrapped");
      }
    } catch (error) {
      ctx.log.warn({ component: "projects", cluster: cluster.id, err: (error as Error).message }, "bootstrapping projects failed; retrying");
    } finally {
      running.delete(cluster);
    }
  };
  const pass = () => Promise.all(ctx.clusters.list().map(bootstrap));

  let timer: NodeJS.Timeout | undefined;
  await Promise.race([pass(), new Promise((r) => (timer = setTimeout(r, FIRST_PASS_TIMEOUT_MS)))]);
  clearTimeout(timer);
  const interval = setInterval(() => {
    if (!stopped) void pass();
  }, PASS_INTERVAL_MS);
  interval.unref();
  return () => {
    stopped = true;
    clearInterval(interval);
  };
}
