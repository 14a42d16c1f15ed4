import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedCluster, type EmbeddedCluster, type EmbeddedClusterOptions } from "../cluster.ts";
import { kubectl, type CommandResult } from "./kubectl.ts";

export interface TestCluster {
  cluster: EmbeddedCluster;
  dataDir: string;
  kubectl(args: string[], options?: { input?: string; env?: Record<string, string>; timeoutMs?: number }): Promise<CommandResult>;
  stop(): Promise<void>;
}

/** A real embedded cluster on a free port, in a temporary data directory, for one test file. */
export async function startTestCluster(options: Partial<EmbeddedClusterOptions> = {}): Promise<TestCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), "paddock-cluster-"));
  const cacheDir = mkdtempSync(join(tmpdir(), "paddock-kubectl-"));
  const cluster = await startEmbeddedCluster({ dataDir, port: 0, inMemory: true, ...options });
  return {
    cluster,
    dataDir,
    kubectl: (args, opts) => kubectl(cluster.kubeconfigPath, cacheDir, args, opts),
    async stop() {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
