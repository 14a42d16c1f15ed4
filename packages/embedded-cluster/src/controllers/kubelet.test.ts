// The kubelet against a real Distribution registry with htpasswd and TLS (a CA made by the test),
// through real kubectl: the pull story of the Rancher page as a real cluster tells it.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushImage } from "@paddock/registry-auth";
import { startDockerRegistry, type DockerRegistryFixture } from "@paddock/registry-auth/testing";
import type { KubeObject } from "../api/types.ts";
import { startTestCluster, type TestCluster } from "../testing/test-cluster.ts";
import { waitFor } from "../testing/wait-for.ts";

const USER = "alice";
const PASSWORD = "s3cret-pass";

let registry: DockerRegistryFixture;
let t: TestCluster;
let work: string;
let image: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "paddock-kubelet-test-"));
  registry = await startDockerRegistry({ users: { [USER]: PASSWORD }, tls: true });
  const caFile = join(work, "registry-ca.crt");
  writeFileSync(caFile, registry.caCert!);
  const credential = { username: USER, password: PASSWORD };
  for (const repository of ["private/app", "private/later", "private/init"]) {
    await pushImage({ registry: registry.host, repository, tag: "1.0", credential, ca: registry.caCert });
  }
  image = `${registry.host}/private/app:1.0`;
  t = await startTestCluster({ imagePullBackOff: { initialMs: 200, maxMs: 800 }, registryCaFile: caFile });
});
afterAll(async () => {
  await t?.stop();
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** The Rancher page's pod.yml, pointing at the test registry. */
function podYaml(name: string, options: { image?: string; secrets?: string[]; policy?: string; init?: string; initPolicy?: string } = {}): string {
  const lines = ["apiVersion: v1", "kind: Pod", "metadata:", `  name: ${name}`, "spec:"];
  if (options.init) lines.push("  initContainers:", "  - name: setup", `    image: ${options.init}`);
  if (options.initPolicy) lines.push(`    imagePullPolicy: ${options.initPolicy}`);
  lines.push("  containers:", "  - name: private-reg-container", `    image: ${options.image ?? image}`);
  if (options.policy) lines.push(`    imagePullPolicy: ${options.policy}`);
  if (options.secrets) lines.push("  imagePullSecrets:", ...options.secrets.map((s) => `  - name: ${s}`));
  return `${lines.join("\n")}\n`;
}

async function apply(yaml: string): Promise<void> {
  const result = await t.kubectl(["apply", "-f", "-"], { input: yaml });
  expect(result.stderr).toBe("");
}

function pod(name: string): KubeObject | undefined {
  return t.cluster.service.tryGet(t.cluster.service.definition("", "pods"), "default", name);
}

function eventReasons(name: string): string[] {
  return t.cluster.service
    .list(t.cluster.service.definition("", "events"), "default")
    .items.filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => `${String(e.reason)}: ${String(e.message)}`);
}

const waitForEvent = (name: string, text: string) => waitFor(() => eventReasons(name).some((e) => e.includes(text)), `"${text}" for ${name}`);
const waitForPhase = (name: string, phase: string) => waitFor(() => (pod(name)?.status as { phase?: string } | undefined)?.phase === phase, `${name} ${phase}`);

function rows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split("\n")
    .map((line) => line.trim().split(/\s{2,}/));
}

/** `kubectl get events` for one pod, each row without its LAST SEEN cell. */
async function podEvents(name: string): Promise<string[]> {
  const result = await t.kubectl(["get", "events", "--field-selector", `involvedObject.name=${name}`]);
  expect(result.stderr).toBe("");
  const [header, ...body] = rows(result.stdout);
  expect(header).toEqual(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]);
  return body.map((row) => row.slice(1).join(" | "));
}

/**
 * The rows, in any order: events recorded within one millisecond get names (and so list
 * positions) in random order from the event recorder.
 */
function expectSameRows(actual: string[], expected: Array<string | ReturnType<typeof expect.stringMatching>>): void {
  expect(actual).toHaveLength(expected.length);
  expect(actual).toEqual(expect.arrayContaining(expected));
}

async function describeSection(name: string, heading: string): Promise<string[]> {
  const { stdout } = await t.kubectl(["describe", "pod", name]);
  const lines = stdout.split("\n");
  const start = lines.findIndex((l) => l.startsWith(heading));
  const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
  return lines.slice(start, end === -1 ? undefined : end).map((l) => l.trimEnd());
}

const noCredentialsError = (img: string) =>
  `failed to pull and unpack image "${img}": failed to resolve reference "${img}": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials`;

describe("pulling from a registry with htpasswd and TLS", () => {
  it("fails without imagePullSecrets: ErrImagePull, then ImagePullBackOff with kubelet's back-off", async () => {
    await apply(podYaml("private-reg"));
    await waitForEvent("private-reg", "Error: ImagePullBackOff");
    const error = noCredentialsError(image);

    expectSameRows(await podEvents("private-reg"), [
        "Normal | Scheduled | pod/private-reg | Successfully assigned default/private-reg to paddock-node",
        `Normal | Pulling | pod/private-reg | Pulling image "${image}"`,
        `Warning | Failed | pod/private-reg | Failed to pull image "${image}": ${error}`,
        "Warning | Failed | pod/private-reg | Error: ErrImagePull",
        `Normal | BackOff | pod/private-reg | Back-off pulling image "${image}"`,
        "Warning | Failed | pod/private-reg | Error: ImagePullBackOff",
    ]);

    const pods = rows((await t.kubectl(["get", "pod", "private-reg"])).stdout);
    expect(pods[0]).toEqual(["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
    expect(pods[1]).toEqual(["private-reg", "0/1", expect.stringMatching(/^(ErrImagePull|ImagePullBackOff)$/), "0", expect.stringMatching(/^\d+s$/)]);

    const json = JSON.parse((await t.kubectl(["get", "pod", "private-reg", "-o", "json"])).stdout) as { status: Record<string, unknown> };
    const status = json.status as { phase: string; conditions: Array<Record<string, unknown>>; containerStatuses: Array<{ state: { waiting: { reason: string; message: string } } }> };
    expect(status.phase).toBe("Pending");
    const waiting = status.containerStatuses[0]!.state.waiting;
    expect(waiting).toEqual(
      waiting.reason === "ErrImagePull"
        ? { reason: "ErrImagePull", message: error }
        : { reason: "ImagePullBackOff", message: `Back-off pulling image "${image}": ErrImagePull: ${error}` },
    );
    const notReady = { status: "False", reason: "ContainersNotReady", message: "containers with unready status: [private-reg-container]" };
    expect(status.conditions.map(({ lastProbeTime: _p, lastTransitionTime: _t, ...c }) => c)).toEqual([
      { type: "PodReadyToStartContainers", status: "True" },
      { type: "Initialized", status: "True" },
      { type: "Ready", ...notReady },
      { type: "ContainersReady", ...notReady },
      { type: "PodScheduled", status: "True" },
    ]);

    const containers = await describeSection("private-reg", "Containers:");
    expect(containers.slice(0, 9)).toEqual([
      "Containers:",
      "  private-reg-container:",
      "    Container ID:",
      `    Image:          ${image}`,
      "    Image ID:",
      "    Port:           <none>",
      "    Host Port:      <none>",
      "    State:          Waiting",
      expect.stringMatching(/^ {6}Reason: {7}(ErrImagePull|ImagePullBackOff)$/),
    ]);
    const events = await describeSection("private-reg", "Events:");
    expect(events.slice(0, 4)).toEqual([
      "Events:",
      expect.stringMatching(/^ {2}Type {5}Reason {5}Age +From {15}Message$/),
      expect.stringMatching(/^ {2}---- {5}------ {5}---- +---- {15}-------$/),
      expect.stringMatching(/^ {2}Normal {3}Scheduled {2}\d+s +default-scheduler {2}Successfully assigned default\/private-reg to paddock-node$/),
    ]);
    expect(events.slice(4)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^  Normal   Pulling    \\d+s \\(x\\d+ over \\d+s\\) +kubelet {12}Pulling image "${escape(image)}"$`)),
        expect.stringMatching(/^ {2}Warning {2}Failed {5}\d+s \(x\d+ over \d+s\) +kubelet {12}Error: ImagePullBackOff$/),
      ]),
    );
  });

  it("runs with a secret made by kubectl create secret docker-registry", async () => {
    const created = await t.kubectl(["create", "secret", "docker-registry", "regcred", `--docker-server=${registry.host}`, `--docker-username=${USER}`, `--docker-password=${PASSWORD}`]);
    expect(created.stdout).toBe("secret/regcred created\n");
    await apply(podYaml("private-reg-ok", { secrets: ["regcred"] }));
    await waitForPhase("private-reg-ok", "Running");
    await waitForEvent("private-reg-ok", "Started");

    expectSameRows(await podEvents("private-reg-ok"), [
        "Normal | Scheduled | pod/private-reg-ok | Successfully assigned default/private-reg-ok to paddock-node",
        `Normal | Pulling | pod/private-reg-ok | Pulling image "${image}"`,
        expect.stringMatching(new RegExp(`^Normal \\| Pulled \\| pod/private-reg-ok \\| Successfully pulled image "${escape(image)}" in \\d+ms \\(\\d+ms including waiting\\)\\. Image size: \\d+ bytes\\.$`)),
        "Normal | Created | pod/private-reg-ok | Created container: private-reg-container",
        "Normal | Started | pod/private-reg-ok | Started container private-reg-container",
    ]);

    const wide = rows((await t.kubectl(["get", "pod", "private-reg-ok", "-o", "wide"])).stdout);
    expect(wide[1]).toEqual(["private-reg-ok", "1/1", "Running", "0", expect.stringMatching(/^\d+s$/), expect.stringMatching(/^10\.42\.0\.\d+$/), "paddock-node", "<none>", "<none>"]);

    const containers = await describeSection("private-reg-ok", "Containers:");
    expect(containers.slice(0, 12)).toEqual([
      "Containers:",
      "  private-reg-container:",
      expect.stringMatching(/^ {4}Container ID: {3}paddock:\/\/[0-9a-f]{64}$/),
      `    Image:          ${image}`,
      expect.stringMatching(new RegExp(`^ {4}Image ID: {7}${escape(registry.host)}/private/app@sha256:[0-9a-f]{64}$`)),
      "    Port:           <none>",
      "    Host Port:      <none>",
      "    State:          Running",
      expect.stringMatching(/^ {6}Started: {6}\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
      "    Ready:          True",
      "    Restart Count:  0",
      "    Environment:    <none>",
    ]);
    expect(await describeSection("private-reg-ok", "Conditions:")).toEqual([
      "Conditions:",
      "  Type                        Status",
      "  PodReadyToStartContainers   True",
      "  Initialized                 True",
      "  Ready                       True",
      "  ContainersReady             True",
      "  PodScheduled                True",
    ]);
  });

  it("fails again with a wrong password", async () => {
    await t.kubectl(["create", "secret", "docker-registry", "badcred", `--docker-server=${registry.host}`, `--docker-username=${USER}`, "--docker-password=wrong"]);
    // Always: the image is on the node now, and IfNotPresent would not ask the registry.
    await apply(podYaml("private-reg-bad", { secrets: ["badcred"], policy: "Always" }));
    await waitForEvent("private-reg-bad", "Error: ErrImagePull");
    const failed = eventReasons("private-reg-bad").filter((e) => e.startsWith("Failed: Failed to pull image"));
    expect(failed).toEqual([
      `Failed: Failed to pull image "${image}": failed to pull and unpack image "${image}": failed to resolve reference "${image}": unexpected status from HEAD request to ${registry.url}/v2/private/app/manifests/1.0: 401 Unauthorized`,
    ]);
    expect((pod("private-reg-bad")?.status as { phase?: string }).phase).toBe("Pending");
  });

  it("warns about a pull secret that does not exist yet, and recovers once it is created", async () => {
    const later = `${registry.host}/private/later:1.0`;
    await apply(podYaml("waits-for-secret", { image: later, secrets: ["latecred"] }));
    await waitForEvent("waits-for-secret", "Error: ErrImagePull");
    expect(eventReasons("waits-for-secret")).toEqual(
      expect.arrayContaining([
        "FailedToRetrieveImagePullSecret: Unable to retrieve some image pull secrets (latecred); attempting to pull the image may not succeed.",
        `Failed: Failed to pull image "${later}": ${noCredentialsError(later)}`,
      ]),
    );
    await t.kubectl(["create", "secret", "docker-registry", "latecred", `--docker-server=${registry.host}`, `--docker-username=${USER}`, `--docker-password=${PASSWORD}`]);
    await waitForPhase("waits-for-secret", "Running");
    expect(eventReasons("waits-for-secret")).toEqual(expect.arrayContaining([expect.stringMatching(/^Pulled: Successfully pulled image/), "Started: Started container private-reg-container"]));
    const table = rows((await t.kubectl(["get", "pod", "waits-for-secret"])).stdout);
    expect(table[1]?.slice(0, 4)).toEqual(["waits-for-secret", "1/1", "Running", "0"]);
  });
});

describe("imagePullPolicy and the node's images", () => {
  it("IfNotPresent uses the image already on the node, without credentials", async () => {
    await apply(podYaml("cached", { policy: "IfNotPresent" }));
    await waitForPhase("cached", "Running");
    expectSameRows(await podEvents("cached"), [
        "Normal | Scheduled | pod/cached | Successfully assigned default/cached to paddock-node",
        `Normal | Pulled | pod/cached | Container image "${image}" already present on machine`,
        "Normal | Created | pod/cached | Created container: private-reg-container",
        "Normal | Started | pod/cached | Started container private-reg-container",
    ]);
  });

  it("Never runs a present image and refuses an absent one", async () => {
    const absent = `${registry.host}/private/absent:1.0`;
    await apply(podYaml("never-present", { policy: "Never" }));
    await apply(podYaml("never-absent", { image: absent, policy: "Never" }));
    await waitForPhase("never-present", "Running");
    await waitForEvent("never-absent", "Error: ErrImageNeverPull");
    expectSameRows(await podEvents("never-absent"), [
        "Normal | Scheduled | pod/never-absent | Successfully assigned default/never-absent to paddock-node",
        `Warning | ErrImageNeverPull | pod/never-absent | Container image "${absent}" is not present with pull policy of Never`,
        "Warning | Failed | pod/never-absent | Error: ErrImageNeverPull",
    ]);
    const table = rows((await t.kubectl(["get", "pods", "never-present", "never-absent"])).stdout);
    expect(table.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ["never-present", "1/1", "Running"],
      ["never-absent", "0/1", "ErrImageNeverPull"],
    ]);
  });

  it("Always asks the registry again", async () => {
    await apply(podYaml("always", { policy: "Always", secrets: ["regcred"] }));
    await waitForPhase("always", "Running");
    expect(eventReasons("always")).toEqual(expect.arrayContaining([`Pulling: Pulling image "${image}"`, expect.stringMatching(/^Pulled: Successfully pulled image/)]));
  });

  it("reports an image name kubelet cannot parse as InvalidImageName", async () => {
    await apply(podYaml("bad-name", { image: "private/App:1.0" }));
    await waitForEvent("bad-name", "Error: InvalidImageName");
    expect(eventReasons("bad-name")).toEqual(
      expect.arrayContaining([
        `InspectFailed: Failed to apply default image tag "private/App:1.0": couldn't parse image name "private/App:1.0": invalid reference format: repository name (private/App) must be lowercase`,
        "Failed: Error: InvalidImageName",
      ]),
    );
    expect(rows((await t.kubectl(["get", "pod", "bad-name"])).stdout)[1]?.slice(0, 3)).toEqual(["bad-name", "0/1", "InvalidImageName"]);
  });
});

describe("init containers and deletion", () => {
  it("pulls and completes init containers before the app container", async () => {
    await apply(podYaml("with-init", { init: `${registry.host}/private/init:1.0`, secrets: ["regcred"] }));
    await waitForPhase("with-init", "Running");
    const kinds = t.cluster.service
      .list(t.cluster.service.definition("", "events"), "default")
      .items.filter((e) => (e.involvedObject as { name?: string }).name === "with-init" && e.reason === "Started")
      .map((e) => (e.involvedObject as { fieldPath?: string }).fieldPath);
    expect(kinds.sort()).toEqual(["spec.containers{private-reg-container}", "spec.initContainers{setup}"]);
    const init = JSON.parse((await t.kubectl(["get", "pod", "with-init", "-o", "jsonpath={.status.initContainerStatuses[0].state.terminated}"])).stdout) as Record<string, unknown>;
    expect(init).toMatchObject({ exitCode: 0, reason: "Completed" });
  });

  it("holds the pod at Init: while an init image cannot be had", async () => {
    await apply(podYaml("init-blocked", { init: `${registry.host}/private/nothing:1.0`, initPolicy: "Never" }));
    await waitForEvent("init-blocked", "Error: ErrImageNeverPull");
    expect(rows((await t.kubectl(["get", "pod", "init-blocked"])).stdout)[1]?.slice(0, 3)).toEqual(["init-blocked", "0/1", "Init:ErrImageNeverPull"]);
    const initialized = (pod("init-blocked")?.status as { conditions: Array<Record<string, unknown>> }).conditions.find((c) => c.type === "Initialized");
    expect(initialized).toMatchObject({ status: "False", reason: "ContainersNotInitialized", message: "containers with incomplete status: [setup]" });
  });

  it("stops the containers of a deleted pod", async () => {
    expect((await t.kubectl(["delete", "pod", "private-reg-ok"])).stdout).toBe('pod "private-reg-ok" deleted\n');
    await waitForEvent("private-reg-ok", "Killing");
    expect(eventReasons("private-reg-ok")).toContain("Killing: Stopping container private-reg-container");
    expect((await t.kubectl(["get", "pod", "private-reg-ok"])).stderr).toBe('Error from server (NotFound): pods "private-reg-ok" not found\n');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
