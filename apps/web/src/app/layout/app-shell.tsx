import { Suspense, useEffect } from "react";
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useLogout } from "@/features/auth/api/auth";
import { meQuery } from "@/lib/access";
import { ApiError, UNAUTHENTICATED_EVENT } from "@/lib/api-client";
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
  const client = useQueryClient();
  useLiveUpdates(!!me.data);
  // Any request answered 401: the session ended (expired, logged out elsewhere, the user disabled).
  // What the cache holds was the user's: it goes, and they log in again, coming back here after.
  const from = location.pathname + location.search;
  useEffect(() => {
    let ended = false;
    const sessionEnded = () => {
      // the requests that follow (`me`, refetched once the cache is empty) are answered 401 too
      if (ended) return;
      ended = true;
      client.clear();
      void navigate(paths.login(), { replace: true, state: { from } });
    };
    window.addEventListener(UNAUTHENTICATED_EVENT, sessionEnded);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, sessionEnded);
  }, [client, navigate, from]);
  if (me.isPending) return <Spinner label="Checking your session…" />;
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to={paths.login()} replace state={{ from }} />;
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
