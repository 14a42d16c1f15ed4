import { useEffect, useId, useRef } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { newPasswordSchema, PASSWORD_MIN_LENGTH } from "@paddock/contracts";
import { PasswordField } from "@/components/ui/password-field";
import { useToast } from "@/components/ui/toast";
import { showIssuesAtFields } from "@/lib/form-issues";
import { useResetPassword } from "../api/users";

const resetSchema = z.object({ password: newPasswordSchema });
type ResetValues = z.infer<typeof resetSchema>;

/** An administrator sets a new password for a user (`username` set: open); every session of the user ends. */
export function ResetPasswordDialog({ username, onClose }: { username: string | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const resetPassword = useResetPassword();
  const toast = useToast();
  const form = useForm<ResetValues>({ resolver: zodResolver(resetSchema), defaultValues: { password: "" } });
  const { errors, isSubmitting } = form.formState;
  const { reset } = form;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (username !== null && !dialog.open) dialog.showModal();
    if (username === null && dialog.open) dialog.close();
    // a closed dialog forgets the password typed in it (the dialog stays mounted)
    if (username === null) reset({ password: "" });
  }, [username, reset]);

  const submit = form.handleSubmit(async ({ password }) => {
    if (username === null) return;
    try {
      await resetPassword.run({ username, password });
      toast.success(`Password of ${username} reset. Their sessions have ended; they log in with the new password.`);
      onClose();
    } catch (error) {
      const rest = showIssuesAtFields(error, ["password"], form.setError);
      if (rest) form.setError("root.server", { message: rest });
    }
  });

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), isSubmitting || onClose())}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={titleId}>Reset password of {username}</h2>
        <p>
          <strong>{username}</strong> gets this password at once: every session of theirs ends and they log in again with it. Their API keys keep working.
        </p>
        <PasswordField
          label="New password"
          help={`At least ${PASSWORD_MIN_LENGTH} characters. Give it to ${username ?? "the user"} in a safe way.`}
          error={errors.password?.message}
          registration={form.register("password")}
        />
        {errors.root?.server && (
          <p className="alert alert--error" role="alert">
            <strong>The password was not reset.</strong> {errors.root.server.message}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="btn" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" disabled={isSubmitting}>
            {isSubmitting ? "Resetting…" : "Reset Password"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
