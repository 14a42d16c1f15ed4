// The kubelet against a real Distribution registry with `auth: token`: the Bearer challenge is
// answered by asking the token service (played by the test) with the pull secret's credentials.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushImage } from "@paddock/registry-auth";
import type { KubeObject } from "../api/types.ts";
import { startTestCluster, type TestCluster } from "../testing/test-cluster.ts";
import { startTokenRegistry, type TokenRegistry } from "@paddock/registry-auth/testing";
import { waitFor } from "../testing/wait-for.ts";

let registry: TokenRegistry;
let t: TestCluster;
let image: string;

beforeAll(async () => {
  registry = await startTokenRegistry({ bob: "hunter2-hunter2" });
  await pushImage({ registry: registry.host, repository: "team/app", tag: "2.0", credential: { username: "bob", password: "hunter2-hunter2" } });
  image = `${registry.host}/team/app:2.0`;
  t = await startTestCluster({ imagePullBackOff: { initialMs: 200, maxMs: 800 } });
});
afterAll(async () => {
  await t?.stop();
  await registry?.stop();
});

function podYaml(name: string, secret?: string): string {
  const lines = ["apiVersion: v1", "kind: Pod", "metadata:", `  name: ${name}`, "spec:", "  containers:", "  - name: app", `    image: ${image}`, "    imagePullPolicy: Always"];
  if (secret) lines.push("  imagePullSecrets:", `  - name: ${secret}`);
  return `${lines.join("\n")}\n`;
}

function pod(name: string): KubeObject | undefined {
  return t.cluster.service.tryGet(t.cluster.service.definition("", "pods"), "default", name);
}

function events(name: string): string[] {
  return t.cluster.service
    .list(t.cluster.service.definition("", "events"), "default")
    .items.filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => `${String(e.type)} ${String(e.reason)}: ${String(e.message)}`);
}

const waitForEvent = (name: string, text: string) => waitFor(() => events(name).some((e) => e.includes(text)), `"${text}" for ${name}`);
const resolveError = (inner: string) => `failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${inner}`;

describe("pulling from a registry with Bearer token auth", () => {
  it("is refused an anonymous token's pull", async () => {
    await t.kubectl(["apply", "-f", "-"], { input: podYaml("anonymous") });
    await waitForEvent("anonymous", "Error: ImagePullBackOff");
    const error = resolveError("pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed");
    expect(events("anonymous")).toEqual(expect.arrayContaining([`Warning Failed: Failed to pull image "${image}": ${error}`, "Warning Failed: Error: ErrImagePull"]));
    const waiting = (pod("anonymous")?.status as { containerStatuses: Array<{ state: { waiting?: { reason: string; message: string } } }> }).containerStatuses[0]?.state.waiting;
    expect([error, `Back-off pulling image "${image}": ErrImagePull: ${error}`]).toContain(waiting?.message);
    expect(registry.tokenRequests).toContain("- ?scope=repository%3Ateam%2Fapp%3Apull&service=paddock-test-registry");
  });

  it("pulls with the credentials of a docker-registry secret, and reports a wrong password as the token service's refusal", async () => {
    const create = (name: string, password: string) =>
      t.kubectl(["create", "secret", "docker-registry", name, `--docker-server=${registry.host}`, "--docker-username=bob", `--docker-password=${password}`]);
    await create("tokencred", "hunter2-hunter2");
    await create("wrongcred", "not-it");
    await t.kubectl(["apply", "-f", "-"], { input: podYaml("with-token", "tokencred") + "---\n" + podYaml("wrong-token", "wrongcred") });
    await waitFor(() => (pod("with-token")?.status as { phase?: string } | undefined)?.phase === "Running", "with-token Running");
    await waitForEvent("wrong-token", "Error: ErrImagePull");

    expect(events("with-token")).toEqual(expect.arrayContaining([expect.stringMatching(/^Normal Pulled: Successfully pulled image "127\.0\.0\.1:\d+\/team\/app:2\.0" in \d+m?s/)]));
    const realm = `${registry.realm}?scope=repository%3Ateam%2Fapp%3Apull&service=paddock-test-registry`;
    expect(events("wrong-token")).toContain(
      `Warning Failed: Failed to pull image "${image}": ${resolveError(`failed to authorize: failed to fetch oauth token: unexpected status from GET request to ${realm}: 401 Unauthorized`)}`,
    );
    const table = await t.kubectl(["get", "pods", "with-token", "wrong-token", "--no-headers"]);
    expect(table.stdout.split("\n").map((l) => l.split(/\s+/).slice(0, 3))).toEqual([
      ["with-token", "1/1", "Running"],
      ["wrong-token", "0/1", expect.stringMatching(/^(ErrImagePull|ImagePullBackOff)$/)],
      [""],
    ]);
  });
});
