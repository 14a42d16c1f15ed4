import { Link, useNavigate, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { WorkloadDetail } from "@paddock/contracts";
import { ErrorMessage } from "@/components/ui/error-message";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { age } from "@/lib/age";
import { useProjectAccess } from "@/lib/access";
import { paths } from "@/lib/paths";
import { workloadEventsQuery, workloadQuery } from "../api/workloads";
import { EventsTable } from "./events-table";
import { PodsTable } from "./pods-table";
import { WorkloadStateBadge } from "./status-badges";
import { useNow } from "./use-now";
import { useWorkloadActions } from "./use-workload-actions";

/** A workload: what it runs, with which pull secrets, its pods and what happened to them. */
export function WorkloadDetailPage() {
  const { cluster = "", project = "", namespace = "", name = "" } = useParams();
  const navigate = useNavigate();
  const detail = useQuery(workloadQuery(cluster, project, namespace, name));
  const events = useQuery(workloadEventsQuery(cluster, project, namespace, name));
  const now = useNow();
  const { actions, dialogs } = useWorkloadActions(cluster, project, { onDeleted: () => navigate(paths.workloads(cluster, project)) });
  const workload = detail.data;
  const { canWrite } = useProjectAccess(cluster, project);
  return (
    <>
      <p className="workload-breadcrumb">
        <Link to={paths.workloads(cluster, project)}>Workloads</Link> / <span className="muted">{namespace}</span>
      </p>
      <PageHeader title={name}>
        {workload && canWrite && (
          <>
            <button type="button" className="btn" disabled={actions.redeploying} onClick={() => actions.redeploy(workload)}>
              {actions.redeploying ? "Redeploying…" : "Redeploy"}
            </button>
            <button type="button" className="btn" onClick={() => actions.scale(workload)}>
              Scale
            </button>
            <button type="button" className="btn btn--danger" onClick={() => actions.remove(workload)}>
              Delete
            </button>
          </>
        )}
      </PageHeader>
      {detail.isPending && <Spinner label="Loading the workload…" />}
      {detail.error && <ErrorMessage error={detail.error} what={`load workload ${name}`} onRetry={() => void detail.refetch()} />}
      {workload && (
        <>
          <WorkloadFacts workload={workload} now={now} />
          <section className="card workload-section" aria-labelledby="workload-pods">
            <h2 id="workload-pods">Pods</h2>
            <PodsTable pods={workload.pods} now={now} />
          </section>
          <section className="card workload-section" aria-labelledby="workload-events">
            <h2 id="workload-events">Events</h2>
            {events.isPending && <Spinner label="Loading events…" />}
            {events.error && <ErrorMessage error={events.error} what="load the workload's events" onRetry={() => void events.refetch()} />}
            {events.data && <EventsTable events={events.data} now={now} />}
          </section>
        </>
      )}
      {dialogs}
    </>
  );
}

function WorkloadFacts({ workload, now }: { workload: WorkloadDetail; now: number }) {
  return (
    <section className="card workload-section" aria-labelledby="workload-facts">
      <h2 id="workload-facts" className="sr-only">
        Details
      </h2>
      <dl className="facts workload-facts">
        <dt>State</dt>
        <dd>
          <WorkloadStateBadge workload={workload} />
          {workload.stateMessage && <span className="muted"> {workload.stateMessage}</span>}
        </dd>
        <dt>Namespace</dt>
        <dd>{workload.namespace}</dd>
        <dt>Image{workload.containers.length > 1 ? "s" : ""}</dt>
        <dd>
          <ul className="workload-plain-list">
            {workload.containers.map((c) => (
              <li key={c.name}>
                <code>{c.image}</code>
                {workload.containers.length > 1 && <span className="muted"> ({c.name})</span>}
                {c.ports && c.ports.length > 0 && <span className="muted"> · ports {c.ports.map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ")}</span>}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Replicas</dt>
        <dd>
          {workload.readyReplicas} of {workload.replicas} ready
          <span className="muted">
            {" "}
            · {workload.updatedReplicas} up to date · {workload.availableReplicas} available
          </span>
        </dd>
        <dt>Pull secrets</dt>
        <dd>{workload.imagePullSecrets.length > 0 ? workload.imagePullSecrets.join(", ") : <span className="muted">none: images are pulled without credentials</span>}</dd>
        <dt>Created</dt>
        <dd title={workload.createdAt}>{age(workload.createdAt, now)} ago</dd>
        {workload.redeployedAt && (
          <>
            <dt>Redeployed</dt>
            <dd title={workload.redeployedAt}>{age(workload.redeployedAt, now)} ago</dd>
          </>
        )}
      </dl>
    </section>
  );
}
