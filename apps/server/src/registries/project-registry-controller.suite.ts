import { beforeAll, describe, expect, it } from "vitest";
import { CoordinationV1Api, CoreV1Api, KubeConfig, type V1Secret } from "@kubernetes/client-node";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { eventually } from "../testing/eventually.ts";
import { createRancherProject, localCluster, moveNamespaceInCluster, projectMarks } from "../testing/projects.ts";
import { registryData, tryReadSecret } from "../testing/registries.ts";
import type { TestServer } from "../testing/test-server.ts";
import { copyStates } from "./copies.ts";

// The server's own controller at work, in projects p-copy1 … p-sacct: every change is made straight
// in the cluster (as kubectl or Rancher would make it) and the copies are read back from the cluster.

let kc: KubeConfig;
let core: CoreV1Api;
let coordination: CoordinationV1Api;
let cluster: ClusterConnection;

const LABEL = "management.cattle.io/project-scoped-secret";
const COPY = "management.cattle.io/project-scoped-secret-copy";
const IGNORE = "management.cattle.io/project-scoped-secret-ignore-namespaces";
const ATTACH = "paddock.io/attach-to-default-service-account";
const DESCRIPTION = "field.cattle.io/description";

/** A Project as Rancher stores it, its backing namespace, and namespaces in it. */
async function createProject(projectId: string, namespaces: string[]): Promise<void> {
  await createRancherProject({ kubeConfig: kc }, { id: projectId, namespaces, backingNamespace: true });
}

async function createNamespace(name: string, projectId: string | null): Promise<void> {
  await core.createNamespace({ body: { metadata: { name, ...projectMarks(projectId) } } });
}

const moveNamespace = (name: string, projectId: string | null) => moveNamespaceInCluster(core, name, projectId);
const tryRead = (namespace: string, name: string) => tryReadSecret(core, namespace, name);

async function createSource(projectId: string, name: string, annotations: Record<string, string> = {}, password = "s3cret"): Promise<V1Secret> {
  return core.createNamespacedSecret({
    namespace: `local-${projectId}`,
    body: {
      metadata: { name, labels: { [LABEL]: projectId, "app.kubernetes.io/managed-by": "paddock" }, annotations },
      type: "kubernetes.io/dockerconfigjson",
      data: registryData("robot", password),
    },
  });
}

async function editSource(projectId: string, name: string, edit: (secret: V1Secret) => void): Promise<void> {
  const secret = await core.readNamespacedSecret({ namespace: `local-${projectId}`, name });
  edit(secret);
  await core.replaceNamespacedSecret({ namespace: `local-${projectId}`, name, body: secret });
}

/** The namespaces, of those given, that hold a Secret `name`. */
async function namespacesWith(namespaces: string[], name: string): Promise<string[]> {
  const found = await Promise.all(namespaces.map(async (ns) => ((await tryRead(ns, name)) ? ns : undefined)));
  return found.filter((ns): ns is string => ns !== undefined);
}

async function expectCopyOf(source: V1Secret, namespace: string): Promise<V1Secret> {
  return eventually(async () => {
    const copy = await tryRead(namespace, source.metadata!.name!);
    expect(copy, `copy in ${namespace}`).toBeDefined();
    expect(copy!.type).toBe(source.type);
    expect(copy!.data).toEqual(source.data);
    return copy!;
  });
}

async function pullSecretsOfDefault(namespace: string): Promise<string[]> {
  const account = await core.readNamespacedServiceAccount({ namespace, name: "default" });
  return (account.imagePullSecrets ?? []).map((r) => r.name ?? "");
}

export function projectRegistryControllerSuite(server: () => TestServer): void {
  describe("the project registry controller", () => {
    beforeAll(() => {
      const t = server();
      kc = new KubeConfig();
      kc.loadFromFile(t.kubeconfig);
      core = kc.makeApiClient(CoreV1Api);
      coordination = kc.makeApiClient(CoordinationV1Api);
      cluster = localCluster(t);
    });

    it("holds the paddock-registry-controller Lease in the cluster-id namespace", async () => {
      const lease = await eventually(() => coordination.readNamespacedLease({ namespace: "local", name: "paddock-registry-controller" }));
      expect(lease.spec?.holderIdentity).toMatch(/.+/);
      expect(lease.spec?.leaseDurationSeconds).toBe(15);
    });

    it("copies a project registry into every namespace of its project, and into namespaces that join later", async () => {
      await createProject("p-copy1", ["c1-a", "c1-b"]);
      await createNamespace("c1-outside", null);
      const source = await createSource("p-copy1", "team-registry", { [DESCRIPTION]: "The team's registry" });

      for (const ns of ["c1-a", "c1-b"]) {
        const copy = await expectCopyOf(source, ns);
        expect(copy.metadata?.labels).toEqual({ [LABEL]: "p-copy1", "app.kubernetes.io/managed-by": "paddock" });
        expect(copy.metadata?.annotations).toEqual({ [COPY]: "true", [DESCRIPTION]: "The team's registry" });
      }
      expect(await tryRead("c1-outside", "team-registry")).toBeUndefined();

      await createNamespace("c1-new", "p-copy1");
      await expectCopyOf(source, "c1-new");
      await moveNamespace("c1-outside", "p-copy1");
      await expectCopyOf(source, "c1-outside");

      await eventually(() =>
        expect(copyStates(cluster, "p-copy1", "team-registry")).toEqual({
          state: "Active",
          message: "4 of 4 namespaces",
          copies: ["c1-a", "c1-b", "c1-new", "c1-outside"].map((namespace) => ({ namespace, state: "Synced" })),
        }),
      );
    });

    it("brings back a copy deleted by hand, repairs one edited by hand, and follows edits of the source", async () => {
      await createProject("p-copy2", ["c2-a", "c2-b"]);
      const source = await createSource("p-copy2", "repaired");
      const deleted = await expectCopyOf(source, "c2-a");
      await expectCopyOf(source, "c2-b");

      await core.deleteNamespacedSecret({ namespace: "c2-a", name: "repaired" });
      const back = await expectCopyOf(source, "c2-a");
      expect(back.metadata?.uid).not.toBe(deleted.metadata?.uid);

      const edited = await core.readNamespacedSecret({ namespace: "c2-b", name: "repaired" });
      edited.data = registryData("robot", "changed-by-hand");
      delete edited.metadata!.labels!["app.kubernetes.io/managed-by"];
      await core.replaceNamespacedSecret({ namespace: "c2-b", name: "repaired", body: edited });
      const repaired = await expectCopyOf(source, "c2-b");
      expect(repaired.metadata?.labels).toEqual({ [LABEL]: "p-copy2", "app.kubernetes.io/managed-by": "paddock" });

      await editSource("p-copy2", "repaired", (s) => {
        s.data = registryData("robot", "rotated");
        s.metadata!.annotations = { [DESCRIPTION]: "rotated" };
      });
      const rotated = await core.readNamespacedSecret({ namespace: "local-p-copy2", name: "repaired" });
      for (const ns of ["c2-a", "c2-b"]) {
        const copy = await expectCopyOf(rotated, ns);
        await eventually(async () => expect((await core.readNamespacedSecret({ namespace: ns, name: "repaired" })).metadata?.annotations?.[DESCRIPTION]).toBe("rotated"));
        expect(copy.data).toEqual(rotated.data);
      }
    });

    it("removes the copy from a namespace that leaves the project, and all copies with the source", async () => {
      await createProject("p-copy3", ["c3-a", "c3-b", "c3-c"]);
      await createProject("p-copy4", []);
      const source = await createSource("p-copy3", "leaving");
      for (const ns of ["c3-a", "c3-b", "c3-c"]) await expectCopyOf(source, ns);

      await moveNamespace("c3-b", null);
      await moveNamespace("c3-c", "p-copy4");
      await eventually(async () => expect(await namespacesWith(["c3-a", "c3-b", "c3-c"], "leaving")).toEqual(["c3-a"]));

      await core.deleteNamespacedSecret({ namespace: "local-p-copy3", name: "leaving" });
      await eventually(async () => expect(await namespacesWith(["c3-a", "c3-b", "c3-c"], "leaving")).toEqual([]));
    });

    it("keeps no copy in namespaces of the ignore-namespaces annotation, plain names or regular expressions", async () => {
      await createProject("p-ignor", ["c5-plain", "c5-tmp-1", "c5-tmp-2", "c5-z"]);
      const all = ["c5-plain", "c5-tmp-1", "c5-tmp-2", "c5-z"];
      // Ignored from the start: the pass that makes c5-z's copy (the last in order) has passed the others.
      const source = await createSource("p-ignor", "picky", { [IGNORE]: "c5-plain,c5-tmp-.*" });
      await expectCopyOf(source, "c5-z");
      expect(await namespacesWith(all, "picky")).toEqual(["c5-z"]);
      expect(copyStates(cluster, "p-ignor", "picky")).toEqual({
        state: "Active",
        message: "1 of 1 namespace",
        copies: [
          { namespace: "c5-plain", state: "Ignored", message: 'namespace "c5-plain" is in the registry\'s ignore list' },
          { namespace: "c5-tmp-1", state: "Ignored", message: 'namespace "c5-tmp-1" is in the registry\'s ignore list' },
          { namespace: "c5-tmp-2", state: "Ignored", message: 'namespace "c5-tmp-2" is in the registry\'s ignore list' },
          { namespace: "c5-z", state: "Synced" },
        ],
      });

      await editSource("p-ignor", "picky", (s) => (s.metadata!.annotations = { [IGNORE]: "c5-tmp-2" }));
      await eventually(async () => expect(await namespacesWith(all, "picky")).toEqual(["c5-plain", "c5-tmp-1", "c5-z"]));
      await editSource("p-ignor", "picky", (s) => (s.metadata!.annotations = { [IGNORE]: "c5-z, c5-tmp-[0-9]*" }));
      await eventually(async () => expect(await namespacesWith(all, "picky")).toEqual(["c5-plain"]));
    });

    it("never overwrites a Secret of the same name that is not its copy, and reports the namespace as a conflict", async () => {
      await createProject("p-confl", ["c6-a", "c6-b"]);
      const foreign = await core.createNamespacedSecret({ namespace: "c6-a", body: { metadata: { name: "shared" }, type: "Opaque", stringData: { token: "mine" } } });
      const source = await createSource("p-confl", "shared");
      await expectCopyOf(source, "c6-b");
      await eventually(() =>
        expect(copyStates(cluster, "p-confl", "shared")).toEqual({
          state: "Conflict",
          message: 'namespace "c6-a" already has a secret "shared" (type Opaque) that is not a copy of this registry',
          copies: [
            { namespace: "c6-a", state: "Conflict", message: 'namespace "c6-a" already has a secret "shared" (type Opaque) that is not a copy of this registry' },
            { namespace: "c6-b", state: "Synced" },
          ],
        }),
      );
      // Another pass over the registry (its copy deleted by hand) still leaves the foreign Secret alone.
      await core.deleteNamespacedSecret({ namespace: "c6-b", name: "shared" });
      await expectCopyOf(source, "c6-b");
      const untouched = await core.readNamespacedSecret({ namespace: "c6-a", name: "shared" });
      expect(untouched.metadata?.resourceVersion).toBe(foreign.metadata?.resourceVersion);
      expect(untouched.data).toEqual({ token: Buffer.from("mine").toString("base64") });

      // Once the foreign Secret is gone, the namespace gets its copy.
      await core.deleteNamespacedSecret({ namespace: "c6-a", name: "shared" });
      await expectCopyOf(source, "c6-a");
      await eventually(() => expect(copyStates(cluster, "p-confl", "shared").state).toBe("Active"));
    });

    it("swaps one project's copy for the other's when a namespace moves between projects with registries of one name", async () => {
      await createProject("p-movea", ["c8-a"]);
      await createProject("p-moveb", ["c8-b"]);
      const fromA = await createSource("p-movea", "same-name", {}, "password-a");
      const fromB = await createSource("p-moveb", "same-name", {}, "password-b");
      await expectCopyOf(fromA, "c8-a");
      await expectCopyOf(fromB, "c8-b");

      await moveNamespace("c8-a", "p-moveb");
      const swapped = await expectCopyOf(fromB, "c8-a");
      expect(swapped.metadata?.labels?.[LABEL]).toBe("p-moveb");
      await eventually(() => expect(copyStates(cluster, "p-moveb", "same-name").message).toBe("2 of 2 namespaces"));
      expect(copyStates(cluster, "p-movea", "same-name")).toEqual({ state: "Active", message: "0 of 0 namespaces", copies: [] });
    });

    it("adds the registry to the default ServiceAccount of each namespace it reaches, and takes it out again", async () => {
      await createProject("p-sacct", ["c7-a", "c7-b"]);
      // Wait for the cluster's ServiceAccount controller, then give c7-a a pull secret of its own.
      const account = await eventually(() => core.readNamespacedServiceAccount({ namespace: "c7-a", name: "default" }));
      account.imagePullSecrets = [{ name: "kept" }];
      await core.replaceNamespacedServiceAccount({ namespace: "c7-a", name: "default", body: account });

      await createSource("p-sacct", "pulled", { [ATTACH]: "true" });
      await eventually(async () => expect(await pullSecretsOfDefault("c7-a")).toEqual(["kept", "pulled"]));
      await eventually(async () => expect(await pullSecretsOfDefault("c7-b")).toEqual(["pulled"]));

      await editSource("p-sacct", "pulled", (s) => (s.metadata!.annotations = {}));
      await eventually(async () => expect(await pullSecretsOfDefault("c7-a")).toEqual(["kept"]));
      await eventually(async () => expect(await pullSecretsOfDefault("c7-b")).toEqual([]));

      await editSource("p-sacct", "pulled", (s) => (s.metadata!.annotations = { [ATTACH]: "true" }));
      await eventually(async () => expect(await pullSecretsOfDefault("c7-b")).toEqual(["pulled"]));
      await moveNamespace("c7-b", null);
      await eventually(async () => expect(await pullSecretsOfDefault("c7-b")).toEqual([]));
      expect(await tryRead("c7-b", "pulled")).toBeUndefined();

      await eventually(async () => expect(await pullSecretsOfDefault("c7-a")).toEqual(["kept", "pulled"]));
      await core.deleteNamespacedSecret({ namespace: "local-p-sacct", name: "pulled" });
      await eventually(async () => expect(await pullSecretsOfDefault("c7-a")).toEqual(["kept"]));
      expect(await tryRead("c7-a", "pulled")).toBeUndefined();
    });
  });
}
