import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "./testing/test-cluster.ts";
import { apiRequest } from "./testing/api-request.ts";

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster();
});
afterAll(async () => {
  await t.stop();
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: typed
spec:
  replicas: 1
  selector:
    matchLabels: {app: typed}
  template:
    metadata:
      labels: {app: typed}
    spec:
      containers:
      - name: c
        image: nginx
        resources:
          limits: {cpu: 1, memory: 64Mi}
`;

describe("values of the wrong type, as kubectl 1.32 sees them", () => {
  it("create -f refuses them with the decoder's BadRequest, whatever --validate says", async () => {
    const pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: typed\nspec:\n  containers:\n  - name: 5\n    image: nginx\n";
    for (const validate of ["--validate=strict", "--validate=false"]) {
      expect(await t.kubectl(["create", validate, "-f", "-"], { input: pod })).toEqual({
        code: 1,
        stdout: "",
        stderr:
          'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.name of type string\n',
      });
    }
    const secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: typed\ndata:\n- a\n";
    expect((await t.kubectl(["create", "-f", "-"], { input: secret })).stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal array into Go struct field Secret.data of type map[string][]uint8\n',
    );
    // kubectl reads metadata itself and refuses number labels before sending anything…
    const labels = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typed\n  labels:\n    version: 5\n";
    expect((await t.kubectl(["create", "-f", "-"], { input: labels })).stderr).toBe(
      'error: unable to decode "STDIN": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string\n',
    );
    // …which the server says the same way.
    const raw = await apiRequest(t.cluster, "POST", "/api/v1/namespaces/default/configmaps", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "typed", labels: { version: 5 } },
    });
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({
      reason: "BadRequest",
      message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    });
    const replicas = DEPLOYMENT.replace("replicas: 1", 'replicas: "3"');
    expect((await t.kubectl(["create", "-f", "-"], { input: replicas })).stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
    );
  });

  it("accepts numbers for quantities, and IntOrString both ways", async () => {
    const manifest = DEPLOYMENT.replace("  replicas: 1\n", "  replicas: 1\n  strategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}\n");
    expect(await t.kubectl(["create", "-f", "-"], { input: manifest })).toEqual({ code: 0, stdout: "deployment.apps/typed created\n", stderr: "" });
  });

  it("patch: a strategic merge patch fails with the converter's error, JSON and merge patches with the decoder's", async () => {
    const strategic = await t.kubectl(["patch", "deployment", "typed", "-p", '{"spec":{"replicas":"3"}}']);
    expect(strategic).toEqual({
      code: 1,
      stdout: "",
      stderr: 'The request is invalid: patch: Invalid value: "map[spec:map[replicas:3]]": unrecognized type: int32\n',
    });
    const merge = await t.kubectl(["patch", "deployment", "typed", "--type=merge", "-p", '{"metadata":{"labels":{"a":1}}}']);
    expect(merge.code).toBe(1);
    expect(merge.stderr).toMatch(
      /^The request is invalid: patch: Invalid value: "\{.*\}": json: cannot unmarshal number into Go struct field ObjectMeta\.metadata\.labels of type string\n$/,
    );
    const json = await t.kubectl(["patch", "deployment", "typed", "--type=json", "-p", '[{"op":"replace","path":"/spec/replicas","value":"3"}]']);
    expect(json.stderr).toMatch(
      /^The request is invalid: patch: Invalid value: "\{.*\}": json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32\n$/,
    );
    expect((await t.kubectl(["get", "deployment", "typed", "-o", "jsonpath={.spec.replicas}"])).stdout).toBe("1");
  });
});
