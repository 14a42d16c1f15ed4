import { parseArgs } from "node:util";
import { startEmbeddedCluster } from "./cluster.ts";
import { DEFAULT_DEMO_REGISTRY_PORT, startDemoRegistry, type DemoRegistry } from "./demo-registry.ts";

const HELP = `Usage: npm run cluster -- [options]

Starts Paddock's embedded Kubernetes API server and writes a kubeconfig for kubectl.

Options:
  --port N                 HTTPS port on 127.0.0.1; 0 picks a free port  (PADDOCK_CLUSTER_PORT, default 6443)
  --data-dir DIR           certificates, token, kubeconfig and state       (PADDOCK_DATA_DIR, default ./.paddock)
  --demo-registry          run a demo registry holding demo/hello:1.0      (default: on when docker-registry is installed)
  --no-demo-registry       do not start the demo registry
  --demo-registry-port N   its HTTP port on 127.0.0.1                      (PADDOCK_DEMO_REGISTRY_PORT, default ${DEFAULT_DEMO_REGISTRY_PORT})
  -h, --help               show this help
`;

interface CliOptions {
  port: number;
  dataDir: string;
  demoRegistry: boolean;
  demoRegistryPort: number;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      "data-dir": { type: "string" },
      "demo-registry": { type: "boolean" },
      "no-demo-registry": { type: "boolean" },
      "demo-registry-port": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return "help";
  const portText = values.port ?? env.PADDOCK_CLUSTER_PORT ?? "6443";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port: "${portText}" is not a port number (0-65535)`);
  }
  const demoPortText = values["demo-registry-port"] || env.PADDOCK_DEMO_REGISTRY_PORT || String(DEFAULT_DEMO_REGISTRY_PORT);
  const demoRegistryPort = Number(demoPortText);
  if (!Number.isInteger(demoRegistryPort) || demoRegistryPort < 1 || demoRegistryPort > 65535) {
    throw new Error(`--demo-registry-port: "${demoPortText}" is not a port number (1-65535)`);
  }
  return {
    port,
    dataDir: values["data-dir"] ?? env.PADDOCK_DATA_DIR ?? "./.paddock",
    demoRegistry: values["no-demo-registry"] ? false : (values["demo-registry"] ?? true),
    demoRegistryPort,
  };
}

export function demoRegistryLines(registry: DemoRegistry): string[] {
  return [
    `Demo registry: ${registry.url} (user ${registry.username}, password in ${registry.passwordFile}), image ${registry.image}`,
    `To let pods pull from it:`,
    `kubectl create secret docker-registry demo-registry --docker-server=${registry.host} --docker-username=${registry.username} --docker-password="$(cat ${registry.passwordFile})"`,
  ];
}

/** `npm run cluster` / `paddock cluster`: the embedded cluster (and the demo registry) until SIGINT/SIGTERM. */
export async function runClusterCli(argv: string[]): Promise<void> {
  let options: CliOptions | "help";
  try {
    options = parseCli(argv, process.env);
  } catch (error) {
    process.stderr.write(`paddock cluster: ${(error as Error).message}\nRun with --help to see the options.\n`);
    process.exit(2);
  }
  if (options === "help") {
    process.stdout.write(HELP);
    return;
  }
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const cluster = await startEmbeddedCluster({ dataDir: options.dataDir, port: options.port, log });
  let demoRegistry: DemoRegistry | undefined;
  const lines = [
    `Embedded Kubernetes API server listening on ${cluster.url}`,
    `kubeconfig: ${cluster.kubeconfigPath}`,
    `To use kubectl:`,
    `export KUBECONFIG=${cluster.kubeconfigPath}`,
  ];
  if (options.demoRegistry) {
    try {
      const started = await startDemoRegistry({ dataDir: options.dataDir, port: options.demoRegistryPort, log });
      if ("unavailable" in started) {
        lines.push(`Demo registry: not started: ${started.unavailable}`);
      } else {
        demoRegistry = started;
        lines.push(...demoRegistryLines(started));
      }
    } catch (error) {
      // The cluster is still useful without the demo registry: say why and go on.
      lines.push(`Demo registry: not started: ${(error as Error).message}`);
    }
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void Promise.all([cluster.stop(), demoRegistry?.stop()]).then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

if (import.meta.url === `file://${process.argv[1]}`) await runClusterCli(process.argv.slice(2));
