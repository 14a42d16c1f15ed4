import { useState } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { Cluster } from "@paddock/contracts";
import { ErrorMessage } from "@/components/ui/error-message";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { ROLE_NAMES, useIsAdmin, useProjectAccess } from "@/lib/access";
import { paths } from "@/lib/paths";
import type { ApiError } from "@/lib/api-client";
import { clustersQuery, projectsQuery, useCreateProject, useUpdateProject } from "../api/clusters";

export function GlobalPage() {
  const clusters = useQuery(clustersQuery());
  return (
    <main id="main" className="main">
      <PageHeader title="Global" />
      {clusters.isPending && <Spinner label="Loading clusters…" />}
      {clusters.error && <ErrorMessage error={clusters.error} what="load the clusters" onRetry={() => void clusters.refetch()} />}
      {clusters.data?.length === 0 && (
        <p className="alert alert--info" role="note">
          You are not a member of any project yet: ask a project owner or a Paddock administrator to add you.
        </p>
      )}
      <div className="cards">
        {clusters.data?.map((cluster) => (
          <ClusterCard key={cluster.id} cluster={cluster} />
        ))}
      </div>
    </main>
  );
}

function ClusterCard({ cluster }: { cluster: Cluster }) {
  const projects = useQuery({ ...projectsQuery(cluster.id), enabled: cluster.state === "Active" });
  const [adding, setAdding] = useState(false);
  const admin = useIsAdmin();
  return (
    <section className="card" aria-labelledby={`cluster-${cluster.id}`}>
      <header className="card__header">
        <h2 id={`cluster-${cluster.id}`}>{cluster.name}</h2>
        <span className={`badge badge--${cluster.state === "Active" ? "ok" : "error"}`}>{cluster.state}</span>
      </header>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{cluster.version ?? "unknown"}</dd>
        <dt>Projects</dt>
        <dd>{cluster.projectCount ?? "–"}</dd>
        <dt>Server</dt>
        <dd className="mono">{cluster.server}</dd>
      </dl>
      {cluster.message && <p className={cluster.state === "Active" ? "muted" : "alert alert--error"}>{cluster.message}</p>}
      {cluster.state === "Active" && (
        <>
          <h3>Projects</h3>
          {projects.isPending && <Spinner label="Loading projects…" />}
          {projects.error && <ErrorMessage error={projects.error} what="load the projects" />}
          <ul className="project-list">
            {projects.data?.map((p) => (
              <ProjectRow key={p.id} cluster={cluster.id} id={p.id} displayName={p.displayName} namespaces={p.namespaces} />
            ))}
          </ul>
          {!admin ? null : adding ? <AddProjectForm cluster={cluster.id} onDone={() => setAdding(false)} /> : (
            <button type="button" className="btn" onClick={() => setAdding(true)}>
              Add Project
            </button>
          )}
        </>
      )}
    </section>
  );
}

function ProjectRow({ cluster, id, displayName, namespaces }: { cluster: string; id: string; displayName: string; namespaces: string[] }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(displayName);
  const update = useUpdateProject(cluster);
  const toast = useToast();
  const { canManage, role } = useProjectAccess(cluster, id);
  if (renaming) {
    return (
      <li>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ id, displayName: name }, { onSuccess: () => (setRenaming(false), toast.success(`Project renamed to ${name}.`)) });
          }}
        >
          <label className="sr-only" htmlFor={`rename-${id}`}>
            New name for {displayName}
          </label>
          <input id={`rename-${id}`} className="input" value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn btn--primary" disabled={update.isPending}>
            Save
          </button>
          <button type="button" className="btn" onClick={() => setRenaming(false)}>
            Cancel
          </button>
          {update.error && <span className="field__error" role="alert">{(update.error as ApiError).message}</span>}
        </form>
      </li>
    );
  }
  return (
    <li className="project-list__item">
      <Link to={paths.registries(cluster, id)}>{displayName}</Link>
      <span className="muted"> {namespaces.length} namespace{namespaces.length === 1 ? "" : "s"}</span>
      {role && <span className="badge badge--info">{ROLE_NAMES[role]}</span>}
      {canManage && (
        <button type="button" className="btn btn--link" aria-label={`Rename project ${displayName}`} onClick={() => setRenaming(true)}>
          Rename
        </button>
      )}
    </li>
  );
}

function AddProjectForm({ cluster, onDone }: { cluster: string; onDone: () => void }) {
  const [name, setName] = useState("");
  const create = useCreateProject(cluster);
  const toast = useToast();
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ displayName: name }, { onSuccess: () => (toast.success(`Project ${name} created.`), onDone()) });
      }}
    >
      <label htmlFor={`new-project-${cluster}`}>Project name</label>
      <input id={`new-project-${cluster}`} className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      <button type="submit" className="btn btn--primary" disabled={create.isPending || !name.trim()}>
        Create
      </button>
      <button type="button" className="btn" onClick={onDone}>
        Cancel
      </button>
      {create.error && <span className="field__error" role="alert">{(create.error as ApiError).message}</span>}
    </form>
  );
}
