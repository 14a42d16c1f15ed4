import { useQuery } from "@tanstack/react-query";
import type { PullSecretPreview as Preview } from "@paddock/contracts";
import { ErrorMessage } from "@/components/ui/error-message";
import { Spinner } from "@/components/ui/spinner";
import { pullSecretPreviewQuery } from "../api/workloads";

type Match = Preview["images"][number]["matches"][number];

/** "registry 127.0.0.1:5000 matches 127.0.0.1:5000/demo/hello", or the server's own words when the match is subtler (Docker Hub). */
function why(match: Match, repository: string): string {
  const host = match.registry.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  if (repository === host || repository.startsWith(`${host}/`)) return `registry ${match.registry} matches ${repository}`;
  return match.reason.replace(/^chosen by you: /, "");
}

/**
 * Rule 3 on screen: before saving, which registries of the namespace will be attached to the
 * pods, for which image, and why; or that an image will be pulled without credentials.
 */
export function PullSecretPreview(props: { cluster: string; project: string; namespace: string; image: string; chosen: string[] }) {
  const image = props.image.trim();
  const ready = image !== "" && props.namespace !== "";
  const preview = useQuery({
    ...pullSecretPreviewQuery(props.cluster, props.project, { namespace: props.namespace, images: [image || "-"], ...(props.chosen.length > 0 ? { imagePullSecrets: props.chosen } : {}) }),
    enabled: ready,
  });
  if (!ready) return <p className="muted">Enter a Docker image to see which registry credentials will be used to pull it.</p>;
  if (preview.isPending) return <Spinner label="Checking which registries match the image…" />;
  if (preview.error) return <ErrorMessage error={preview.error} what="work out which pull secrets will be attached" onRetry={() => void preview.refetch()} />;
  const data = preview.data;
  return (
    <div className="pull-preview" aria-live="polite" aria-busy={preview.isFetching}>
      {data.images.map((entry) => (
        <div key={entry.image} className="pull-preview__image">
          <div>
            Image <code>{entry.image}</code>
            {entry.repository && entry.repository !== entry.image && <span className="muted"> (repository {entry.repository})</span>}
          </div>
          {entry.error ? (
            <p className="field__error">Kubelet cannot read this image reference: {entry.error}</p>
          ) : entry.anonymous ? (
            <p className="pull-preview__none">No registry matches: pulled without credentials.</p>
          ) : (
            <ol className="pull-preview__matches">
              {entry.matches.map((m) => (
                <li key={`${m.secret}/${m.registry}`}>
                  <strong>{m.secret}</strong> — {why(m, entry.repository ?? entry.image)}
                  {m.username && <span className="muted"> (user {m.username})</span>}{" "}
                  <span className={`badge badge--${m.chosenBy === "user" ? "info" : "ok"}`}>{m.chosenBy === "user" ? "chosen by you" : "added by Paddock"}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
      <p className="pull-preview__summary">
        {data.imagePullSecrets.length > 0 ? (
          <>
            Pull secrets attached to the pods, in kubelet's order: <strong>{data.imagePullSecrets.join(", ")}</strong>
          </>
        ) : (
          "No pull secret will be attached."
        )}
      </p>
      {data.warnings && data.warnings.length > 0 && (
        <div className="alert workload-warnings">
          <ul className="workload-plain-list">
            {data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
