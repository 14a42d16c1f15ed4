import { createBrowserRouter, Navigate, useParams } from "react-router";
import { AppShell } from "./layout/app-shell";
import { ProjectLayout } from "./layout/project-layout";
import { RouteError } from "./route-error";
import { paths } from "@/lib/paths";

function ProjectHome() {
  const { cluster = "", project = "" } = useParams();
  return <Navigate to={paths.registries(cluster, project)} replace />;
}

/** Every screen has its own URL; each route's code loads on first visit. */
export const router = createBrowserRouter([
  { path: "/login", lazy: async () => ({ Component: (await import("@/features/auth/components/login-page")).LoginPage }) },
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import("@/features/clusters/components/global-page")).GlobalPage }) },
      { path: "users", lazy: async () => ({ Component: (await import("@/features/users/components/users-page")).UsersPage }) },
      { path: "account", lazy: async () => ({ Component: (await import("@/features/account/components/account-page")).AccountPage }) },
      {
        path: "c/:cluster/p/:project",
        element: <ProjectLayout />,
        children: [
          { index: true, element: <ProjectHome /> },
          // Feature routes are added below, one module per screen.
          { path: "registries", lazy: async () => ({ Component: (await import("@/features/registries/components/registries-page")).RegistriesPage }) },
          { path: "registries/new", lazy: async () => ({ Component: (await import("@/features/registries/components/new-registry-page")).NewRegistryPage }) },
          ...["registries/project/:name", "registries/ns/:namespace/:name"].flatMap((path) => [
            { path, lazy: async () => ({ Component: (await import("@/features/registries/components/registry-detail-page")).RegistryDetailPage }) },
            { path: `${path}/edit`, lazy: async () => ({ Component: (await import("@/features/registries/components/edit-registry-page")).EditRegistryPage }) },
            { path: `${path}/clone`, lazy: async () => ({ Component: (await import("@/features/registries/components/clone-registry-page")).CloneRegistryPage }) },
          ]),
          { path: "secrets", lazy: async () => ({ Component: (await import("@/features/resources/components/pages")).SecretsPage }) },
          { path: "certificates", lazy: async () => ({ Component: (await import("@/features/resources/components/pages")).CertificatesPage }) },
          { path: "configmaps", lazy: async () => ({ Component: (await import("@/features/resources/components/pages")).ConfigMapsPage }) },
          { path: "workloads", lazy: async () => ({ Component: (await import("@/features/workloads/components/workloads-page")).WorkloadsPage }) },
          { path: "workloads/new", lazy: async () => ({ Component: (await import("@/features/workloads/components/deploy-workload-page")).DeployWorkloadPage }) },
          { path: "workloads/:namespace/:name", lazy: async () => ({ Component: (await import("@/features/workloads/components/workload-detail-page")).WorkloadDetailPage }) },
          { path: "namespaces", lazy: async () => ({ Component: (await import("@/features/namespaces/components/namespaces-page")).NamespacesPage }) },
          { path: "members", lazy: async () => ({ Component: (await import("@/features/members/components/members-page")).MembersPage }) },
          { path: "audit", lazy: async () => ({ Component: (await import("@/features/audit/components/audit-page")).AuditPage }) },
        ],
      },
      { path: "*", lazy: async () => ({ Component: (await import("./not-found")).NotFound }) },
    ],
  },
]);
