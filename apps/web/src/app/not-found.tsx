import { Link } from "react-router";

export function NotFound() {
  return (
    <main id="main" className="main">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to Global</Link> to pick a cluster and a project.
      </p>
    </main>
  );
}
