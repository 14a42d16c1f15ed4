import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { PASSWORD_MIN_LENGTH, userCreateSchema, type UserCreate } from "@paddock/contracts";
import { Field } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { PasswordField } from "@/components/ui/password-field";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/api-client";
import { showIssuesAtFields } from "@/lib/form-issues";
import { useCreateUser } from "../api/users";

const FIELDS = ["username", "password", "admin"] as const;

/** Add User: checked with the API's own schema; a refusal keeps what was typed and is said at its field. */
export function AddUserForm({ onDone }: { onDone: () => void }) {
  const create = useCreateUser();
  const toast = useToast();
  const form = useForm<UserCreate>({ resolver: zodResolver(userCreateSchema), defaultValues: { username: "", password: "", admin: false } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      const user = await create.run(values);
      toast.success(`User ${user.username} created${user.admin ? " as an administrator" : ""}.`);
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === "Conflict") {
        form.setError("username", { type: "server", message: error.message }, { shouldFocus: true });
        return;
      }
      const rest = showIssuesAtFields(error, FIELDS, form.setError);
      if (rest) form.setError("root.server", { message: rest });
    }
  });

  const serverError = errors.root?.server?.message;
  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-user-title">
      <h2 id="add-user-title">Add User</h2>
      <div className="form-grid">
        <Field label="Username" help="Lowercase letters, digits, '-', '_' and '.': what the user types to log in." error={errors.username?.message}>
          <input className="input" autoComplete="off" spellCheck={false} autoFocus {...form.register("username")} />
        </Field>
        <PasswordField
          label="Password"
          help={`At least ${PASSWORD_MIN_LENGTH} characters. Give it to the user in a safe way; they can change it on their Account page.`}
          error={errors.password?.message}
          registration={form.register("password")}
        />
      </div>
      <label className="checkbox">
        <input type="checkbox" aria-describedby="add-user-admin-help" {...form.register("admin")} /> Administrator
      </label>
      <p id="add-user-admin-help" className="field__help users-admin-help">
        Administrators manage users and every cluster and project; other users see only the projects they are members of.
      </p>
      {serverError && (
        <div className="alert alert--error" role="alert">
          <strong>The user was not created.</strong> {serverError}
        </div>
      )}
      <FormActions busy={isSubmitting} label="Create" busyLabel="Creating…" onCancel={onDone} />
    </form>
  );
}
