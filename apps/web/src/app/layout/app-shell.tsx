import { Suspense } from "react";
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { useLogout } from "@/features/auth/api/auth";
import { meQuery } from "@/lib/access";
import { ApiError } from "@/lib/api-client";
import { paths } from "@/lib/paths";
import { Spinner } from "@/components/ui/spinner";
import { ErrorMessage } from "@/components/ui/error-message";
import { ContextMenu } from "./context-menu";
import { useLiveUpdates } from "./use-live-updates";

export function AppShell() {
  const me = useQuery(meQuery());
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  useLiveUpdates(!!me.data);
  if (me.isPending) return <Spinner label="Checking your session…" />;
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.error) return <ErrorMessage error={me.error} what="check your session" onRetry={() => void me.refetch()} />;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header">
        <span className="header__brand">Paddock</span>
        <ContextMenu />
        <span className="header__spacer" />
        {me.data.admin && (
          <NavLink className="header__link" to={paths.users()}>
            Users
          </NavLink>
        )}
        <NavLink className="header__link header__user" to={paths.account()} title="Your password and API keys">
          {me.data.username}
        </NavLink>
        <button type="button" className="btn btn--header" onClick={() => logout.mutate(undefined, { onSuccess: () => navigate("/login") })}>
          Log Out
        </button>
      </header>
      <Suspense fallback={<Spinner />}>
        <Outlet />
      </Suspense>
    </div>
  );
}
