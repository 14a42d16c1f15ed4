// Test helpers of the registries feature (imported by its *.test.ts files only).
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { ApiClient, type ApiResponse, type TestServer } from "../testing/test-server.ts";

/** Polls `check` until it returns without throwing (and not false), or fails with its last error. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== false) return value;
      throw new Error("condition still false");
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** An API client that keeps every response it got (status, headers and body text), to search them. */
export class RecordingApiClient extends ApiClient {
  readonly responses: string[] = [];

  override async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await super.request<T>(method, path, body, headers);
    this.responses.push(`${method} ${path} → ${response.status} ${JSON.stringify([...response.headers])} ${JSON.stringify(response.body)}`);
    return response;
  }
}

/** A pino logger at debug level whose lines are kept in `lines`. */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

/**
 * A project made with kubectl the way Rancher stores one (a Project in the cluster-id namespace,
 * namespaces joined by annotation and label), once the BFF's caches hold it and its namespaces.
 */
export async function createProjectWithKubectl(t: TestServer, projectId: string, displayName: string, namespaces: string[]): Promise<void> {
  const documents = [
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: local`,
    `apiVersion: management.cattle.io/v3\nkind: Project\nmetadata:\n  name: ${projectId}\n  namespace: local\nspec:\n  displayName: ${displayName}\n  clusterName: local`,
    ...namespaces.map(
      (ns) =>
        `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  annotations:\n    field.cattle.io/projectId: "local:${projectId}"\n  labels:\n    field.cattle.io/projectId: ${projectId}`,
    ),
  ];
  const applied = await t.kubectl(["apply", "-f", "-"], { input: documents.join("\n---\n") });
  if (applied.code !== 0) throw new Error(`kubectl apply failed: ${applied.stderr}`);
  const caches = t.server.context.clusters.get("local").caches;
  await eventually(() => caches.projects.get("local", projectId) !== undefined && namespaces.every((ns) => caches.namespaces.get("", ns) !== undefined));
}

/** `kubectl create secret docker-registry`, in a namespace. */
export async function kubectlDockerRegistrySecret(t: TestServer, namespace: string, name: string, server: string, username: string, password: string): Promise<void> {
  const result = await t.kubectl([
    "create", "secret", "docker-registry", name, "-n", namespace,
    `--docker-server=${server}`, `--docker-username=${username}`, `--docker-password=${password}`,
  ]);
  if (result.code !== 0) throw new Error(`kubectl create secret failed: ${result.stderr}`);
}

/** The decoded `.dockerconfigjson` of a Secret, read with kubectl. */
export async function dockerConfigJsonOf(t: TestServer, namespace: string, name: string): Promise<string> {
  const result = await t.kubectl(["get", "secret", name, "-n", namespace, "-o", "jsonpath={.data.\\.dockerconfigjson}"]);
  if (result.code !== 0) throw new Error(`kubectl get secret failed: ${result.stderr}`);
  return Buffer.from(result.stdout, "base64").toString("utf8");
}

/** The server's own client of the embedded cluster, to look at what it stored without spawning kubectl. */
export function coreOf(t: TestServer) {
  return t.server.context.clusters.get("local").core;
}

/** The decoded `.dockerconfigjson` of a Secret, read with client-node. */
export async function storedDockerConfigJson(t: TestServer, namespace: string, name: string): Promise<string> {
  const secret = await coreOf(t).readNamespacedSecret({ name, namespace });
  return Buffer.from(secret.data?.[".dockerconfigjson"] ?? "", "base64").toString("utf8");
}

/** Whether the cluster answers 404 for the Secret. */
export async function secretIsGone(t: TestServer, namespace: string, name: string): Promise<boolean> {
  try {
    await coreOf(t).readNamespacedSecret({ name, namespace });
    return false;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return true;
    throw error;
  }
}

/** Fails when any response or log line holds one of the passwords, or `auth` (base64 of username:password) made from it. */
export function expectNoPassword(texts: string[], credentials: Array<{ username: string; password: string }>): void {
  const needles = credentials.flatMap(({ username, password }) => [password, Buffer.from(`${username}:${password}`).toString("base64")]);
  const leaks = texts.flatMap((text) => needles.filter((needle) => text.includes(needle)).map((needle) => `${needle.slice(0, 3)}… in ${text.slice(0, 120)}`));
  if (leaks.length > 0) throw new Error(`passwords leaked:\n${leaks.join("\n")}`);
}
