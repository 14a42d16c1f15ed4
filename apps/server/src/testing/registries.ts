// Registry Secrets for the tests: made as kubectl makes them, and read back from the cluster.
import type { CoreV1Api, V1Secret } from "@kubernetes/client-node";
import { statusCode } from "../kube/api-errors.ts";
import { localCluster } from "./projects.ts";
import type { TestServer } from "./test-server.ts";

/** The `data` of a registry Secret holding one entry, as `kubectl create secret docker-registry` writes it. */
export function registryData(username: string, password: string, server = "registry.example.com"): Record<string, string> {
  const auth = Buffer.from(`${username}:${password}`).toString("base64");
  return { ".dockerconfigjson": Buffer.from(JSON.stringify({ auths: { [server]: { username, password, auth } } })).toString("base64") };
}

/** `kubectl create secret docker-registry`, as a user who makes a registry by hand. */
export async function kubectlDockerRegistrySecret(t: TestServer, namespace: string, name: string, server: string, username: string, password: string): Promise<void> {
  const result = await t.kubectl(["create", "secret", "docker-registry", name, "-n", namespace, `--docker-server=${server}`, `--docker-username=${username}`, `--docker-password=${password}`]);
  if (result.code !== 0) throw new Error(`kubectl create secret failed: ${result.stderr}`);
}

/** The decoded `.dockerconfigjson` of a Secret, read with kubectl. */
export async function dockerConfigJsonOf(t: TestServer, namespace: string, name: string): Promise<string> {
  const result = await t.kubectl(["get", "secret", name, "-n", namespace, "-o", "jsonpath={.data.\\.dockerconfigjson}"]);
  if (result.code !== 0) throw new Error(`kubectl get secret failed: ${result.stderr}`);
  return Buffer.from(result.stdout, "base64").toString("utf8");
}

/** The decoded `.dockerconfigjson` of a Secret, read with client-node. */
export async function storedDockerConfigJson(t: TestServer, namespace: string, name: string): Promise<string> {
  const secret = await localCluster(t).core.readNamespacedSecret({ name, namespace });
  return Buffer.from(secret.data?.[".dockerconfigjson"] ?? "", "base64").toString("utf8");
}

/** The Secret, or undefined when the cluster answers 404. */
export async function tryReadSecret(core: CoreV1Api, namespace: string, name: string): Promise<V1Secret | undefined> {
  try {
    return await core.readNamespacedSecret({ namespace, name });
  } catch (error) {
    if (statusCode(error) === 404) return undefined;
    throw error;
  }
}

export async function secretIsGone(t: TestServer, namespace: string, name: string): Promise<boolean> {
  return (await tryReadSecret(localCluster(t).core, namespace, name)) === undefined;
}
