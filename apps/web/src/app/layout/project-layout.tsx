import { useEffect, useRef, useState } from "react";
import { NavLink, Outlet, useLocation, useParams } from "react-router";
import { paths } from "@/lib/paths";

const RESOURCES = [
  { label: "Registries", to: paths.registries },
  { label: "Secrets", to: paths.secrets },
  { label: "Certificates", to: paths.certificates },
  { label: "ConfigMaps", to: paths.configMaps },
];

/** Inside a project: Workloads, Resources (a menu), Namespaces. */
export function ProjectLayout() {
  const { cluster = "", project = "" } = useParams();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);
  const inResources = RESOURCES.some((r) => location.pathname.startsWith(r.to(cluster, project)));
  return (
    <>
      <nav className="subnav" aria-label="Project">
        <ul>
          <li>
            <NavLink to={paths.workloads(cluster, project)}>Workloads</NavLink>
          </li>
          <li ref={ref} className="subnav__menu" onKeyDown={(e) => e.key === "Escape" && setOpen(false)}>
            <button type="button" className={inResources ? "active" : undefined} aria-haspopup="true" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
              Resources <span aria-hidden="true">▾</span>
            </button>
            {open && (
              <ul className="subnav__dropdown">
                {RESOURCES.map((r) => (
                  <li key={r.label}>
                    <NavLink to={r.to(cluster, project)}>{r.label}</NavLink>
                  </li>
                ))}
              </ul>
            )}
          </li>
          <li>
            <NavLink to={paths.namespaces(cluster, project)}>Namespaces</NavLink>
          </li>
          <li>
            <NavLink to={paths.members(cluster, project)}>Members</NavLink>
          </li>
          <li>
            <NavLink to={paths.audit(cluster, project)}>Audit</NavLink>
          </li>
        </ul>
      </nav>
      <main id="main" className="main">
        <Outlet />
      </main>
    </>
  );
}
