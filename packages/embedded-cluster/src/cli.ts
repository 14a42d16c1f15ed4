import { parseArgs } from "node:util";
import { startEmbeddedCluster } from "./cluster.ts";

const HELP = `Usage: npm run cluster -- [options]

Starts Paddock's embedded Kubernetes API server and writes a kubeconfig for kubectl.

Options:
  --port N              HTTPS port on 127.0.0.1; 0 picks a free port   (PADDOCK_CLUSTER_PORT, default 6443)
  --data-dir DIR        certificates, token, kubeconfig and state        (PADDOCK_DATA_DIR, default ./.paddock)
  --no-demo-registry    do not start the demo registry                   (the demo registry is not part of this version yet)
  --demo-registry       start the demo registry when available
  -h, --help            show this help
`;

interface CliOptions {
  port: number;
  dataDir: string;
  demoRegistry: boolean;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      "data-dir": { type: "string" },
      "demo-registry": { type: "boolean" },
      "no-demo-registry": { type: "boolean" },
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
  return {
    port,
    dataDir: values["data-dir"] ?? env.PADDOCK_DATA_DIR ?? "./.paddock",
    demoRegistry: values["no-demo-registry"] ? false : (values["demo-registry"] ?? true),
  };
}

async function main(): Promise<void> {
  let options: CliOptions | "help";
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`paddock cluster: ${(error as Error).message}\nRun with --help to see the options.\n`);
    process.exit(2);
  }
  if (options === "help") {
    process.stdout.write(HELP);
    return;
  }
  const cluster = await startEmbeddedCluster({
    dataDir: options.dataDir,
    port: options.port,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(
    [
      `Embedded Kubernetes API server listening on ${cluster.url}`,
      `kubeconfig: ${cluster.kubeconfigPath}`,
      `To use kubectl:`,
      `export KUBECONFIG=${cluster.kubeconfigPath}`,
      "",
    ].join("\n"),
  );
  const shutdown = () => {
    void cluster.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
