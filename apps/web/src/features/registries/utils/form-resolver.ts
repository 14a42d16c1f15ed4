import { zodResolver } from "@hookform/resolvers/zod";
import { registryCreateSchema } from "@paddock/contracts";
import type { FieldError, FieldErrors, Resolver } from "react-hook-form";
import { formFieldOf, toCreateInput, type FormMode, type RegistryFormValues } from "./form-values.ts";

/** Every message of a nested react-hook-form error tree, with its dotted path. */
function flatten(errors: unknown, prefix = ""): { path: string; message: string }[] {
  if (!errors || typeof errors !== "object") return [];
  const node = errors as Partial<FieldError> & Record<string, unknown>;
  if (typeof node.message === "string" && typeof node.type === "string") return [{ path: prefix, message: node.message }];
  return Object.entries(node).flatMap(([key, child]) => (key === "ref" ? [] : flatten(child, prefix ? `${prefix}.${key}` : key)));
}

function setPath(target: Record<string, unknown>, path: string, error: FieldError): void {
  const parts = path.split(".");
  let node: Record<string, unknown> = target;
  parts.slice(0, -1).forEach((part, i) => {
    const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
    node[part] ??= nextIsIndex ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
  node[parts[parts.length - 1]!] ??= error;
}

/**
 * The form is checked with the API's own schema (`registryCreateSchema`, through zodResolver) on the
 * request it would send; each issue is shown at the form field it comes from (a Custom address at
 * its host field, the scope's namespace at the namespace select or the new namespace's name).
 */
export function registryFormResolver(mode: FormMode): Resolver<RegistryFormValues> {
  const check = zodResolver(registryCreateSchema);
  return async (values, context, options) => {
    const request = toCreateInput(values);
    const result = await check(request, context, { ...options, names: undefined, fields: {}, shouldUseNativeValidation: false } as never);
    const issues = flatten(result.errors as FieldErrors);
    if (mode === "create") {
      values.registries.forEach((entry, index) => {
        if (entry.password === "") issues.push({ path: `registries.${index}.password`, message: "Enter the password." });
      });
    }
    const errors: Record<string, unknown> = {};
    for (const issue of issues) {
      const field = formFieldOf(issue.path.replace(/\.root$/, ""), values) ?? "root.form";
      setPath(errors, field, { type: "validate", message: issue.message });
    }
    return Object.keys(errors).length === 0 ? { values, errors: {} } : { values: {}, errors: errors as FieldErrors<RegistryFormValues> };
  };
}
