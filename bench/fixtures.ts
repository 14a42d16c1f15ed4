import type { V1Secret } from "@kubernetes/client-node";

interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The kubectl of a test cluster or test server: (args, {input, timeoutMs}) → result. */
export type Kubectl = (args: string[], options: { input?: string; timeoutMs?: number }) => Promise<CommandResult>;

/** A registry Secret as `kubectl create secret docker-registry` writes it (one address, a made-up password). */
export function registrySecret(namespace: string, name: string, index: number): V1Secret {
  const server = `registry-${index}.bench.example`;
  const username = `user-${index}`;
  const password = `bench-password-${index}`;
  const auth = Buffer.from(`${username}:${password}`).toString("base64");
  const config = JSON.stringify({ auths: { [server]: { username, password, auth } } });
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace },
    type: "kubernetes.io/dockerconfigjson",
    data: { ".dockerconfigjson": Buffer.from(config).toString("base64") },
  };
}

export function registrySecretName(prefix: string, index: number): string {
  return `${prefix}-${String(index).padStart(5, "0")}`;
}

/**
 * Creates registry Secrets `prefix-from` … `prefix-(to-1)` in `namespace` with one
 * `kubectl create -f -` of a List: kubectl keeps its connection open, where client-node opens a
 * new TLS connection for every request, so thousands of fixtures take seconds rather than a minute.
 */
export async function createRegistrySecrets(kubectl: Kubectl, namespace: string, prefix: string, from: number, to: number): Promise<void> {
  const items = [];
  for (let index = from; index < to; index++) items.push(registrySecret(namespace, registrySecretName(prefix, index), index));
  // --validate=false: the fixtures are known good, and validation would fetch the OpenAPI schema first.
  const result = await kubectl(["create", "--validate=false", "-f", "-", "-o", "name"], {
    input: JSON.stringify({ apiVersion: "v1", kind: "List", items }),
    timeoutMs: 60_000,
  });
  if (result.code !== 0) throw new Error(`kubectl create of ${to - from} Secrets in ${namespace} failed: ${result.stderr.trim()}`);
}

export async function createNamespace(kubectl: Kubectl, name: string): Promise<void> {
  const result = await kubectl(["create", "namespace", name], {});
  if (result.code !== 0) throw new Error(`kubectl create namespace ${name} failed: ${result.stderr.trim()}`);
}
