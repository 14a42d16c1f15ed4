import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { Registry, Workload } from "@paddock/contracts";
import { ErrorMessage } from "@/components/ui/error-message";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { useProjectAccess } from "@/lib/access";
import { paths } from "@/lib/paths";
import { useDeleteRegistry } from "../api/delete-registry";
import { projectInfoQuery } from "../api/get-project";
import { workloadsQuery } from "../api/get-workloads";
import { useRegistryRoute } from "../hooks/use-registry-route";
import { copySummary, copyStateLabel, copyStateTone, readOnlyReason, sourceLabel } from "../utils/copy-summary";
import { kubectlCreateCommand, podYaml } from "../utils/kubectl-equivalents";
import { fullDate, relativeAge } from "../utils/relative-age";
import { redactedSecretYaml } from "../utils/registry-yaml";
import { CodeWithCopy } from "@/components/ui/copy-button";
import { CredentialTestButton } from "./credential-test-button";
import { DeleteRegistriesDialog } from "./delete-registries-dialog";
import { RegistryLoad } from "./registry-load";
import { RegistryState } from "./registry-state";
import { YamlDialog } from "./yaml-dialog";

/** One registry: its addresses, scope, copies, the workloads that pull with it, and how to do the same with kubectl. */
export function RegistryDetailPage() {
  return <RegistryLoad>{(registry) => <RegistryDetail registry={registry} />}</RegistryLoad>;
}

function RegistryDetail({ registry }: { registry: Registry }) {
  const { cluster, project, ref } = useRegistryRoute();
  const navigate = useNavigate();
  const toast = useToast();
  const projectInfo = useQuery(projectInfoQuery(cluster, project));
  const remove = useDeleteRegistry(cluster, project);
  const [confirming, setConfirming] = useState(false);
  const [showYaml, setShowYaml] = useState(false);
  const readOnly = readOnlyReason(registry);
  const { canWrite } = useProjectAccess(cluster, project);
  const source = sourceLabel(registry.source);
  const namespaces =
    registry.scope.type === "namespace" ? [registry.scope.namespace] : (registry.copies ?? []).filter((c) => c.state !== "Ignored").map((c) => c.namespace);
  const scopeText = registry.scope.type === "project" ? "All namespaces in this project" : `Namespace ${registry.scope.namespace}`;

  return (
    <>
      <PageHeader title={`Registry: ${registry.name}`}>
        {!canWrite ? null : readOnly ? (
          <button type="button" className="btn" disabled title={readOnly}>
            Edit
          </button>
        ) : (
          <Link className="btn" to={paths.editRegistry(cluster, project, ref)}>
            Edit
          </Link>
        )}
        {canWrite && (
          <Link className="btn" to={paths.cloneRegistry(cluster, project, ref)}>
            Clone
          </Link>
        )}
        <button type="button" className="btn" onClick={() => setShowYaml(true)}>
          View YAML
        </button>
        {canWrite && (
          <button type="button" className="btn btn--danger-outline" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </PageHeader>
      <nav aria-label="Breadcrumb" className="reg-breadcrumb">
        <Link to={paths.registries(cluster, project)}>Registries</Link> <span aria-hidden="true">›</span> {registry.name}
      </nav>
      {readOnly && (
        <div className="alert alert--info" role="note">
          {readOnly}
        </div>
      )}

      <div className="reg-detail">
        <section className="card" aria-labelledby="registry-overview">
          <h2 id="registry-overview">Overview</h2>
          <dl className="facts">
            <dt>State</dt>
            <dd>
              <RegistryState registry={registry} />
              {registry.stateMessage && registry.stateMessage !== copySummary(registry)?.text && <div className="muted">{registry.stateMessage}</div>}
            </dd>
            <dt>Scope</dt>
            <dd>{scopeText}</dd>
            <dt>Description</dt>
            <dd>{registry.description || <span className="muted">None</span>}</dd>
            <dt>Default service account</dt>
            <dd>{registry.attachToDefaultServiceAccount ? "Attached: pods made with kubectl pull with it" : "Not attached"}</dd>
            <dt>Made by</dt>
            <dd>{source ?? "Paddock"}</dd>
            <dt>Type</dt>
            <dd className="mono">{registry.secretType}</dd>
            <dt>Created</dt>
            <dd>
              <time dateTime={registry.createdAt} title={fullDate(registry.createdAt)}>
                {relativeAge(registry.createdAt)}
              </time>
            </dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="registry-addresses">
          <h2 id="registry-addresses">Addresses</h2>
          <table className="table reg-small-table">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Username</th>
                <th scope="col">Stored credentials</th>
              </tr>
            </thead>
            <tbody>
              {registry.registries.map((entry) => (
                <tr key={entry.address}>
                  <td className="mono">{entry.address}</td>
                  <td>{entry.username || <span className="muted">none</span>}</td>
                  <td>
                    {canWrite && <CredentialTestButton cluster={cluster} project={project} request={() => ({ kind: "stored", ref, address: entry.address })} />}
                  </td>
                </tr>
              ))}
              {registry.registries.length === 0 && (
                <tr>
                  <td colSpan={3} className="table__empty">
                    The secret holds no registry address Paddock can read.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      </div>

      <section className="card reg-detail__wide" aria-labelledby="registry-copies">
        <h2 id="registry-copies">Copies in namespaces</h2>
        {registry.scope.type === "namespace" ? (
          <p className="muted">This registry lives only in namespace {registry.scope.namespace}.</p>
        ) : (
          <CopiesTable registry={registry} />
        )}
      </section>

      <section className="card reg-detail__wide" aria-labelledby="registry-workloads">
        <h2 id="registry-workloads">Workloads that use it</h2>
        <WorkloadsUsing registry={registry} cluster={cluster} project={project} />
      </section>

      <section className="card reg-detail__wide" aria-labelledby="registry-kubectl">
        <h2 id="registry-kubectl">With kubectl</h2>
        <p className="muted">
          The same secret made with kubectl{registry.scope.type === "project" ? ", in each namespace of the project" : ""}. Put in the password yourself.
        </p>
        <CodeWithCopy title="Create the secret" what="kubectl command" text={kubectlCreateCommand(registry, namespaces)} />
        <CodeWithCopy title="pod.yml: a pod that pulls with it" what="pod.yml" text={podYaml(registry, namespaces[0] ?? "<namespace>")} />
        <CodeWithCopy
          title="See how it is stored"
          what="kubectl get command"
          text={`kubectl get secret ${registry.name} -n ${namespaces[0] ?? "<namespace>"} --output="jsonpath={.data.\\.dockerconfigjson}" | base64 --decode`}
        />
      </section>

      <DeleteRegistriesDialog
        registries={confirming ? [registry] : null}
        busy={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          remove.mutate(ref, {
            onSuccess: () => {
              toast.success(`Registry "${registry.name}" deleted.`);
              navigate(paths.registries(cluster, project));
            },
            onError: (error) => toast.error(`Could not delete "${registry.name}": ${error.message}`),
            onSettled: () => setConfirming(false),
          })
        }
      />
      <YamlDialog
        title={`YAML of ${registry.name}`}
        yaml={showYaml ? redactedSecretYaml(registry, { projectId: project, projectNamespace: projectInfo.data?.backingNamespace }) : null}
        onClose={() => setShowYaml(false)}
      />
    </>
  );
}

function CopiesTable({ registry }: { registry: Registry }) {
  const copies = registry.copies ?? [];
  return (
    <table className="table reg-small-table">
      <thead>
        <tr>
          <th scope="col">Namespace</th>
          <th scope="col">State</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {copies.map((copy) => (
          <tr key={copy.namespace}>
            <td>{copy.namespace}</td>
            <td>
              <span className={`badge badge--${copyStateTone(copy.state)}`}>{copyStateLabel(copy.state)}</span>
            </td>
            <td>{copy.message ?? ""}</td>
          </tr>
        ))}
        {copies.length === 0 && (
          <tr>
            <td colSpan={3} className="table__empty">
              The project has no namespace yet: copies are made as namespaces join it.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

const WORKLOAD_TONE: Record<Workload["state"], string> = { Active: "ok", Updating: "info", "Scaled to zero": "warn", Unavailable: "error" };

function WorkloadsUsing({ registry, cluster, project }: { registry: Registry; cluster: string; project: string }) {
  const workloads = useQuery(workloadsQuery(cluster, project));
  if (workloads.isPending) return <Spinner label="Loading workloads…" />;
  if (workloads.error) return <ErrorMessage error={workloads.error} what="load the workloads" onRetry={() => void workloads.refetch()} />;
  const scope = registry.scope;
  const using = workloads.data.filter((w) => (scope.type === "project" || w.namespace === scope.namespace) && w.imagePullSecrets.includes(registry.name));
  if (using.length === 0) {
    return <p className="muted">No Deployment in its scope lists &quot;{registry.name}&quot; in its pod template&apos;s imagePullSecrets.</p>;
  }
  return (
    <table className="table reg-small-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Namespace</th>
          <th scope="col">Images</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {using.map((w) => (
          <tr key={`${w.namespace}/${w.name}`}>
            <td>
              <Link to={paths.workload(cluster, project, w.namespace, w.name)}>{w.name}</Link>
            </td>
            <td>{w.namespace}</td>
            <td className="mono">{w.containers.map((c) => c.image).join(", ")}</td>
            <td>
              <span className={`badge badge--${WORKLOAD_TONE[w.state]}`}>{w.state}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
