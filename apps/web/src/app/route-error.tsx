import { Link, useRouteError } from "react-router";

export function RouteError() {
  const error = useRouteError();
  return (
    <main id="main" className="main">
      <div className="alert alert--error" role="alert">
        <strong>This screen failed to load.</strong> {error instanceof Error ? error.message : "Reload the page; if it fails again, report it."}
      </div>
      <Link to="/">Back to Global</Link>
    </main>
  );
}
