import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocation, useNavigate } from "react-router";
import { loginSchema, type Login } from "@paddock/contracts";
import { Field } from "@/components/ui/field";
import { ApiError } from "@/lib/api-client";
import { useLogin } from "../api/auth";

export function LoginPage() {
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const form = useForm<Login>({ resolver: zodResolver(loginSchema), defaultValues: { username: "", password: "" } });
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  const submit = form.handleSubmit(async (values) => {
    try {
      await login.run(values);
    } catch (error) {
      form.setError("root.server", { message: error instanceof ApiError ? error.message : "Could not log in." });
      return;
    }
    void navigate(from, { replace: true });
  });
  const refusal = form.formState.errors.root?.server?.message;
  return (
    <main className="login">
      <form className="card login__card" onSubmit={(e) => void submit(e)} noValidate>
        <h1 className="login__title">Paddock</h1>
        <p className="muted">Registry credentials for your Kubernetes clusters.</p>
        <Field label="Username" error={form.formState.errors.username?.message}>
          <input className="input" autoComplete="username" autoFocus {...form.register("username")} />
        </Field>
        <Field label="Password" error={form.formState.errors.password?.message}>
          <input className="input" type="password" autoComplete="current-password" {...form.register("password")} />
        </Field>
        {refusal && (
          <div className="alert alert--error" role="alert">
            {refusal}
          </div>
        )}
        <button type="submit" className="btn btn--primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Logging in…" : "Log In"}
        </button>
      </form>
    </main>
  );
}
