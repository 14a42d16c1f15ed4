import * as models from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { builtInDefinitions } from "../../kinds/definitions.ts";
import { deriveFieldTypes, FIELDS_AFTER_1_32, goTypeName, NAMED_STRING_FIELDS, QUANTITY_FIELDS } from "./client-node-fields.ts";
import { FIELD_TYPES } from "./field-types.generated.ts";
import { fieldSchemaFor, hasTypedSchema, typeNode } from "./field-schema.ts";

describe("the field tables", () => {
  it("are what client-node 1.4's models say, less the fields added after 1.32 (regenerate with write-field-types.ts)", () => {
    expect(deriveFieldTypes(models as unknown as Record<string, unknown>)).toEqual(FIELD_TYPES);
  });

  it("leave out only fields that exist", () => {
    const all = deriveFieldTypes(models as unknown as Record<string, unknown>, undefined, []);
    for (const entry of FIELDS_AFTER_1_32) {
      const [type = "", field = ""] = entry.split(".");
      expect(all[type], entry).toHaveProperty([field]);
    }
  });

  it("mark as quantities and named string types only fields that exist", () => {
    const all = deriveFieldTypes(models as unknown as Record<string, unknown>, undefined, []);
    for (const entry of [...QUANTITY_FIELDS, ...Object.keys(NAMED_STRING_FIELDS)]) {
      const [type = "", field = ""] = entry.split(".");
      expect(all[type]?.[field], entry).toMatch(/(?:quantity|string\(.+\))$/);
    }
  });

  it("name types as Go does", () => {
    expect(goTypeName("V1PodSpec")).toBe("PodSpec");
    expect(goTypeName("CoreV1Event")).toBe("Event");
    expect(goTypeName("ApiextensionsV1ServiceReference")).toBe("ServiceReference");
  });

  it("describe every built-in kind the cluster serves; custom resources keep their own fields", () => {
    for (const def of builtInDefinitions) {
      const builtIn = def.group === "" || !def.group.includes(".") || def.group.endsWith(".k8s.io");
      expect(hasTypedSchema(def), `${def.group}/${def.kind}`).toBe(builtIn);
    }
    const project = fieldSchemaFor({ group: "management.cattle.io", version: "v3", kind: "Project" });
    expect(project.kind === "struct" && project.rest?.kind).toBe("untyped");
  });

  it("resolve nested types", () => {
    const pod = typeNode("Pod");
    if (pod.kind !== "struct") throw new Error("Pod is a struct");
    const spec = pod.field("spec");
    if (spec?.kind !== "struct") throw new Error("spec is a struct");
    expect(spec.field("containers")).toMatchObject({ kind: "list", items: { kind: "struct", name: "Container" } });
    expect(spec.field("nodeSelector")).toEqual({
      kind: "map",
      goType: "map[string]string",
      values: { kind: "scalar", scalar: "string", goType: "string" },
    });
    expect(spec.field("containers")).toMatchObject({ goType: "[]v1.Container" });
    expect(spec.field("overhead")).toMatchObject({ goType: "map[string]resource.Quantity", values: { scalar: "quantity" } });
    expect(spec.field("restartPolicy")).toEqual({ kind: "scalar", scalar: "string", goType: "v1.RestartPolicy" });
    expect(spec.field("activeDeadlineSeconds")).toEqual({ kind: "scalar", scalar: "int64", goType: "int64" });
    expect(spec.field("hostnameOverride")).toBeUndefined(); // 1.34
    expect(pod.field("nope")).toBeUndefined();
  });
});
