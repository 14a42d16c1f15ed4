import { useMemo, useState } from "react";
import { useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { Namespace } from "@paddock/contracts";
import { DataTable } from "@/components/ui/data-table";
import { ErrorMessage } from "@/components/ui/error-message";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { ReadOnlyNote } from "@/components/ui/write-access";
import { useProjectAccess } from "@/lib/access";
import { age } from "@/lib/age";
import { projectNamespacesQuery } from "../api/namespaces";
import { AddNamespaceForm } from "./add-namespace-form";
import { MoveNamespaceDialog } from "./move-namespace-dialog";

/** The project's namespaces: add one, or move one to another project or out of every project. */
export function NamespacesPage() {
  const { cluster = "", project = "" } = useParams();
  const list = useQuery(projectNamespacesQuery(cluster, project));
  const [adding, setAdding] = useState(false);
  const [moving, setMoving] = useState<string | null>(null);
  const { canWrite } = useProjectAccess(cluster, project);
  const columns = useMemo<ColumnDef<Namespace, unknown>[]>(
    () => [
      { id: "name", header: "Name", accessorFn: (ns) => ns.name, cell: ({ row }) => <strong>{row.original.name}</strong> },
      {
        id: "state",
        header: "State",
        accessorFn: (ns) => ns.status,
        cell: ({ row }) => <span className={`badge badge--${row.original.status === "Active" ? "ok" : "warn"}`}>{row.original.status}</span>,
      },
      { id: "created", header: "Created", accessorFn: (ns) => ns.createdAt ?? "", cell: ({ row }) => <span title={row.original.createdAt}>{age(row.original.createdAt)}</span> },
      ...(canWrite ? [moveColumn(setMoving)] : []),
    ],
    [canWrite],
  );
  return (
    <>
      <PageHeader title="Namespaces">
        {!adding && (
          <button type="button" className="btn btn--primary" disabled={!canWrite} onClick={() => setAdding(true)}>
            Add Namespace
          </button>
        )}
      </PageHeader>
      {!canWrite && <ReadOnlyNote what="the namespaces" />}
      {adding && canWrite && <AddNamespaceForm cluster={cluster} project={project} onDone={() => setAdding(false)} />}
      {list.isPending && <Spinner label="Loading namespaces…" />}
      {list.error && <ErrorMessage error={list.error} what="load the namespaces" onRetry={() => void list.refetch()} />}
      {list.data && (
        <DataTable<Namespace>
          label="namespaces"
          rows={list.data}
          columns={columns}
          rowId={(ns) => ns.name}
          emptyText="There are no namespaces in this project."
          noMatchText="No namespaces match the current search"
          searchText={(ns) => `${ns.name} ${ns.status}`}
          initialSort={[{ id: "name", desc: false }]}
        />
      )}
      <MoveNamespaceDialog cluster={cluster} project={project} namespace={moving} onClose={() => setMoving(null)} />
    </>
  );
}

function moveColumn(setMoving: (namespace: string) => void): ColumnDef<Namespace, unknown> {
  return {
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    enableSorting: false,
    cell: ({ row }) => (
      <button
        type="button"
        className="btn namespace-move"
        aria-label={`Move ${row.original.name}`}
        disabled={row.original.reserved || row.original.status === "Terminating"}
        title={row.original.reserved ? "Paddock keeps this namespace out of every project." : undefined}
        onClick={() => setMoving(row.original.name)}
      >
        Move
      </button>
    ),
  };
}
