import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { PASSWORD_MIN_LENGTH, passwordChangeSchema } from "@paddock/contracts";
import { PasswordField } from "@/components/ui/password-field";
import { useToast } from "@/components/ui/toast";
import { showIssuesAtFields } from "@/lib/form-issues";
import { useChangePassword } from "../api/account";

/** The API's own schema, plus the confirmation the browser checks before anything is sent. */
const formSchema = passwordChangeSchema
  .extend({ confirmPassword: z.string().min(1, "Type the new password again.") })
  .refine((v) => v.confirmPassword === v.newPassword, { path: ["confirmPassword"], message: "The two new passwords differ: type the new password again." });
type FormValues = z.infer<typeof formSchema>;

const EMPTY: FormValues = { currentPassword: "", newPassword: "", confirmPassword: "" };

/** Change Password: the current one proves it is you; every other session of yours ends. */
export function ChangePasswordCard() {
  const change = useChangePassword();
  const toast = useToast();
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    try {
      await change.run({ currentPassword, newPassword });
      form.reset(EMPTY);
      toast.success("Password changed. Your other sessions have ended.");
    } catch (error) {
      const rest = showIssuesAtFields(error, ["currentPassword", "newPassword"], form.setError);
      if (rest) form.setError("root.server", { message: rest });
    }
  });

  return (
    <section className="card account-section" aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change Password</h2>
      <form className="account-password-form" onSubmit={(e) => void submit(e)} noValidate>
        <PasswordField label="Current password" autoComplete="current-password" error={errors.currentPassword?.message} registration={form.register("currentPassword")} />
        <PasswordField
          label="New password"
          help={`At least ${PASSWORD_MIN_LENGTH} characters: a few words make a good one.`}
          error={errors.newPassword?.message}
          registration={form.register("newPassword")}
        />
        <PasswordField label="Confirm new password" error={errors.confirmPassword?.message} registration={form.register("confirmPassword")} />
        {errors.root?.server && (
          <p className="alert alert--error" role="alert">
            <strong>The password was not changed.</strong> {errors.root.server.message}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={isSubmitting}>
            {isSubmitting ? "Changing…" : "Change Password"}
          </button>
        </div>
      </form>
    </section>
  );
}
