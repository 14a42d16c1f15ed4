import { useQuery } from "@tanstack/react-query";
import { useWatch, type Control, type FieldErrors, type UseFormRegister, type UseFormSetValue } from "react-hook-form";
import { ErrorMessage } from "@/components/ui/error-message";
import { Field } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { projectNamespacesQuery } from "../api/get-project";
import type { RegistryFormValues } from "../utils/form-values";

/**
 * Rancher's scope radios: every namespace of the project, or one namespace (chosen, or added with
 * the registry). An edit shows the scope but cannot change it.
 */
export function ScopeFields(props: {
  cluster: string;
  project: string;
  fixed: boolean;
  control: Control<RegistryFormValues>;
  register: UseFormRegister<RegistryFormValues>;
  setValue: UseFormSetValue<RegistryFormValues>;
  errors: FieldErrors<RegistryFormValues>;
}) {
  const { control, register, errors } = props;
  const scopeType = useWatch({ control, name: "scopeType" });
  const newNamespace = useWatch({ control, name: "newNamespace" });
  const fixedNamespace = useWatch({ control, name: "namespace" });
  const namespaces = useQuery({ ...projectNamespacesQuery(props.cluster, props.project), enabled: !props.fixed });

  if (props.fixed) {
    return (
      <fieldset className="reg-radios reg-radios--stacked">
        <legend>Scope</legend>
        <label className="radio">
          <input type="radio" name="fixed-scope" checked={scopeType === "project"} disabled readOnly /> Available to all namespaces in this project
        </label>
        <label className="radio">
          <input type="radio" name="fixed-scope" checked={scopeType === "namespace"} disabled readOnly /> Available to a single namespace
          {scopeType === "namespace" && <strong className="reg-fixed-namespace">{fixedNamespace}</strong>}
        </label>
        <p className="field__help">The scope of a registry cannot change: clone it to put it in another scope.</p>
      </fieldset>
    );
  }

  return (
    <fieldset className="reg-radios reg-radios--stacked">
      <legend>Scope</legend>
      <label className="radio">
        <input type="radio" value="project" {...register("scopeType")} /> Available to all namespaces in this project
      </label>
      <label className="radio">
        <input type="radio" value="namespace" {...register("scopeType")} /> Available to a single namespace
      </label>
      {scopeType === "namespace" && (
        <div className="reg-namespace">
          {newNamespace ? (
            <>
              <Field label="New namespace" help="Created in this project together with the registry." error={errors.newNamespaceName?.message}>
                <input className="input" autoComplete="off" spellCheck={false} placeholder="e.g. team-a" {...register("newNamespaceName")} />
              </Field>
              <button type="button" className="btn btn--link" onClick={() => props.setValue("newNamespace", false)}>
                Use an existing namespace
              </button>
            </>
          ) : (
            <>
              {namespaces.isPending && <Spinner label="Loading the project's namespaces…" />}
              {namespaces.error && <ErrorMessage error={namespaces.error} what="load the project's namespaces" onRetry={() => void namespaces.refetch()} />}
              {namespaces.data && (
                // rendered once the options are there, so that the select shows the value the form holds
                <Field
                  label="Namespace"
                  error={errors.namespace?.message}
                  help={namespaces.data.length === 0 ? "This project has no namespace yet: add a new one." : undefined}
                >
                  <select {...register("namespace")}>
                    <option value="">Choose a namespace</option>
                    {namespaces.data.map((ns) => (
                      <option key={ns} value={ns}>
                        {ns}
                      </option>
                    ))}
                  </select>
                </Field>
              )}
              <button type="button" className="btn btn--link" onClick={() => props.setValue("newNamespace", true)}>
                Add to a new namespace
              </button>
            </>
          )}
        </div>
      )}
    </fieldset>
  );
}
