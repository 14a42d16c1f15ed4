import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { Cluster } from "@paddock/contracts";
import { clustersQuery, projectsQuery } from "@/features/clusters/api/clusters";
import { paths } from "@/lib/paths";

/** Rancher's top-left menu: Global and every cluster with its projects; it always says where you are. */
export function ContextMenu() {
  const { cluster, project } = useParams();
  const clusters = useQuery(clustersQuery());
  const projects = useQuery({ ...projectsQuery(cluster ?? ""), enabled: !!cluster });
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    const escape = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", escape);
    return () => (document.removeEventListener("mousedown", close), document.removeEventListener("keydown", escape));
  }, [open]);
  const current = projects.data?.find((p) => p.id === project);
  const where = cluster ? `${cluster}${current ? ` / ${current.displayName}` : ""}` : "Global";
  return (
    <div className="context-menu" ref={ref}>
      <button type="button" className="context-menu__button" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span className="context-menu__label">{where}</span> <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <nav className="context-menu__panel" aria-label="Clusters and projects">
          <Link to={paths.global()} onClick={() => setOpen(false)} className="context-menu__global">
            Global
          </Link>
          {clusters.data?.map((c) => (
            <ClusterEntry key={c.id} cluster={c} onNavigate={() => setOpen(false)} />
          ))}
        </nav>
      )}
    </div>
  );
}

function ClusterEntry({ cluster, onNavigate }: { cluster: Cluster; onNavigate: () => void }) {
  const projects = useQuery({ ...projectsQuery(cluster.id), enabled: cluster.state === "Active" });
  return (
    <div className="context-menu__cluster">
      <div className="context-menu__cluster-name">
        {cluster.name} {cluster.state !== "Active" && <span className="badge badge--error">{cluster.state}</span>}
      </div>
      <ul>
        {projects.data?.map((p) => (
          <li key={p.id}>
            <Link to={paths.registries(cluster.id, p.id)} onClick={onNavigate}>
              {p.displayName}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
