import { useState } from "react";
import { useFieldArray, useForm, useWatch, type Path } from "react-hook-form";
import { namespaceNameSchema, type RegistryRef, type RegistrySaved } from "@paddock/contracts";
import { Field } from "@/components/ui/field";
import { ApiError } from "@/lib/api-client";
import { registryFormResolver } from "../utils/form-resolver";
import { emptyEntry, formFieldOf, scopeOfValues, type FormMode, type RegistryFormValues } from "../utils/form-values";
import { describeNameConflicts } from "../utils/name-conflicts";
import { NameField } from "./name-field";
import { RegistryEntryFields } from "./registry-entry-fields";
import { ScopeFields } from "./scope-fields";

export interface RegistryFormProps {
  mode: FormMode;
  cluster: string;
  project: string;
  initial: RegistryFormValues;
  /** the registry an edit or a clone starts from */
  source?: RegistryRef;
  /** sends the request; throws ApiError on a refusal */
  save: (values: RegistryFormValues) => Promise<RegistrySaved>;
  onSaved: (saved: RegistrySaved) => void;
  onCancel: () => void;
}

/**
 * Add Registry, Edit Registry and Clone Registry: one form. A refusal keeps everything typed and
 * is shown at the field it is about (the name's conflicts at Name, each issue at its field).
 */
export function RegistryForm(props: RegistryFormProps) {
  const { mode } = props;
  const form = useForm<RegistryFormValues>({
    defaultValues: props.initial,
    resolver: registryFormResolver(mode),
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { control, register, setValue, setError, formState } = form;
  const { errors, isSubmitting } = formState;
  const entries = useFieldArray({ control, name: "registries" });
  const name = useWatch({ control, name: "name" });
  const scopeValues = useWatch({ control, name: ["scopeType", "namespace", "newNamespace", "newNamespaceName"] });
  const [scopeType, namespace, newNamespace, newNamespaceName] = scopeValues;
  const scope = scopeOfValues({ scopeType, namespace, newNamespace, newNamespaceName });
  // the name is checked in a namespace once one is chosen (or a valid new one typed)
  const scopeReady = scope.type === "project" || namespaceNameSchema.safeParse(scope.namespace).success;
  const [describing, setDescribing] = useState(props.initial.description !== "");

  const submit = form.handleSubmit(async (values) => {
    try {
      props.onSaved(await props.save(values));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setError("root.server", { message: `Saving failed: ${(error as Error).message}` });
        return;
      }
      if (error.code === "NameInUse") {
        setError("name", { type: "server", message: describeNameConflicts(error.conflicts) }, { shouldFocus: true });
        return;
      }
      const unplaced: string[] = [];
      let focused = false;
      for (const issue of error.issues) {
        const field = formFieldOf(issue.path, values);
        if (field && field !== "registries.root") {
          setError(field as Path<RegistryFormValues>, { type: "server", message: issue.message }, { shouldFocus: !focused });
          focused = true;
        } else unplaced.push(issue.message);
      }
      if (!focused || unplaced.length > 0) setError("root.server", { message: focused ? unplaced.join(" ") : error.message });
    }
  });

  const serverError = errors.root?.server?.message ?? errors.root?.form?.message ?? errors.registries?.root?.message;
  return (
    <form className="reg-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={serverError ? "registry-form-error" : undefined}>
      {serverError && (
        <div id="registry-form-error" className="alert alert--error" role="alert">
          <strong>{mode === "edit" ? "The registry was not saved." : "The registry was not created."}</strong> {serverError}
        </div>
      )}
      <section className="card reg-form__card" aria-labelledby="registry-form-basics">
        <h2 id="registry-form-basics" className="sr-only">
          Name and scope
        </h2>
        <div className="reg-form__row">
          <div className="reg-form__name">
            <NameField
              cluster={props.cluster}
              project={props.project}
              value={name}
              scope={scopeReady ? scope : undefined}
              registration={register("name")}
              error={errors.name?.message}
              fixed={mode === "edit"}
            />
          </div>
          <div className="reg-form__description">
            {describing ? (
              <Field label="Description" error={errors.description?.message}>
                <textarea className="input" rows={2} autoFocus={props.initial.description === ""} {...register("description")} />
              </Field>
            ) : (
              <button type="button" className="btn btn--link reg-form__describe" onClick={() => setDescribing(true)}>
                Add a Description
              </button>
            )}
          </div>
        </div>
        <ScopeFields cluster={props.cluster} project={props.project} fixed={mode === "edit"} control={control} register={register} setValue={setValue} errors={errors} />
      </section>

      <section className="card reg-form__card" aria-labelledby="registry-form-registries">
        <h2 id="registry-form-registries">Registries</h2>
        {entries.fields.map((field, index) => (
          <RegistryEntryFields
            key={field.id}
            index={index}
            count={entries.fields.length}
            mode={mode}
            cluster={props.cluster}
            project={props.project}
            source={props.source}
            control={control}
            register={register}
            setValue={setValue}
            errors={errors}
            onRemove={() => entries.remove(index)}
          />
        ))}
        <button type="button" className="btn" onClick={() => entries.append(emptyEntry(), { shouldFocus: false })}>
          + Add Registry
        </button>
      </section>

      <section className="card reg-form__card" aria-label="Default service account">
        <label className="checkbox">
          <input type="checkbox" aria-describedby="attach-help" {...register("attachToDefaultServiceAccount")} /> Also attach to each namespace&apos;s default service
          account
        </label>
        <p id="attach-help" className="field__help reg-form__attach-help">
          Pods created with kubectl in these namespaces will use this registry without listing it in imagePullSecrets.
        </p>
      </section>

      <div className="reg-form__actions">
        <button type="submit" className="btn btn--primary" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save"}
        </button>
        <button type="button" className="btn" onClick={props.onCancel} disabled={isSubmitting}>
          Cancel
        </button>
        {isSubmitting && <span className="spinner__wheel" role="status" aria-label="Saving" />}
      </div>
    </form>
  );
}
