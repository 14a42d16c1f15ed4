import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { namespaceNameSchema } from "@paddock/contracts";
import { ErrorMessage } from "@/components/ui/error-message";
import { Field } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/api-client";
import { useAddNamespace } from "../api/namespaces";

const addNamespaceSchema = z.object({ name: namespaceNameSchema });
type AddNamespace = z.infer<typeof addNamespaceSchema>;

export function AddNamespaceForm({ cluster, project, onDone }: { cluster: string; project: string; onDone: () => void }) {
  const add = useAddNamespace(cluster);
  const toast = useToast();
  const form = useForm<AddNamespace>({ resolver: zodResolver(addNamespaceSchema), defaultValues: { name: "" } });
  const submit = form.handleSubmit(({ name }) =>
    add.mutate(
      { name, projectId: project },
      {
        onSuccess: () => (toast.success(`Namespace ${name} added to the project.`), onDone()),
        onError: (error) => {
          // A refusal about the name (taken, kept by Paddock, invalid) is said at the field.
          if (!(error instanceof ApiError)) return;
          const issue = error.issues.find((i) => i.path === "body.name");
          if (issue || error.code === "Conflict" || error.code === "NameInUse") form.setError("name", { type: "server", message: issue?.message ?? error.message }, { shouldFocus: true });
        },
      },
    ),
  );
  const atField = add.error instanceof ApiError && (add.error.issues.some((i) => i.path === "body.name") || add.error.code === "Conflict" || add.error.code === "NameInUse");
  return (
    <form className="card form-card namespace-form" onSubmit={submit} noValidate aria-labelledby="add-namespace-title">
      <h2 id="add-namespace-title">Add Namespace</h2>
      {add.error && !atField && <ErrorMessage error={add.error} what="add the namespace" />}
      <Field label="Name" error={form.formState.errors.name?.message} help="Lowercase letters, digits and '-', e.g. team-a. It joins this project.">
        <input className="input" autoComplete="off" autoFocus {...form.register("name")} />
      </Field>
      <FormActions busy={add.isPending} label="Create" busyLabel="Creating…" onCancel={onDone} />
    </form>
  );
}
