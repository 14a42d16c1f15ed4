import { useQuery } from "@tanstack/react-query";
import { resourceNameSchema, type RegistryScope } from "@paddock/contracts";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { nameAvailabilityQuery } from "../api/check-name";
import { useDebounced } from "@/lib/use-debounced";
import { describeNameConflicts } from "../utils/name-conflicts";

const HELP = "Lowercase letters, digits, '-' and '.'. Unique among the registries, secrets, certificates and ConfigMaps of its scope.";

/**
 * The Name field, checked as you type: its format at once, and (300 ms after the last key) whether
 * the name is free in the chosen scope, naming what holds it when it is not.
 */
export function NameField(props: {
  cluster: string;
  project: string;
  value: string;
  /** the scope the name must be free in; undefined while no namespace is chosen */
  scope: RegistryScope | undefined;
  registration: UseFormRegisterReturn<"name">;
  error: string | undefined;
  /** edit: the name is fixed */
  fixed?: boolean;
}) {
  const typed = props.value.trim();
  const settled = useDebounced(typed, 300);
  const format = typed ? resourceNameSchema.safeParse(typed) : undefined;
  const checkable = !props.fixed && !!props.scope && settled !== "" && settled === typed && !!format?.success;
  const availability = useQuery({
    ...nameAvailabilityQuery(props.cluster, props.project, props.scope ?? { type: "project" }, settled),
    enabled: checkable,
  });

  let error = props.error;
  let help: React.ReactNode = HELP;
  if (props.fixed) {
    help = "The name of a registry cannot change: clone it to use another name.";
  } else if (!error && format && !format.success) {
    error = format.error.issues[0]?.message;
  } else if (!error && typed) {
    if (!props.scope) help = "Choose (or name) the namespace to check whether the name is free there.";
    else if (!checkable || availability.isPending) help = <span className="reg-checking">Checking whether the name is free…</span>;
    else if (availability.error) help = `Could not check the name (${availability.error.message}); it will be checked again on save.`;
    else if (availability.data && !availability.data.available) error = availability.data.invalid ?? describeNameConflicts(availability.data.conflicts);
    else if (availability.data?.available) help = <span className="field__ok">✓ The name is free in this scope.</span>;
  }
  return (
    <Field label="Name" help={help} error={error}>
      <input className="input" autoComplete="off" spellCheck={false} readOnly={props.fixed} {...props.registration} />
    </Field>
  );
}
