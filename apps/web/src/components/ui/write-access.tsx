import type { ReactNode } from "react";
import { Link } from "react-router";
import { useProjectAccess } from "@/lib/access";

/** Said once on a page whose actions a read-only member of the project may not use. */
export function ReadOnlyNote({ what }: { what: string }) {
  return (
    <p className="alert alert--info" role="note">
      Your role in this project is <strong>Read-only</strong>: you can see {what} but not change them. A project owner can make you a member.
    </p>
  );
}

/** A form page that changes something: a read-only member who opens its URL gets the note instead of a form the server would refuse. */
export function RequireWrite({ cluster, project, what, children }: { cluster: string; project: string; what: string; children: ReactNode }) {
  const { canWrite } = useProjectAccess(cluster, project);
  return canWrite ? children : <ReadOnlyNote what={what} />;
}

/** A page's main action (Add Registry, Deploy…): a link for who may write, a disabled button for a read-only member (as Rancher does). */
export function WriteLink({ canWrite, to, className = "btn btn--primary", children }: { canWrite: boolean; to: string; className?: string; children: ReactNode }) {
  return canWrite ? (
    <Link className={className} to={to}>
      {children}
    </Link>
  ) : (
    <button type="button" className={className} disabled>
      {children}
    </button>
  );
}
