import { describe, expect, it } from "vitest";
import { fakeDefinition, fakeNamespaces, fakeSecrets } from "../testing/fake-definitions.ts";
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE,
  aggregatedDiscovery,
  aggregatedDiscoveryContentType,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  compareKubeAwareVersions,
  servedGroupVersions,
  wantsAggregatedDiscovery,
} from "./discovery.ts";

const def = fakeDefinition;
const secrets = fakeSecrets;
const namespaces = fakeNamespaces;
const deployments = def({
  group: "apps",
  kind: "Deployment",
  resource: "deployments",
  shortNames: ["deploy"],
  categories: ["all"],
  subresources: ["status", "scale"],
});
const projects = def({ group: "management.cattle.io", version: "v3", kind: "Project", resource: "projects" });
const leases = def({ group: "coordination.k8s.io", kind: "Lease", resource: "leases" });

const defs = [secrets, namespaces, deployments, projects, leases];

const KUBECTL_ACCEPT =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," +
  "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

describe("aggregated discovery", () => {
  it("describes the core group at /api as one unnamed item", () => {
    const doc = aggregatedDiscovery(defs, "core");
    expect(doc).toEqual({
      kind: "APIGroupDiscoveryList",
      apiVersion: "apidiscovery.k8s.io/v2",
      metadata: {},
      items: [
        {
          metadata: { creationTimestamp: null },
          versions: [
            {
              version: "v1",
              freshness: "Current",
              resources: [
                {
                  resource: "namespaces",
                  responseKind: { group: "", version: "v1", kind: "Namespace" },
                  scope: "Cluster",
                  singularResource: "namespace",
                  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
                  shortNames: ["ns"],
                  subresources: [
                    {
                      subresource: "status",
                      responseKind: { group: "", version: "v1", kind: "Namespace" },
                      verbs: ["get", "patch", "update"],
                    },
                  ],
                },
                {
                  resource: "secrets",
                  responseKind: { group: "", version: "v1", kind: "Secret" },
                  scope: "Namespaced",
                  singularResource: "secret",
                  verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
                },
              ],
            },
          ],
        },
      ],
    });
    // Go's ObjectMeta marshals a zero creationTimestamp as null; the key must be present.
    expect(JSON.stringify(doc.items[0]?.metadata)).toBe('{"creationTimestamp":null}');
  });

  it("describes each named group at /apis, with scale answering autoscaling/v1 Scale", () => {
    const doc = aggregatedDiscovery(defs, "apis");
    expect(doc.items.map((item) => item.metadata.name)).toEqual(["apps", "management.cattle.io", "coordination.k8s.io"]);
    expect(doc.items[0]).toEqual({
      metadata: { name: "apps", creationTimestamp: null },
      versions: [
        {
          version: "v1",
          freshness: "Current",
          resources: [
            {
              resource: "deployments",
              responseKind: { group: "apps", version: "v1", kind: "Deployment" },
              scope: "Namespaced",
              singularResource: "deployment",
              verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
              shortNames: ["deploy"],
              categories: ["all"],
              subresources: [
                {
                  subresource: "scale",
                  responseKind: { group: "autoscaling", version: "v1", kind: "Scale" },
                  verbs: ["get", "patch", "update"],
                },
                {
                  subresource: "status",
                  responseKind: { group: "apps", version: "v1", kind: "Deployment" },
                  verbs: ["get", "patch", "update"],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(doc.items[1]?.versions[0]?.resources[0]).toEqual({
      resource: "projects",
      responseKind: { group: "management.cattle.io", version: "v3", kind: "Project" },
      scope: "Namespaced",
      singularResource: "project",
      verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    });
  });

  it("lists a group's versions most preferred first", () => {
    const widgets = (version: string) =>
      def({ group: "example.com", version, kind: "Widget", resource: "widgets" });
    const doc = aggregatedDiscovery([widgets("v1alpha1"), widgets("v1beta1"), widgets("v2"), widgets("v1")], "apis");
    expect(doc.items[0]?.versions.map((v) => v.version)).toEqual(["v2", "v1", "v1beta1", "v1alpha1"]);
  });

  it("answers v2beta1 with the same body under its own apiVersion", () => {
    const v2 = aggregatedDiscovery(defs, "apis");
    const v2beta1 = aggregatedDiscovery(defs, "apis", "v2beta1");
    expect(v2beta1.apiVersion).toBe("apidiscovery.k8s.io/v2beta1");
    expect(v2beta1.items).toEqual(v2.items);
    expect(aggregatedDiscoveryContentType("v2beta1")).toBe(
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
    );
    expect(AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE).toBe(aggregatedDiscoveryContentType("v2beta1"));
  });

  it("has no /api item when no core kind is served", () => {
    expect(aggregatedDiscovery([deployments], "core").items).toEqual([]);
  });
});

describe("wantsAggregatedDiscovery", () => {
  it("uses the content type client-go checks for", () => {
    expect(AGGREGATED_DISCOVERY_CONTENT_TYPE).toBe(
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
    );
    expect(aggregatedDiscoveryContentType("v2")).toBe(AGGREGATED_DISCOVERY_CONTENT_TYPE);
  });

  it("picks v2 for kubectl's Accept header", () => {
    expect(wantsAggregatedDiscovery(KUBECTL_ACCEPT)).toBe("v2");
  });

  it("picks v2 for newer client-go's profile=nopeer range (there are no peer resources to leave out)", () => {
    const accept = `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;profile=nopeer,${KUBECTL_ACCEPT}`;
    expect(wantsAggregatedDiscovery(accept)).toBe("v2");
  });

  it("picks v2beta1 when only that is offered", () => {
    expect(
      wantsAggregatedDiscovery("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"),
    ).toBe("v2beta1");
  });

  it("gives the legacy document to plain JSON, wildcards and missing headers", () => {
    expect(wantsAggregatedDiscovery("application/json")).toBeNull();
    expect(wantsAggregatedDiscovery("application/json, */*")).toBeNull();
    expect(wantsAggregatedDiscovery("*/*")).toBeNull();
    expect(wantsAggregatedDiscovery("application/json, */*;q=0.8")).toBeNull();
    expect(wantsAggregatedDiscovery(undefined)).toBeNull();
    expect(wantsAggregatedDiscovery("")).toBeNull();
  });

  it("honours q-values over the order", () => {
    expect(
      wantsAggregatedDiscovery(
        "application/json;q=0.5,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
      ),
    ).toBe("v2");
    expect(
      wantsAggregatedDiscovery(
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0.5,application/json",
      ),
    ).toBeNull();
    expect(
      wantsAggregatedDiscovery(
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0.4," +
          "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList;q=0.6,application/json;q=0.1",
      ),
    ).toBe("v2beta1");
  });

  it("ignores ranges refused with q=0", () => {
    expect(
      wantsAggregatedDiscovery("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0,application/json"),
    ).toBeNull();
  });

  it("skips representations it does not serve (protobuf, unknown versions, other kinds)", () => {
    expect(
      wantsAggregatedDiscovery(
        "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," +
          "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
      ),
    ).toBe("v2");
    expect(
      wantsAggregatedDiscovery("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json"),
    ).toBeNull();
    expect(wantsAggregatedDiscovery("application/json;as=Table;v=v1;g=meta.k8s.io")).toBeNull();
  });

  it("accepts parameters in any order, with spaces and quotes", () => {
    expect(
      wantsAggregatedDiscovery('application/json; as=APIGroupDiscoveryList; v="v2"; g=apidiscovery.k8s.io , application/json'),
    ).toBe("v2");
  });
});

describe("legacy discovery", () => {
  it("/api", () => {
    expect(apiVersions("127.0.0.1:6443")).toEqual({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1:6443" }],
    });
  });

  it("/apis", () => {
    expect(apiGroupList(defs)).toEqual({
      kind: "APIGroupList",
      apiVersion: "v1",
      groups: [
        {
          name: "apps",
          versions: [{ groupVersion: "apps/v1", version: "v1" }],
          preferredVersion: { groupVersion: "apps/v1", version: "v1" },
        },
        {
          name: "management.cattle.io",
          versions: [{ groupVersion: "management.cattle.io/v3", version: "v3" }],
          preferredVersion: { groupVersion: "management.cattle.io/v3", version: "v3" },
        },
        {
          name: "coordination.k8s.io",
          versions: [{ groupVersion: "coordination.k8s.io/v1", version: "v1" }],
          preferredVersion: { groupVersion: "coordination.k8s.io/v1", version: "v1" },
        },
      ],
    });
  });

  it("/apis/<group>", () => {
    expect(apiGroup(defs, "apps")).toEqual({
      kind: "APIGroup",
      apiVersion: "v1",
      name: "apps",
      versions: [{ groupVersion: "apps/v1", version: "v1" }],
      preferredVersion: { groupVersion: "apps/v1", version: "v1" },
    });
    expect(apiGroup(defs, "batch")).toBeNull();
    expect(apiGroup(defs, "")).toBeNull();
  });

  it("/api/v1 lists resources and subresources by name, without apiVersion", () => {
    expect(apiResourceList(defs, "v1")).toEqual({
      kind: "APIResourceList",
      groupVersion: "v1",
      resources: [
        {
          name: "namespaces",
          singularName: "namespace",
          namespaced: false,
          kind: "Namespace",
          verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
          shortNames: ["ns"],
        },
        {
          name: "namespaces/status",
          singularName: "",
          namespaced: false,
          kind: "Namespace",
          verbs: ["get", "patch", "update"],
        },
        {
          name: "secrets",
          singularName: "secret",
          namespaced: true,
          kind: "Secret",
          verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
        },
      ],
    });
    expect(apiResourceList(defs, "v1")).not.toHaveProperty("apiVersion");
  });

  it("/apis/apps/v1 names Scale's group and version on the scale subresource", () => {
    expect(apiResourceList(defs, "apps/v1")).toEqual({
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: "apps/v1",
      resources: [
        {
          name: "deployments",
          singularName: "deployment",
          namespaced: true,
          kind: "Deployment",
          verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
          shortNames: ["deploy"],
          categories: ["all"],
        },
        {
          name: "deployments/scale",
          singularName: "",
          namespaced: true,
          group: "autoscaling",
          version: "v1",
          kind: "Scale",
          verbs: ["get", "patch", "update"],
        },
        {
          name: "deployments/status",
          singularName: "",
          namespaced: true,
          kind: "Deployment",
          verbs: ["get", "patch", "update"],
        },
      ],
    });
  });

  it("returns null for group versions that are not served", () => {
    expect(apiResourceList(defs, "apps/v1beta1")).toBeNull();
    expect(apiResourceList(defs, "batch/v1")).toBeNull();
    expect(apiResourceList([deployments], "v1")).toBeNull();
  });
});

describe("helpers", () => {
  it("orders versions as Kubernetes does", () => {
    const versions = ["v1alpha1", "v2beta1", "foo", "v1", "v1beta2", "v10", "v1beta10", "bar", "v2"];
    expect([...versions].sort(compareKubeAwareVersions)).toEqual([
      "v10",
      "v2",
      "v1",
      "v2beta1",
      "v1beta10",
      "v1beta2",
      "v1alpha1",
      "bar",
      "foo",
    ]);
  });

  it("lists every served group version", () => {
    expect(servedGroupVersions(defs)).toEqual(["v1", "apps/v1", "management.cattle.io/v3", "coordination.k8s.io/v1"]);
  });
});
