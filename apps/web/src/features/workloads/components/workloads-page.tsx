import { useMemo } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { Workload } from "@paddock/contracts";
import { DataTable } from "@/components/ui/data-table";
import { ErrorMessage } from "@/components/ui/error-message";
import { Menu } from "@/components/ui/menu";
import { ReadOnlyNote, WriteLink } from "@/components/ui/write-access";
import { useProjectAccess } from "@/lib/access";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { age } from "@/lib/age";
import { paths } from "@/lib/paths";
import { workloadsQuery } from "../api/workloads";
import { WorkloadStateBadge } from "./status-badges";
import { useWorkloadActions } from "./use-workload-actions";

/** Rancher's Workloads list: the Deployments of the project's namespaces. */
export function WorkloadsPage() {
  const { cluster = "", project = "" } = useParams();
  const list = useQuery(workloadsQuery(cluster, project));
  const { menuItems, dialogs } = useWorkloadActions(cluster, project);
  const { canWrite } = useProjectAccess(cluster, project);
  const columns = useMemo<ColumnDef<Workload, unknown>[]>(
    () => [
      { id: "state", header: "State", accessorFn: (w) => w.state, cell: ({ row }) => <WorkloadStateBadge workload={row.original} /> },
      {
        id: "name",
        header: "Name",
        accessorFn: (w) => w.name,
        cell: ({ row }) => (
          <div>
            <Link to={paths.workload(cluster, project, row.original.namespace, row.original.name)}>{row.original.name}</Link>
            {row.original.stateMessage && row.original.state !== "Active" && <div className="muted workload-message">{row.original.stateMessage}</div>}
          </div>
        ),
      },
      { id: "namespace", header: "Namespace", accessorFn: (w) => w.namespace },
      {
        id: "images",
        header: "Image",
        accessorFn: (w) => w.containers.map((c) => c.image).join(" "),
        cell: ({ row }) => (
          <ul className="workload-plain-list mono">
            {row.original.containers.map((c) => (
              <li key={c.name}>{c.image}</li>
            ))}
          </ul>
        ),
      },
      { id: "pods", header: "Pods", accessorFn: (w) => w.readyReplicas, cell: ({ row }) => <span title="ready / desired">{`${row.original.readyReplicas}/${row.original.replicas}`}</span> },
      { id: "created", header: "Created", accessorFn: (w) => w.createdAt, cell: ({ row }) => <span title={row.original.createdAt}>{age(row.original.createdAt)}</span> },
      ...(canWrite
        ? [
            {
              id: "actions",
              header: () => <span className="sr-only">Actions</span>,
              enableSorting: false,
              cell: ({ row }) => <Menu label={`Actions for ${row.original.name}`} items={menuItems(row.original)} />,
            } satisfies ColumnDef<Workload, unknown>,
          ]
        : []),
    ],
    [cluster, project, menuItems, canWrite],
  );
  return (
    <>
      <PageHeader title="Workloads">
        <WriteLink canWrite={canWrite} to={paths.newWorkload(cluster, project)}>
          Deploy
        </WriteLink>
      </PageHeader>
      {!canWrite && <ReadOnlyNote what="the workloads" />}
      {list.isPending && <Spinner label="Loading workloads…" />}
      {list.error && <ErrorMessage error={list.error} what="load the workloads" onRetry={() => void list.refetch()} />}
      {list.data && (
        <DataTable<Workload>
          label="workloads"
          rows={list.data}
          columns={columns}
          rowId={(w) => `${w.namespace}/${w.name}`}
          emptyText="There are no workloads. Deploy one to run an image in this project."
          noMatchText="No workloads match the current search"
          searchText={(w) => `${w.name} ${w.namespace} ${w.state} ${w.containers.map((c) => c.image).join(" ")}`}
          groupBy={(w) => w.namespace}
          groupLabel={(ns) => `Namespace: ${ns}`}
          initialSort={[{ id: "name", desc: false }]}
        />
      )}
      {dialogs}
    </>
  );
}
