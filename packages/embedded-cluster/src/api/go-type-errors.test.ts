import { describe, expect, it } from "vitest";
import { fieldSchemaFor, typeNode } from "./field-schema/field-schema.ts";
import { decodeStrictJson, decodeStrictValue } from "./strict-decoding.ts";
import { QUANTITY_FORMAT_ERROR } from "./go-type-errors.ts";

const POD = fieldSchemaFor({ group: "", version: "v1", kind: "Pod" });
const DEPLOYMENT = fieldSchemaFor({ group: "apps", version: "v1", kind: "Deployment" });
const SECRET = fieldSchemaFor({ group: "", version: "v1", kind: "Secret" });
const PROJECT = fieldSchemaFor({ group: "management.cattle.io", version: "v3", kind: "Project" });

function typeError(text: string, root = POD): string | undefined {
  return decodeStrictJson(text, root).typeError;
}

describe("type errors of JSON bodies (encoding/json UnmarshalTypeError)", () => {
  it("names the innermost struct and the JSON field names, without indexes or map keys", () => {
    expect(typeError('{"spec":{"containers":[{"name":"a"},{"name":5}]}}')).toBe(
      "json: cannot unmarshal number into Go struct field Container.spec.containers.name of type string",
    );
    expect(typeError('{"metadata":{"labels":{"a":"b","c":1}}}')).toBe(
      "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
    );
    expect(typeError('{"data":["a"]}', SECRET)).toBe("json: cannot unmarshal array into Go struct field Secret.data of type map[string][]uint8");
    expect(typeError('{"data":{"a":1}}', SECRET)).toBe("json: cannot unmarshal number into Go struct field Secret.data of type []uint8");
    expect(typeError('{"spec":"x"}')).toBe("json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec");
    expect(typeError('{"spec":{"containers":{}}}')).toBe(
      "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container",
    );
    expect(typeError('{"spec":{"restartPolicy":true}}')).toBe(
      "json: cannot unmarshal bool into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy",
    );
  });

  it("checks integers as strconv.ParseInt does, with the literal in the message", () => {
    expect(typeError('{"spec":{"replicas":"3"}}', DEPLOYMENT)).toBe(
      "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32",
    );
    expect(typeError('{"spec":{"replicas":1.5}}', DEPLOYMENT)).toBe(
      "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32",
    );
    expect(typeError('{"spec":{"replicas":3000000000}}', DEPLOYMENT)).toBe(
      "json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32",
    );
    expect(typeError('{"spec":{"activeDeadlineSeconds":3000000000}}')).toBeUndefined();
  });

  it("accepts null everywhere, and numbers or strings for quantities and IntOrString", () => {
    expect(typeError('{"metadata":null,"spec":{"containers":[{"name":null,"resources":{"limits":{"cpu":1,"memory":"1Gi"}}}]}}')).toBeUndefined();
    expect(typeError('{"spec":{"strategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":"25%"}}}}', DEPLOYMENT)).toBeUndefined();
  });

  it("reports the errors of types with their own UnmarshalJSON, which stop decoding", () => {
    expect(typeError('{"spec":{"containers":[{"resources":{"limits":{"cpu":true}}}]}}')).toBe(QUANTITY_FORMAT_ERROR);
    expect(typeError('{"spec":{"strategy":{"rollingUpdate":{"maxSurge":true}}}}', DEPLOYMENT)).toBe(
      "json: cannot unmarshal bool into Go value of type int32",
    );
    expect(typeError('{"metadata":{"creationTimestamp":5}}')).toBe("json: cannot unmarshal number into Go value of type string");
    // A saved type error before a fatal one gives way to it.
    expect(typeError('{"metadata":{"name":1,"creationTimestamp":5}}')).toBe("json: cannot unmarshal number into Go value of type string");
  });

  it("keeps the first of several, and skips what it cannot store (no strict errors inside)", () => {
    const decoded = decodeStrictJson('{"spec":{"nodeName":1,"hostname":2,"affinity":[{"zz":1}]},"zz":1}', POD);
    expect(decoded.typeError).toBe("json: cannot unmarshal number into Go struct field PodSpec.spec.nodeName of type string");
    expect(decoded.errors).toEqual(['unknown field "zz"']);
  });

  it("does not check custom resources (no Go type) nor unknown fields", () => {
    expect(typeError('{"metadata":{"name":1},"spec":{"x":1}}', PROJECT)).toBeUndefined();
    expect(typeError('{"spec":{"zz":{"name":1}}}')).toBeUndefined();
  });
});

describe("type errors of patched objects", () => {
  it("JSON and merge patches: encoding/json's errors over the sorted document", () => {
    const patched = { spec: { template: { spec: { containers: [{ name: 1 }] } }, replicas: "3" } };
    expect(decodeStrictValue(patched, DEPLOYMENT, "sorted-json").typeError).toBe(
      "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32",
    );
  });

  it("strategic merge patches: runtime.DefaultUnstructuredConverter's errors, without a path", () => {
    const converted = (value: unknown, root = POD): string | undefined => decodeStrictValue(value, root, "unstructured").typeError;
    expect(converted({ spec: { replicas: "3" } }, DEPLOYMENT)).toBe("unrecognized type: int32");
    expect(converted({ spec: { replicas: 1.5 } }, DEPLOYMENT)).toBe("cannot convert float64 to int32");
    expect(converted({ metadata: { labels: { a: 1 } } })).toBe("cannot convert int64 to string");
    expect(converted({ spec: { restartPolicy: 1 } })).toBe("cannot convert int64 to v1.RestartPolicy");
    expect(converted({ spec: { nodeName: true } })).toBe("unrecognized type: string");
    expect(converted({ spec: "x" })).toBe("cannot restore struct from: string");
    expect(converted({ spec: { containers: {} } })).toBe("cannot restore slice from map");
    expect(converted({ data: [] }, SECRET)).toBe("cannot restore map from slice");
    expect(converted({ spec: { containers: [{ resources: { limits: { cpu: 1 } } }] } })).toBeUndefined();
  });

  it("the type notation names Go types as reflect does", () => {
    expect(typeNode("map[string]byte")).toMatchObject({ goType: "map[string][]uint8" });
    expect(typeNode("[]string(v1.Capability)")).toMatchObject({ goType: "[]v1.Capability" });
  });
});
