import { useCallback, useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { UserAccount } from "@paddock/contracts";
import { DataTable } from "@/components/ui/data-table";
import { ErrorMessage } from "@/components/ui/error-message";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { meQuery, useIsAdmin } from "@/lib/access";
import { age } from "@/lib/age";
import { usersQuery } from "../api/users";
import { AddUserForm } from "./add-user-form";
import { DeleteUserDialog } from "./delete-user-dialog";
import { ResetPasswordDialog } from "./reset-password-dialog";
import { UserMenu } from "./user-menu";

/**
 * Where the keyboard goes after a form or dialog closes: the row's menu button, or Add User when the
 * row is gone. Done in the page's effect, which runs after the dialogs' own (a closing <dialog> hands
 * the focus back to what had it before, here a menu item that is gone).
 */
function useReturnFocus(): (username: string | null) => void {
  const [target, setTarget] = useState<{ username: string | null } | null>(null);
  useEffect(() => {
    if (!target) return;
    const row = target.username ? document.querySelector<HTMLElement>(`button[aria-label="Actions for ${target.username}"]`) : null;
    (row ?? document.getElementById("users-add"))?.focus();
  }, [target]);
  return useCallback((username) => setTarget({ username }), []);
}

/** Rancher's Users page: the administrator creates, changes, disables and deletes Paddock's users. */
export function UsersPage() {
  const admin = useIsAdmin();
  const me = useQuery(meQuery());
  const users = useQuery({ ...usersQuery(), enabled: admin });
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const self = me.data?.username;
  const returnFocus = useReturnFocus();

  const columns = useMemo<ColumnDef<UserAccount, unknown>[]>(
    () => [
      {
        id: "username",
        header: "Username",
        accessorFn: (u) => u.username,
        cell: ({ row }) => (
          <>
            <strong>{row.original.username}</strong>
            {row.original.username === self && <span className="muted"> (you)</span>}
          </>
        ),
      },
      { id: "role", header: "Role", accessorFn: (u) => (u.admin ? "Administrator" : "User") },
      {
        id: "state",
        header: "State",
        accessorFn: (u) => (u.disabled ? "Disabled" : "Active"),
        cell: ({ row }) => <span className={`badge badge--${row.original.disabled ? "warn" : "ok"}`}>{row.original.disabled ? "Disabled" : "Active"}</span>,
      },
      {
        id: "created",
        header: "Created",
        accessorFn: (u) => u.createdAt ?? "",
        cell: ({ row }) => (row.original.createdAt ? <span title={row.original.createdAt}>{age(row.original.createdAt)}</span> : <span className="muted">–</span>),
      },
      {
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        enableSorting: false,
        cell: ({ row }) => (
          <UserMenu
            user={row.original}
            self={row.original.username === self}
            onResetPassword={() => setResetting(row.original.username)}
            onDelete={() => setDeleting(row.original.username)}
          />
        ),
      },
    ],
    [self],
  );

  return (
    <main id="main" className="main users">
      <PageHeader title="Users">
        {admin && !adding && (
          <button id="users-add" type="button" className="btn btn--primary" onClick={() => setAdding(true)}>
            Add User
          </button>
        )}
      </PageHeader>
      {!admin ? (
        <p className="alert alert--info" role="note">
          Only Paddock administrators manage users. To change your own password or API keys, open your account from your username at the top right.
        </p>
      ) : (
        <>
          {adding && <AddUserForm onDone={() => (setAdding(false), returnFocus(null))} />}
          {users.isPending && <Spinner label="Loading users…" />}
          {users.error && <ErrorMessage error={users.error} what="load the users" onRetry={() => void users.refetch()} />}
          {users.data && (
            <DataTable<UserAccount>
              label="users"
              rows={users.data}
              columns={columns}
              rowId={(u) => u.username}
              emptyText="There are no users."
              noMatchText="No users match the current search"
              searchText={(u) => `${u.username} ${u.admin ? "Administrator" : "User"} ${u.disabled ? "Disabled" : "Active"}`}
              initialSort={[{ id: "username", desc: false }]}
            />
          )}
          <ResetPasswordDialog username={resetting} onClose={() => (setResetting(null), returnFocus(resetting))} />
          <DeleteUserDialog username={deleting} onClose={(deleted) => (setDeleting(null), returnFocus(deleted ? null : deleting))} />
        </>
      )}
    </main>
  );
}
