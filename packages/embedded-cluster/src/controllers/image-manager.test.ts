import { describe, expect, it } from "vitest";
import { buildDockerConfigJson, parseImageReference, type PullManifestOptions, type PullManifestResult, type PullSecret } from "@paddock/registry-auth";
import { BackOff } from "./back-off.ts";
import { ImageManager, type ImageEvent } from "./image-manager.ts";

const DIGEST = `sha256:${"a".repeat(64)}`;
const CONFIG = `sha256:${"c".repeat(64)}`;

/** A registry stand-in that answers from a script and remembers what it was asked. */
function fakeRegistry(answer: (options: PullManifestOptions) => string | undefined) {
  const calls: PullManifestOptions[] = [];
  const pull = async (options: PullManifestOptions): Promise<PullManifestResult> => {
    calls.push(options);
    const failure = answer(options);
    if (failure !== undefined) return { ok: false, message: failure, reason: "unauthorized", attempts: [] };
    return { ok: true, image: parseImageReference(options.image), digest: DIGEST, mediaType: "", size: 1234, configDigest: CONFIG, credentialIndex: null, attempts: [] };
  };
  return { pull, calls };
}

function setup(answer: (options: PullManifestOptions) => string | undefined = () => undefined) {
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const registry = fakeRegistry(answer);
  const manager = new ImageManager({ backOff: new BackOff(10_000, 300_000), now: clock.now, pull: registry.pull });
  const events: ImageEvent[] = [];
  const ensure = (image: string, pullPolicy = "IfNotPresent", secrets: PullSecret[] = [], podUid = "uid-1") =>
    manager.ensureImageExists({ podUid, image, pullPolicy, secrets, emit: async (e) => void events.push(e) });
  return { manager, clock, registry, events, ensure };
}

function dockerSecret(name: string, server: string, username: string, password: string): PullSecret {
  const json = buildDockerConfigJson([{ server, username, password }]);
  return { name, type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": Buffer.from(json).toString("base64") } };
}

const ERROR = 'failed to pull and unpack image "quay.io/acme/app:1.0": failed to resolve reference "quay.io/acme/app:1.0": pull access denied';

describe("ImageManager (kubelet's EnsureImageExists)", () => {
  it("pulls, reports the time and size, and caches the image under its normalised name", async () => {
    const { ensure, events, manager } = setup();
    const result = await ensure("nginx");
    expect(result).toEqual({
      ok: true,
      image: { image: "docker.io/library/nginx:latest", imageID: `docker.io/library/nginx@${DIGEST}`, id: CONFIG, size: 1234 },
    });
    expect(events).toEqual([
      { type: "Normal", reason: "Pulling", message: 'Pulling image "nginx"' },
      { type: "Normal", reason: "Pulled", message: 'Successfully pulled image "nginx" in 0s (0s including waiting). Image size: 1234 bytes.' },
    ]);
    expect(manager.cache.lookup(parseImageReference("docker.io/library/nginx:latest"))).toBeDefined();
    expect(manager.cache.lookup(parseImageReference(`nginx@${DIGEST}`))).toBeDefined();
  });

  it("honours imagePullPolicy against the node's images", async () => {
    const { ensure, events, registry } = setup();
    expect(await ensure("registry.example.com/app:1", "Never")).toEqual({
      ok: false,
      reason: "ErrImageNeverPull",
      message: 'Container image "registry.example.com/app:1" is not present with pull policy of Never',
    });
    await ensure("registry.example.com/app:1", "IfNotPresent");
    events.length = 0;
    expect((await ensure("registry.example.com/app:1", "IfNotPresent")).ok).toBe(true);
    expect((await ensure("registry.example.com/app:1", "Never")).ok).toBe(true);
    expect((await ensure("registry.example.com/app:1", "Always")).ok).toBe(true);
    expect(events.map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'Pulled: Container image "registry.example.com/app:1" already present on machine',
      'Pulled: Container image "registry.example.com/app:1" already present on machine',
      'Pulling: Pulling image "registry.example.com/app:1"',
      expect.stringMatching(/^Pulled: Successfully pulled image "registry.example.com\/app:1" in /),
    ]);
    expect(registry.calls).toHaveLength(2);
  });

  it("refuses an image name kubelet cannot parse", async () => {
    const { ensure, events } = setup();
    const message = 'Failed to apply default image tag "acme/App:1.0": couldn\'t parse image name "acme/App:1.0": invalid reference format: repository name (acme/App) must be lowercase';
    expect(await ensure("acme/App:1.0")).toEqual({ ok: false, reason: "InvalidImageName", message });
    expect(events).toEqual([{ type: "Warning", reason: "InspectFailed", message }]);
  });

  it("backs off after a failed pull, quoting the error, and pulls again when the wait is over", async () => {
    const { ensure, events, clock } = setup(() => ERROR);
    const image = "quay.io/acme/app:1.0";
    expect(await ensure(image)).toEqual({ ok: false, reason: "ErrImagePull", message: ERROR });
    expect(events.splice(0)).toEqual([
      { type: "Normal", reason: "Pulling", message: `Pulling image "${image}"` },
      { type: "Warning", reason: "Failed", message: `Failed to pull image "${image}": ${ERROR}` },
    ]);
    clock.advance(9_999);
    expect(await ensure(image)).toEqual({ ok: false, reason: "ImagePullBackOff", message: `Back-off pulling image "${image}": ErrImagePull: ${ERROR}` });
    expect(events.splice(0)).toEqual([{ type: "Normal", reason: "BackOff", message: `Back-off pulling image "${image}"` }]);
    // Another pod pulling the same image has a back-off of its own.
    expect(await ensure(image, "IfNotPresent", [], "uid-2")).toMatchObject({ reason: "ErrImagePull" });
    events.length = 0;
    clock.advance(1);
    expect(await ensure(image)).toMatchObject({ reason: "ErrImagePull" });
    clock.advance(19_999);
    expect(await ensure(image)).toMatchObject({ reason: "ImagePullBackOff" });
    clock.advance(1);
    expect(await ensure(image)).toMatchObject({ reason: "ErrImagePull" });
  });

  it("tries each matching credential of the pod's secrets in order, and none for other registries", async () => {
    const { ensure, registry } = setup(() => ERROR);
    const secrets = [
      dockerSecret("first", "quay.io", "u1", "p1"),
      dockerSecret("second", "quay.io/acme", "u2", "p2"),
      dockerSecret("third", "registry.example.com", "u3", "p3"),
    ];
    await ensure("quay.io/acme/app:1.0", "Always", secrets);
    await ensure("docker.io/library/nginx:1.27", "Always", secrets);
    expect(registry.calls.map((c) => c.credentials)).toEqual([
      [
        { username: "u2", password: "p2" },
        { username: "u1", password: "p1" },
      ],
      [],
    ]);
  });

  it("fails the pull with kubelet's error when a secret cannot be decoded, without asking the registry", async () => {
    const { ensure, events, registry } = setup();
    const broken: PullSecret = { name: "broken", type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": Buffer.from("{not json").toString("base64") } };
    const result = await ensure("quay.io/acme/app:1.0", "Always", [broken]);
    expect(result).toMatchObject({ ok: false, reason: "ErrImagePull" });
    expect(registry.calls).toHaveLength(0);
    expect(events.map((e) => e.reason)).toEqual(["Pulling", "Failed"]);
  });

  it("pulls one image at a time, and counts the wait in the Pulled message", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let now = 0;
    const manager = new ImageManager({
      backOff: new BackOff(10_000, 300_000),
      now: () => now,
      pull: async (options) => {
        if (options.image === "first:1") await gate;
        now += 500;
        return { ok: true, image: parseImageReference(options.image), digest: DIGEST, mediaType: "", size: 1, credentialIndex: null, attempts: [] };
      },
    });
    const events: string[] = [];
    const emit = async (e: ImageEvent) => void events.push(e.message);
    const first = manager.ensureImageExists({ podUid: "a", image: "first:1", pullPolicy: "Always", secrets: [], emit });
    const second = manager.ensureImageExists({ podUid: "b", image: "second:1", pullPolicy: "Always", secrets: [], emit });
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await Promise.all([first, second]);
    expect(events.filter((m) => m.startsWith("Successfully"))).toEqual([
      'Successfully pulled image "first:1" in 500ms (500ms including waiting). Image size: 1 bytes.',
      'Successfully pulled image "second:1" in 500ms (1s including waiting). Image size: 1 bytes.',
    ]);
  });
});
