import { describe, expect, it } from "vitest";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { digestSecretData, type NamespaceSummary, type ProjectSummary, type SecretSummary } from "../kube/summaries.ts";
import { copyStates, desiredCopyNamespaces, projectRegistrySources } from "./copies.ts";

const DOCKER = "kubernetes.io/dockerconfigjson";
const PROJECT = "p-abcde";
const BACKING = "local-p-abcde";

function meta(name: string, namespace: string, labels: Record<string, string> = {}, annotations: Record<string, string> = {}) {
  return { name, namespace, uid: `${namespace}/${name}`, resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z", labels, annotations };
}

function namespace(name: string, project: string | null, phase = "Active"): NamespaceSummary {
  const annotations: Record<string, string> = project ? { "field.cattle.io/projectId": `local:${project}` } : {};
  return { ...meta(name, "", project ? { "field.cattle.io/projectId": project } : {}, annotations), phase };
}

function secret(name: string, ns: string, data: string, labels: Record<string, string> = {}, annotations: Record<string, string> = {}, type = DOCKER): SecretSummary {
  return { ...meta(name, ns, labels, annotations), type, keys: [".dockerconfigjson"], dataDigest: digestSecretData(type, { ".dockerconfigjson": data }) };
}

const source = (annotations: Record<string, string> = {}) =>
  secret("reg", BACKING, "A", { "management.cattle.io/project-scoped-secret": PROJECT, "app.kubernetes.io/managed-by": "paddock" }, annotations);

const copy = (ns: string, data = "A", extraAnnotations: Record<string, string> = {}) =>
  secret(
    "reg",
    ns,
    data,
    { "management.cattle.io/project-scoped-secret": PROJECT, "app.kubernetes.io/managed-by": "paddock" },
    { "management.cattle.io/project-scoped-secret-copy": "true", ...extraAnnotations },
  );

function cache<T extends { name: string; namespace: string }>(items: T[]) {
  return { items: () => items, get: (ns: string, name: string) => items.find((i) => i.namespace === ns && i.name === name), synced: true };
}

function fakeCluster(namespaces: NamespaceSummary[], secrets: SecretSummary[]): ClusterConnection {
  const project: ProjectSummary = { ...meta(PROJECT, "local"), displayName: "Team", description: "", clusterName: "local", backingNamespace: BACKING };
  return {
    id: "local",
    projectsSupported: true,
    caches: { namespaces: cache(namespaces), secrets: cache(secrets), projects: cache([project]) },
  } as unknown as ClusterConnection;
}

const members = [namespace("team-a", PROJECT), namespace("team-b", PROJECT), namespace("dev-1", PROJECT), namespace("other", "p-zzzzz"), namespace("free", null)];

describe("desiredCopyNamespaces", () => {
  it("is every namespace of the project, sorted, without the backing namespace", () => {
    const cluster = fakeCluster([...members, namespace(BACKING, PROJECT)], [source()]);
    expect(desiredCopyNamespaces(cluster, PROJECT, source())).toEqual(["dev-1", "team-a", "team-b"]);
  });

  it("leaves out terminating namespaces", () => {
    const cluster = fakeCluster([...members, namespace("team-c", PROJECT, "Terminating")], [source()]);
    expect(desiredCopyNamespaces(cluster, PROJECT, source())).toEqual(["dev-1", "team-a", "team-b"]);
  });

  it("leaves out ignore-listed namespaces: plain names, and regular expressions when an entry holds *", () => {
    const ignoring = source({ "management.cattle.io/project-scoped-secret-ignore-namespaces": "team-b, dev-.*" });
    expect(desiredCopyNamespaces(fakeCluster(members, [ignoring]), PROJECT, ignoring)).toEqual(["team-a"]);
    // A plain entry is a whole name, not a prefix; a pattern must match the whole name.
    const partial = source({ "management.cattle.io/project-scoped-secret-ignore-namespaces": "team,eam-.*" });
    expect(desiredCopyNamespaces(fakeCluster(members, [partial]), PROJECT, partial)).toEqual(["dev-1", "team-a", "team-b"]);
  });
});

describe("projectRegistrySources", () => {
  it("finds the labelled Secrets of the backing namespace, copies and other projects' left out", () => {
    const other = secret("x", BACKING, "B", { "management.cattle.io/project-scoped-secret": "p-zzzzz" });
    const cluster = fakeCluster(members, [source(), copy("team-a"), other, secret("plain", BACKING, "C")]);
    expect(projectRegistrySources(cluster, PROJECT).map((s) => `${s.namespace}/${s.name}`)).toEqual([`${BACKING}/reg`]);
  });
});

describe("copyStates", () => {
  it("is Active when every copy equals its source", () => {
    const cluster = fakeCluster(members, [source(), copy("team-a"), copy("team-b"), copy("dev-1")]);
    expect(copyStates(cluster, PROJECT, "reg")).toEqual({
      state: "Active",
      message: "3 of 3 namespaces",
      copies: [
        { namespace: "dev-1", state: "Synced" },
        { namespace: "team-a", state: "Synced" },
        { namespace: "team-b", state: "Synced" },
      ],
    });
  });

  it("is Syncing while a copy is missing or differs from the source (data, description)", () => {
    const described = source({ "field.cattle.io/description": "Team registry" });
    const cluster = fakeCluster(members, [described, copy("team-a", "old", { "field.cattle.io/description": "Team registry" }), copy("team-b")]);
    expect(copyStates(cluster, PROJECT, "reg")).toEqual({
      state: "Syncing",
      message: "0 of 3 namespaces",
      copies: [
        { namespace: "dev-1", state: "Missing" },
        { namespace: "team-a", state: "OutOfDate" },
        { namespace: "team-b", state: "OutOfDate" },
      ],
    });
  });

  it("is Conflict when a member namespace has a Secret of that name that is not a copy", () => {
    const foreign = secret("reg", "team-b", "mine", {}, {}, "Opaque");
    const otherProjectsCopy = secret("reg", "dev-1", "A", { "management.cattle.io/project-scoped-secret": "p-zzzzz" }, { "management.cattle.io/project-scoped-secret-copy": "true" });
    const cluster = fakeCluster(members, [source(), copy("team-a"), foreign, otherProjectsCopy]);
    const states = copyStates(cluster, PROJECT, "reg");
    expect(states.copies).toEqual([
      { namespace: "dev-1", state: "Conflict", message: 'namespace "dev-1" already has a secret "reg" (type kubernetes.io/dockerconfigjson) that is not a copy of this registry' },
      { namespace: "team-a", state: "Synced" },
      { namespace: "team-b", state: "Conflict", message: 'namespace "team-b" already has a secret "reg" (type Opaque) that is not a copy of this registry' },
    ]);
    expect(states.state).toBe("Conflict");
    expect(states.message).toBe(
      'namespace "dev-1" already has a secret "reg" (type kubernetes.io/dockerconfigjson) that is not a copy of this registry; ' +
        'namespace "team-b" already has a secret "reg" (type Opaque) that is not a copy of this registry',
    );
  });

  it("reports ignore-listed namespaces as Ignored and does not count them", () => {
    const ignoring = source({ "management.cattle.io/project-scoped-secret-ignore-namespaces": "team-b" });
    const cluster = fakeCluster(members, [ignoring, copy("team-a"), copy("dev-1")]);
    expect(copyStates(cluster, PROJECT, "reg")).toEqual({
      state: "Active",
      message: "2 of 2 namespaces",
      copies: [
        { namespace: "dev-1", state: "Synced" },
        { namespace: "team-a", state: "Synced" },
        { namespace: "team-b", state: "Ignored", message: 'namespace "team-b" is in the registry\'s ignore list' },
      ],
    });
  });

  it("says 1 of 1 namespace, and 0 of 0 namespaces for an empty project", () => {
    expect(copyStates(fakeCluster([namespace("solo", PROJECT)], [source(), copy("solo")]), PROJECT, "reg").message).toBe("1 of 1 namespace");
    expect(copyStates(fakeCluster([], [source()]), PROJECT, "reg")).toEqual({ state: "Active", message: "0 of 0 namespaces", copies: [] });
  });

  it("refuses a name that is no project registry of the project", () => {
    expect(() => copyStates(fakeCluster(members, [source()]), PROJECT, "nope")).toThrow('There is no project registry "nope" in project "p-abcde".');
  });
});
