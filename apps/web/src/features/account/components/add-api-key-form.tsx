import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS, apiTokenCreateSchema, type ApiTokenCreate, type ApiTokenCreated } from "@paddock/contracts";
import { Field } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { showIssuesAtFields } from "@/lib/form-issues";
import { useCreateApiToken } from "../api/account";

const FIELDS = ["name", "expiresInDays"] as const;

/** Add API Key: a name saying what uses it, and how long it lives. The new key goes to `onCreated` only. */
export function AddApiKeyForm({ onCreated, onCancel }: { onCreated: (created: ApiTokenCreated) => void; onCancel: () => void }) {
  const { create, isPending } = useCreateApiToken();
  const form = useForm<ApiTokenCreate>({ resolver: zodResolver(apiTokenCreateSchema), defaultValues: { name: "", expiresInDays: API_TOKEN_DEFAULT_DAYS } });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      onCreated(await create(values));
    } catch (error) {
      const rest = showIssuesAtFields(error, FIELDS, form.setError);
      if (rest) form.setError("root.server", { message: rest });
    }
  });

  return (
    <form className="api-key-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-api-key-title">
      <h3 id="add-api-key-title">Add API Key</h3>
      <div className="form-grid">
        <Field label="Name" help="What uses the key, e.g. 'ci' or 'backup-script'." error={errors.name?.message}>
          <input className="input" autoComplete="off" autoFocus {...form.register("name")} />
        </Field>
        <Field label="Expires in (days)" help={`1 to ${API_TOKEN_MAX_DAYS} days.`} error={errors.expiresInDays?.message}>
          <input
            className="input"
            type="number"
            inputMode="numeric"
            min={1}
            max={API_TOKEN_MAX_DAYS}
            {...form.register("expiresInDays", { setValueAs: (v: unknown) => (v === "" || v === undefined ? undefined : Number(v)) })}
          />
        </Field>
      </div>
      {errors.root?.server && (
        <p className="alert alert--error" role="alert">
          <strong>The API key was not created.</strong> {errors.root.server.message}
        </p>
      )}
      <FormActions busy={isPending} label="Create" busyLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}
