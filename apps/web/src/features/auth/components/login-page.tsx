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
  const submit = form.handleSubmit((values) =>
    login.mutate(values, {
      onSuccess: () => navigate(from, { replace: true }),
    }),
  );
  return (
    <main className="login">
      <form className="card login__card" onSubmit={submit} noValidate>
        <h1 className="login__title">Paddock</h1>
        <p className="muted">Registry credentials for your Kubernetes clusters.</p>
        <Field label="Username" error={form.formState.errors.username?.message}>
          <input className="input" autoComplete="username" autoFocus {...form.register("username")} />
        </Field>
        <Field label="Password" error={form.formState.errors.password?.message}>
          <input className="input" type="password" autoComplete="current-password" {...form.register("password")} />
        </Field>
        {login.error && (
          <div className="alert alert--error" role="alert">
            {login.error instanceof ApiError ? login.error.message : "Could not log in."}
          </div>
        )}
        <button type="submit" className="btn btn--primary" disabled={login.isPending}>
          {login.isPending ? "Logging in…" : "Log In"}
        </button>
      </form>
    </main>
  );
}
