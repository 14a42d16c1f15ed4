import { ApiError } from "@/lib/api-client";

/** Says what failed and what to do, for a query or mutation error. */
export function ErrorMessage({ error, what, onRetry }: { error: unknown; what?: string; onRetry?: () => void }) {
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return (
    <div className="alert alert--error" role="alert">
      <strong>{what ? `Could not ${what}.` : "Something went wrong."}</strong> <span>{message}</span>
      {onRetry && (
        <button type="button" className="btn btn--link" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
