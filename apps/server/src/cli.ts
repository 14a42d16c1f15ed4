import { parseArgs } from "node:util";
import { demoRegistryLines, startDemoRegistry, type DemoRegistry } from "@paddock/embedded-cluster";
import { startServer, defaultKubeconfigPath } from "./serve.ts";

const HELP = `Usage: paddock serve [options]     (npm start -- [options])

Serves the Paddock dashboard and its API, with an embedded Kubernetes cluster.

Options:
  --port N                 dashboard port                               (PORT, default 8080)
  --host ADDRESS           address to listen on; 0.0.0.0 in a container (HOST, default 127.0.0.1)
  --data-dir DIR           the embedded cluster's data                  (PADDOCK_DATA_DIR, default ./.paddock)
  --cluster-port N         the embedded cluster's HTTPS port            (PADDOCK_CLUSTER_PORT, default 6443)
  --no-embedded            do not start the embedded cluster
  --kubeconfig FILE        every context becomes a cluster               (KUBECONFIG, default ~/.kube/config)
  --in-cluster             use the service account of the pod Paddock runs in
  --bootstrap-password PW  the first admin password                      (PADDOCK_BOOTSTRAP_PASSWORD; default: random, printed once)
  --no-demo-registry       do not start the demo registry (on by default when Debian's docker-registry is installed)
  --demo-registry-port N   the demo registry's port on 127.0.0.1          (PADDOCK_DEMO_REGISTRY_PORT, default 5000)
  -h, --help               show this help
`;

export interface ServeCli {
  port: number;
  host: string;
  dataDir: string;
  clusterPort: number;
  embedded: boolean;
  kubeconfig: string;
  inCluster: boolean;
  bootstrapPassword?: string;
  demoRegistry: boolean;
  demoRegistryPort: number;
}

function portOf(flag: string, text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${flag}: "${text}" is not a port number (0-65535)`);
  return port;
}

export function parseServeCli(argv: string[], env: NodeJS.ProcessEnv): ServeCli | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "data-dir": { type: "string" },
      "cluster-port": { type: "string" },
      "no-embedded": { type: "boolean" },
      kubeconfig: { type: "string" },
      "in-cluster": { type: "boolean" },
      "bootstrap-password": { type: "string" },
      "demo-registry": { type: "boolean" },
      "no-demo-registry": { type: "boolean" },
      "demo-registry-port": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return "help";
  const password = values["bootstrap-password"] ?? env.PADDOCK_BOOTSTRAP_PASSWORD;
  return {
    port: portOf("--port", values.port ?? env.PORT ?? "8080"),
    host: values.host ?? env.HOST ?? "127.0.0.1",
    dataDir: values["data-dir"] ?? env.PADDOCK_DATA_DIR ?? "./.paddock",
    clusterPort: portOf("--cluster-port", values["cluster-port"] ?? env.PADDOCK_CLUSTER_PORT ?? "6443"),
    embedded: !values["no-embedded"],
    kubeconfig: values.kubeconfig ?? defaultKubeconfigPath(env),
    inCluster: values["in-cluster"] ?? false,
    ...(password ? { bootstrapPassword: password } : {}),
    demoRegistry: values["no-demo-registry"] ? false : (values["demo-registry"] ?? true),
    demoRegistryPort: portOf("--demo-registry-port", values["demo-registry-port"] ?? env.PADDOCK_DEMO_REGISTRY_PORT ?? "5000"),
  };
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv[0] && !argv[0].startsWith("-") ? argv : ["serve", ...argv];
  if (command === "cluster") {
    const { runClusterCli } = await import("@paddock/embedded-cluster/cli");
    await runClusterCli(rest);
    return;
  }
  if (command !== "serve") {
    process.stderr.write(`paddock: unknown command "${command}": use "serve" or "cluster" (--help lists the options)\n`);
    process.exit(2);
  }
  let options: ServeCli | "help";
  try {
    options = parseServeCli(rest, process.env);
  } catch (error) {
    process.stderr.write(`paddock serve: ${(error as Error).message}\nRun with --help to see the options.\n`);
    process.exit(2);
  }
  if (options === "help") {
    process.stdout.write(HELP);
    return;
  }
  const server = await startServer({
    port: options.port,
    host: options.host,
    dataDir: options.dataDir,
    clusterPort: options.clusterPort,
    embedded: options.embedded,
    kubeconfig: options.kubeconfig,
    inCluster: options.inCluster,
    ...(options.bootstrapPassword ? { bootstrapPassword: options.bootstrapPassword } : {}),
  });
  const lines = [`Paddock is running at ${server.url}`];
  if (server.generatedAdminPassword) lines.push(`Log in as admin with the password ${server.generatedAdminPassword} (shown this once).`);
  else lines.push("Log in as admin (the password was set at first start, or by PADDOCK_BOOTSTRAP_PASSWORD).");
  if (server.embedded) lines.push(`Embedded cluster: ${server.embedded.url}`, `To use kubectl:`, `export KUBECONFIG=${server.embedded.kubeconfigPath}`);
  let demoRegistry: DemoRegistry | undefined;
  if (server.embedded && options.demoRegistry) {
    try {
      const started = await startDemoRegistry({ dataDir: options.dataDir, port: options.demoRegistryPort });
      if ("unavailable" in started) lines.push(`Demo registry: not started: ${started.unavailable}`);
      else {
        demoRegistry = started;
        lines.push(...demoRegistryLines(started));
      }
    } catch (error) {
      lines.push(`Demo registry: not started: ${(error as Error).message}`);
    }
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  const shutdown = () => void Promise.all([server.stop(), demoRegistry?.stop()]).then(() => process.exit(0));
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
