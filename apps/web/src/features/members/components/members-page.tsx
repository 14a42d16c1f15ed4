import { useMemo, useState } from "react";
import { useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { Member } from "@paddock/contracts";
import { DataTable } from "@/components/ui/data-table";
import { ErrorMessage } from "@/components/ui/error-message";
import { Menu } from "@/components/ui/menu";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { meQuery, useProjectAccess } from "@/lib/access";
import { ROLE_NAMES } from "@/lib/access";
import { membersQuery, projectNameQuery } from "../api/members";
import { AddMemberForm } from "./add-member-form";
import { ChangeRoleDialog } from "./change-role-dialog";
import { RemoveMemberDialog } from "./remove-member-dialog";

/** Who may do what in the project; owners and administrators add members, change roles and remove them. */
export function MembersPage() {
  const { cluster = "", project = "" } = useParams();
  const members = useQuery(membersQuery(cluster, project));
  const projectName = useQuery(projectNameQuery(cluster, project)).data ?? project;
  const me = useQuery(meQuery());
  const username = me.data?.username;
  const { canManage } = useProjectAccess(cluster, project);
  const [adding, setAdding] = useState(false);
  const [changing, setChanging] = useState<Member | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);

  const columns = useMemo<ColumnDef<Member, unknown>[]>(
    () => [
      {
        id: "username",
        header: "Username",
        accessorFn: (m) => m.username,
        cell: ({ row }) => (
          <>
            <strong>{row.original.username}</strong>
            {row.original.username === username && <span className="muted"> (you)</span>}
          </>
        ),
      },
      { id: "role", header: "Role", accessorFn: (m) => ROLE_NAMES[m.role] },
      ...(canManage
        ? [
            {
              id: "actions",
              header: () => <span className="sr-only">Actions</span>,
              enableSorting: false,
              cell: ({ row }) => (
                <Menu
                  label={`Actions for ${row.original.username}`}
                  items={[
                    { label: "Change Role", onSelect: () => setChanging(row.original) },
                    { label: "Remove", danger: true, onSelect: () => setRemoving(row.original) },
                  ]}
                />
              ),
            } satisfies ColumnDef<Member, unknown>,
          ]
        : []),
    ],
    [canManage, username],
  );

  return (
    <>
      <PageHeader title="Members">
        {canManage && !adding && (
          <button type="button" className="btn btn--primary" onClick={() => setAdding(true)}>
            Add Member
          </button>
        )}
      </PageHeader>
      <p className="muted member-intro">
        Who may do what in project <strong>{projectName}</strong>. Administrators may do everything in every project without being members.
      </p>
      {me.data && !canManage && <p className="muted member-note">Only project owners and administrators manage members.</p>}
      {adding && canManage && (
        <AddMemberForm cluster={cluster} project={project} projectName={projectName} me={username} members={members.data ?? []} onDone={() => setAdding(false)} />
      )}
      {members.isPending && <Spinner label="Loading members…" />}
      {members.error && <ErrorMessage error={members.error} what="load the members" onRetry={() => void members.refetch()} />}
      {members.data && (
        <div className={canManage ? "member-table member-table--actions" : "member-table"}>
          <DataTable<Member>
            label="members"
            rows={members.data}
            columns={columns}
            rowId={(m) => m.username}
            emptyText="This project has no members yet: only administrators can use it."
            noMatchText="No members match the current search"
            searchText={(m) => `${m.username} ${ROLE_NAMES[m.role]}`}
            initialSort={[{ id: "username", desc: false }]}
          />
        </div>
      )}
      <ChangeRoleDialog cluster={cluster} project={project} projectName={projectName} me={username} member={changing} onClose={() => setChanging(null)} />
      <RemoveMemberDialog cluster={cluster} project={project} projectName={projectName} me={username} member={removing} onClose={() => setRemoving(null)} />
    </>
  );
}
