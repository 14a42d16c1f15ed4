import { describe, expect, it } from "vitest";
import { decodeStrictJson, decodeStrictValue } from "./strict-decoding.ts";
import { fieldSchemaFor, UNTYPED } from "./field-schema/field-schema.ts";

const POD = fieldSchemaFor({ group: "", version: "v1", kind: "Pod" });
const CRD = fieldSchemaFor({ group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition" });
const PROJECT = fieldSchemaFor({ group: "management.cattle.io", version: "v3", kind: "Project" });

describe("decodeStrictJson: sigs.k8s.io/json UnmarshalStrict into the kind's Go type", () => {
  it("reports unknown fields with their path from the root, in document order, and drops them", () => {
    const text = JSON.stringify({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", foo: 1 },
      spec: { containers: [{ name: "c", image: "nginx" }, { name: "d", bar: { x: 1 } }], baz: true },
      extra: null,
    });
    const { value, errors } = decodeStrictJson(text, POD);
    expect(errors).toEqual([
      'unknown field "metadata.foo"',
      'unknown field "spec.containers[1].bar"',
      'unknown field "spec.baz"',
      'unknown field "extra"',
    ]);
    expect(value).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: [{ name: "c", image: "nginx" }, { name: "d" }] },
    });
  });

  it("matches keys case-sensitively, and does not look inside an unknown field", () => {
    const { errors } = decodeStrictJson('{"Kind":"Pod","spec":{"Containers":[{"nope":1}],"foo":{"bar":{"baz":1}}}}', POD);
    expect(errors).toEqual(['unknown field "Kind"', 'unknown field "spec.Containers"', 'unknown field "spec.foo"']);
  });

  it("reports duplicate fields of structs, maps and untyped objects, each message once", () => {
    const text =
      '{"kind":"Pod","kind":"Pod","metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}},' +
      '"spec":{"containers":[{"name":"c","zz":1}],"containers":[{"name":"c","zz":1}]}}';
    const { value, errors } = decodeStrictJson(text, POD);
    expect(errors).toEqual([
      'duplicate field "kind"',
      'duplicate field "metadata.name"',
      'duplicate field "metadata.labels.x"',
      'unknown field "spec.containers[0].zz"',
      'duplicate field "spec.containers"',
    ]);
    expect(value).toEqual({ kind: "Pod", metadata: { name: "b", labels: { x: "2" } }, spec: { containers: [{ name: "c" }] } });
    expect(decodeStrictJson('{"a":{"b":1,"b":2},"c":[{"d":1,"d":1}]}', UNTYPED).errors).toEqual([
      'duplicate field "a.b"',
      'duplicate field "c[0].d"',
    ]);
  });

  it("decodes a repeated struct into the earlier one, as Go does: fields of both, lists element by element, map values replaced", () => {
    const text =
      '{"spec":{"restartPolicy":"Never","containers":[{"name":"a","image":"x"},{"name":"b"}]},' +
      '"spec":{"hostname":"h","containers":[{"image":"y"}]},' +
      '"metadata":{"labels":{"a":"1"},"annotations":{"k":"v"}},"metadata":{"labels":{"b":"2"}}}';
    expect(decodeStrictJson(text, POD).value).toEqual({
      spec: { restartPolicy: "Never", hostname: "h", containers: [{ name: "a", image: "y" }] },
      metadata: { labels: { a: "1", b: "2" }, annotations: { k: "v" } },
    });
  });

  it("keeps literals exactly as JSON.parse reads them", () => {
    const text = '{"metadata":{"name":"a\\u00e9\\"b","generation":1e3,"labels":{"k":"tab\\tnew\\nline"}},"spec":{"priority":-12.5e-1}}';
    expect(decodeStrictJson(text, POD).value).toEqual(JSON.parse(text));
  });

  it("quotes paths as Go's %q does", () => {
    expect(decodeStrictJson('{"spec":{"a\\"b":1,"ü":2}}', POD).errors).toEqual(['unknown field "spec.a\\"b"', 'unknown field "spec.ü"']);
  });

  it("stops at 100 errors", () => {
    const fields = Array.from({ length: 150 }, (_, i) => `"f${i}":1`).join(",");
    const { errors } = decodeStrictJson(`{"spec":{${fields}}}`, POD);
    expect(errors).toHaveLength(100);
    expect(errors[99]).toBe('unknown field "spec.f99"');
  });

  it("checks schemas inside a CRD's map of JSONSchemaProps, but not values with their own UnmarshalJSON", () => {
    const crd = {
      spec: {
        versions: [
          {
            name: "v1",
            schema: {
              openAPIV3Schema: {
                type: "object",
                default: { anything: { goes: true } },
                items: { bogus: 1 },
                properties: { spec: { type: "object", bogus: true } },
              },
            },
          },
        ],
      },
    };
    expect(decodeStrictJson(JSON.stringify(crd), CRD).errors).toEqual([
      'unknown field "spec.versions[0].schema.openAPIV3Schema.properties.spec.bogus"',
    ]);
  });

  it("keeps a custom resource's own fields, checking metadata and duplicate keys", () => {
    const text = '{"apiVersion":"management.cattle.io/v3","kind":"Project","metadata":{"name":"p","nope":1},"spec":{"a":1,"a":2},"free":{"x":[1]}}';
    const { value, errors } = decodeStrictJson(text, PROJECT);
    expect(errors).toEqual(['unknown field "metadata.nope"', 'duplicate field "spec.a"']);
    expect(value).toEqual({ apiVersion: "management.cattle.io/v3", kind: "Project", metadata: { name: "p" }, spec: { a: 2 }, free: { x: [1] } });
  });
});

describe("decodeStrictValue: a patched object", () => {
  const patched = {
    metadata: { name: "p", zeta: 1, alpha: 2 },
    spec: { containers: [{ name: "c", "a-x": 1 }], a: { b: 1 } },
  };

  it("as runtime.DefaultUnstructuredConverter checks it: errors sorted as strings", () => {
    const { value, errors } = decodeStrictValue(patched, POD, "unstructured");
    expect(errors).toEqual([
      'unknown field "metadata.alpha"',
      'unknown field "metadata.zeta"',
      'unknown field "spec.a"',
      'unknown field "spec.containers[0].a-x"',
    ]);
    expect(value).toEqual({ metadata: { name: "p" }, spec: { containers: [{ name: "c" }] } });
  });

  it("leaves a map's key out of the path, as the converter does", () => {
    const crd = { spec: { versions: [{ schema: { openAPIV3Schema: { properties: { spec: { bogus: 1 } } } } }] } };
    expect(decodeStrictValue(crd, CRD, "unstructured").errors).toEqual([
      'unknown field "spec.versions[0].schema.openAPIV3Schema.properties.bogus"',
    ]);
    expect(decodeStrictValue(crd, CRD, "sorted-json").errors).toEqual([
      'unknown field "spec.versions[0].schema.openAPIV3Schema.properties.spec.bogus"',
    ]);
  });

  it("as strict JSON decoding of a sorted document checks it: depth first, keys sorted", () => {
    const { errors } = decodeStrictValue({ spec: { zz: 1, a: { b: 1 } }, metadata: { zeta: 1 } }, POD, "sorted-json");
    expect(errors).toEqual(['unknown field "metadata.zeta"', 'unknown field "spec.a"', 'unknown field "spec.zz"']);
  });
});
