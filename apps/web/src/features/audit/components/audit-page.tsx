import { useMemo } from "react";
import { useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { AuditEntry } from "@paddock/contracts";
import { DataTable } from "@/components/ui/data-table";
import { ErrorMessage } from "@/components/ui/error-message";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { age } from "@/lib/age";
import { auditQuery } from "../api/audit";

/** An entry with its place in the server's order (newest first), which keeps changes made in the same second in order. */
interface AuditRow {
  entry: AuditEntry;
  /** higher is newer */
  order: number;
}

const ACTION_BADGE: Record<AuditEntry["action"], string> = { create: "ok", update: "info", delete: "warn", denied: "error" };

const objectText = (e: AuditEntry): string => (e.namespace ? `${e.kind} ${e.namespace}/${e.name}` : `${e.kind} ${e.name}`);

const columns: ColumnDef<AuditRow, unknown>[] = [
  {
    id: "time",
    header: "Time",
    accessorFn: (r) => r.order,
    cell: ({ row }) => (
      <time dateTime={row.original.entry.time} title={row.original.entry.time}>
        {age(row.original.entry.time)}
      </time>
    ),
  },
  { id: "user", header: "User", accessorFn: (r) => r.entry.user },
  {
    id: "action",
    header: "Action",
    accessorFn: (r) => r.entry.action,
    cell: ({ row }) => <span className={`badge badge--${ACTION_BADGE[row.original.entry.action]}`}>{row.original.entry.action}</span>,
  },
  { id: "object", header: "Object", accessorFn: (r) => objectText(r.entry), cell: ({ row }) => <span className="audit-object">{objectText(row.original.entry)}</span> },
  {
    id: "result",
    header: "Result",
    accessorFn: (r) => r.entry.status,
    cell: ({ row }) => {
      const status = row.original.entry.status;
      return <span className={`badge badge--${status >= 200 && status < 300 ? "ok" : "error"}`}>{status || "?"}</span>;
    },
  },
  {
    id: "message",
    header: "Message",
    accessorFn: (r) => r.entry.message,
    cell: ({ row }) => (
      <span className="audit-message" title={row.original.entry.message}>
        {row.original.entry.message}
      </span>
    ),
  },
];

/** Every change made through Paddock in the project, and every change refused for lack of permission, from the Events Paddock records. */
export function AuditPage() {
  const { cluster = "", project = "" } = useParams();
  const audit = useQuery(auditQuery(cluster, project));
  const rows = useMemo(() => (audit.data ?? []).map((entry, index, all) => ({ entry, order: all.length - index })), [audit.data]);
  return (
    <>
      <PageHeader title="Audit" />
      <p className="muted audit-intro">
        Every change made through Paddock in this project, and every change refused for lack of permission. Recorded as Kubernetes Events (reporting controller <code>paddock</code>).
      </p>
      {audit.isPending && <Spinner label="Loading the audit trail…" />}
      {audit.error && <ErrorMessage error={audit.error} what="load the audit trail" onRetry={() => void audit.refetch()} />}
      {audit.data && (
        <DataTable<AuditRow>
          label="audit entries"
          rows={rows}
          columns={columns}
          rowId={(r) => String(r.order)}
          emptyText="Nothing has been changed in this project through Paddock yet."
          noMatchText="No audit entries match the current search"
          searchText={(r) => `${r.entry.user} ${objectText(r.entry)} ${r.entry.message}`}
          initialSort={[{ id: "time", desc: true }]}
        />
      )}
    </>
  );
}
