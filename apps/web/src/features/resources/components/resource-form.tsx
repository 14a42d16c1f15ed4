import { useFieldArray, useForm } from "react-hook-form";
import { useQuery } from "@tanstack/react-query";
import { Field } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/api-client";
import { nameAvailabilityQuery, projectNamespacesQuery } from "@/lib/project-queries";
import { showIssuesAtFields } from "@/lib/form-issues";
import { useDebounced } from "@/lib/use-debounced";
import { useCreateResource, type ResourceKind } from "../api/resources";

interface FormValues {
  name: string;
  namespace: string;
  description: string;
  entries: Array<{ key: string; value: string }>;
  certificate: string;
  privateKey: string;
}

/** The fields a refusal's issues may name (`body.name` → `name`). */
const FIELDS = ["name", "namespace", "description", "certificate", "privateKey"] as const;

/** Add a secret, certificate or ConfigMap; the name is checked against every kind as it is typed. */
export function ResourceForm({ kind, cluster, project, onDone }: { kind: ResourceKind; cluster: string; project: string; onDone: () => void }) {
  const namespaces = useQuery(projectNamespacesQuery(cluster, project));
  const create = useCreateResource(cluster, project, kind);
  const toast = useToast();
  const form = useForm<FormValues>({ defaultValues: { name: "", namespace: "", description: "", entries: [{ key: "", value: "" }], certificate: "", privateKey: "" } });
  const entries = useFieldArray({ control: form.control, name: "entries" });
  const name = useDebounced(form.watch("name"));
  const namespace = form.watch("namespace") || namespaces.data?.[0] || "";
  const availability = useQuery({ ...nameAvailabilityQuery(cluster, project, name, { type: "namespace", namespace }), enabled: name.length > 0 && namespace.length > 0 });
  const nameProblem = availability.data && !availability.data.available ? (availability.data.invalid ?? availability.data.message) : undefined;

  const submit = form.handleSubmit(async (values) => {
    const common = { name: values.name, namespace: values.namespace || namespace, ...(values.description ? { description: values.description } : {}) };
    const data = Object.fromEntries(values.entries.filter((e) => e.key).map((e) => [e.key, e.value]));
    const input = kind === "certificates" ? { ...common, certificate: values.certificate, privateKey: values.privateKey } : { ...common, data };
    try {
      await create.run(input as never);
      toast.success(`Created ${values.name}.`);
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === "NameInUse") {
        form.setError("name", { type: "server", message: error.message }, { shouldFocus: true });
        return;
      }
      const rest = showIssuesAtFields(error, FIELDS, form.setError);
      if (rest) form.setError("root.server", { message: rest });
    }
  });

  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} noValidate aria-label={`Add ${kind}`}>
      <div className="form-grid">
        <Field label="Name" error={form.formState.errors.name?.message ?? nameProblem} help={availability.data?.available ? "This name is free." : undefined}>
          <input className="input" {...form.register("name", { required: "Enter a name." })} />
        </Field>
        <Field label="Namespace" error={form.formState.errors.namespace?.message}>
          <select className="input" {...form.register("namespace")} value={namespace}>
            {namespaces.data?.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label="Description" error={form.formState.errors.description?.message}>
        <input className="input" {...form.register("description")} />
      </Field>
      {kind === "certificates" ? (
        <>
          <Field label="Certificate" help="PEM, starting with -----BEGIN CERTIFICATE-----" error={form.formState.errors.certificate?.message}>
            <textarea className="input mono" {...form.register("certificate", { required: "Paste the certificate (PEM)." })} />
          </Field>
          <Field label="Private Key" help="PEM; it is stored in the cluster and never shown again" error={form.formState.errors.privateKey?.message}>
            <textarea className="input mono" {...form.register("privateKey", { required: "Paste the private key (PEM)." })} />
          </Field>
        </>
      ) : (
        <fieldset>
          <legend>{kind === "secrets" ? "Secret values" : "Data"}</legend>
          {entries.fields.map((entry, index) => (
            <div key={entry.id} className="kv-row">
              <Field label="Key">
                <input className="input" {...form.register(`entries.${index}.key`)} />
              </Field>
              <Field label="Value">
                {kind === "secrets" ? <input className="input" type="password" autoComplete="off" {...form.register(`entries.${index}.value`)} /> : <input className="input" {...form.register(`entries.${index}.value`)} />}
              </Field>
              {entries.fields.length > 1 && (
                <button type="button" className="btn btn--link" aria-label={`Remove entry ${index + 1}`} onClick={() => entries.remove(index)}>
                  Remove
                </button>
              )}
            </div>
          ))}
          <button type="button" className="btn" onClick={() => entries.append({ key: "", value: "" })}>
            + Add Entry
          </button>
        </fieldset>
      )}
      {form.formState.errors.root?.server && (
        <div className="alert alert--error" role="alert">
          {form.formState.errors.root.server.message}
        </div>
      )}
      <FormActions busy={form.formState.isSubmitting} label="Save" busyLabel="Saving…" onCancel={onDone} />
    </form>
  );
}
