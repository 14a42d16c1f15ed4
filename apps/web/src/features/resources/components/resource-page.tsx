import { useMemo, useState } from "react";
import { useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { Certificate, ConfigMap, Secret } from "@paddock/contracts";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable } from "@/components/ui/data-table";
import { ErrorMessage } from "@/components/ui/error-message";
import { Menu } from "@/components/ui/menu";
import { ReadOnlyNote } from "@/components/ui/write-access";
import { useProjectAccess } from "@/lib/access";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { age } from "@/lib/age";
import { resourcesQuery, useDeleteResource, type ResourceKind, type ResourceTypes } from "../api/resources";
import { ResourceForm } from "./resource-form";

type Item = ResourceTypes[ResourceKind]["item"];

interface KindText {
  title: string;
  singular: string;
  add: string;
  empty: string;
  noMatch: string;
}

export const KIND_TEXT: Record<ResourceKind, KindText> = {
  secrets: { title: "Secrets", singular: "secret", add: "Add Secret", empty: "There are no secrets.", noMatch: "No secrets match the current search" },
  certificates: { title: "Certificates", singular: "certificate", add: "Add Certificate", empty: "There are no certificates.", noMatch: "No certificates match the current search" },
  configmaps: { title: "ConfigMaps", singular: "ConfigMap", add: "Add Config Map", empty: "There are no config maps.", noMatch: "No config maps match the current search" },
};

function detailColumns(kind: ResourceKind): ColumnDef<Item, unknown>[] {
  if (kind === "certificates") {
    return [
      { id: "subject", header: "Subject", accessorFn: (c) => (c as Certificate).subject },
      {
        id: "expires",
        header: "Expires",
        accessorFn: (c) => (c as Certificate).notAfter,
        cell: ({ row }) => {
          const c = row.original as Certificate;
          return c.notAfter ? (
            <span className={c.expired ? "badge badge--error" : undefined}>
              {c.expired ? "Expired " : ""}
              {new Date(c.notAfter).toLocaleDateString()}
            </span>
          ) : (
            "unknown"
          );
        },
      },
    ];
  }
  if (kind === "secrets") return [{ id: "keys", header: "Keys", accessorFn: (s) => (s as Secret).keys.join(", ") }];
  return [{ id: "keys", header: "Keys", accessorFn: (c) => Object.keys((c as ConfigMap).data).join(", ") }];
}

/** The Secrets, Certificates and ConfigMaps pages: one list with add and delete, per kind. */
export function ResourcePage({ kind }: { kind: ResourceKind }) {
  const { cluster = "", project = "" } = useParams();
  const text = KIND_TEXT[kind];
  const list = useQuery(resourcesQuery(cluster, project, kind));
  const remove = useDeleteResource(cluster, project, kind);
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const { canWrite } = useProjectAccess(cluster, project);
  const [deleting, setDeleting] = useState<Item | null>(null);
  const columns = useMemo<ColumnDef<Item, unknown>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        accessorFn: (r) => r.name,
        cell: ({ row }) => (
          <div>
            <strong>{row.original.name}</strong>
            {row.original.description && <div className="muted">{row.original.description}</div>}
          </div>
        ),
      },
      { id: "namespace", header: "Namespace", accessorFn: (r) => r.namespace },
      ...detailColumns(kind),
      { id: "created", header: "Created", accessorFn: (r) => r.createdAt, cell: ({ row }) => <span title={row.original.createdAt}>{age(row.original.createdAt)}</span> },
      ...(canWrite
        ? [
            {
              id: "actions",
              header: () => <span className="sr-only">Actions</span>,
              enableSorting: false,
              cell: ({ row }) => <Menu label={`Actions for ${row.original.name}`} items={[{ label: "Delete", danger: true, onSelect: () => setDeleting(row.original) }]} />,
            } satisfies ColumnDef<Item, unknown>,
          ]
        : []),
    ],
    [kind, canWrite],
  );
  return (
    <>
      <PageHeader title={text.title}>
        {!adding && (
          <button type="button" className="btn btn--primary" disabled={!canWrite} onClick={() => setAdding(true)}>
            {text.add}
          </button>
        )}
      </PageHeader>
      {!canWrite && <ReadOnlyNote what={`the ${text.title.toLowerCase()}`} />}
      {adding && canWrite && <ResourceForm kind={kind} cluster={cluster} project={project} onDone={() => setAdding(false)} />}
      {list.isPending && <Spinner label={`Loading ${text.title.toLowerCase()}…`} />}
      {list.error && <ErrorMessage error={list.error} what={`load the ${text.title.toLowerCase()}`} onRetry={() => void list.refetch()} />}
      {list.data && (
        <DataTable<Item>
          label={text.title.toLowerCase()}
          rows={list.data}
          columns={columns}
          rowId={(r) => `${r.namespace}/${r.name}`}
          emptyText={text.empty}
          noMatchText={text.noMatch}
          searchText={(r) => `${r.name} ${r.namespace} ${r.description}`}
          groupBy={(r) => r.namespace}
          groupLabel={(ns) => `Namespace: ${ns}`}
          initialSort={[{ id: "name", desc: false }]}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${text.singular} ${deleting?.name ?? ""}?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(
            { namespace: deleting.namespace, name: deleting.name },
            {
              onSuccess: () => (toast.success(`Deleted ${text.singular} ${deleting.name}.`), setDeleting(null)),
              onError: (error) => (toast.error(`Could not delete ${deleting.name}: ${error.message}`), setDeleting(null)),
            },
          )
        }
      >
        <p>
          The {text.singular} <strong>{deleting?.name}</strong> will be deleted from namespace <strong>{deleting?.namespace}</strong>. Workloads that use it
          will no longer find it.
        </p>
      </ConfirmDialog>
    </>
  );
}
