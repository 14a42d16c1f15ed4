import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { ApiToken, ApiTokenCreated } from "@paddock/contracts";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable } from "@/components/ui/data-table";
import { ErrorMessage } from "@/components/ui/error-message";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { age } from "@/lib/age";
import { apiTokensQuery, useRevokeApiToken } from "../api/account";
import { AddApiKeyForm } from "./add-api-key-form";
import { NewApiKeyPanel } from "./new-api-key-panel";

/** "in 89d": the time left until `timestamp`. */
const timeLeft = (timestamp: string) => `in ${age(new Date().toISOString(), Date.parse(timestamp))}`;

function Expires({ token }: { token: ApiToken }) {
  const date = new Date(token.expiresAt);
  if (token.expired) return <span className="badge badge--error" title={date.toLocaleString()}>Expired</span>;
  return (
    <span title={date.toLocaleString()}>
      {date.toLocaleDateString()} <span className="muted">({timeLeft(token.expiresAt)})</span>
    </span>
  );
}

/** Rancher's API Keys: the user's keys for scripts and tools, added, shown once, revoked. */
export function ApiKeysCard() {
  const tokens = useQuery(apiTokensQuery());
  const revoke = useRevokeApiToken();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  // the new key itself: in this state only, dropped by Done (or when the key is revoked, or the page left)
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const columns = useMemo<ColumnDef<ApiToken, unknown>[]>(
    () => [
      { id: "name", header: "Name", accessorFn: (t) => t.name, cell: ({ row }) => <strong>{row.original.name}</strong> },
      { id: "created", header: "Created", accessorFn: (t) => t.createdAt, cell: ({ row }) => <span title={new Date(row.original.createdAt).toLocaleString()}>{age(row.original.createdAt)}</span> },
      { id: "expires", header: "Expires", accessorFn: (t) => t.expiresAt, cell: ({ row }) => <Expires token={row.original} /> },
      {
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        enableSorting: false,
        cell: ({ row }) => (
          <button type="button" className="btn btn--small btn--danger-outline" aria-label={`Revoke ${row.original.name}`} onClick={() => setRevoking(row.original)}>
            Revoke
          </button>
        ),
      },
    ],
    [],
  );

  const confirmRevoke = () => {
    if (!revoking) return;
    const { id, name } = revoking;
    revoke.mutate(id, {
      onSuccess: () => {
        toast.success(`API key ${name} revoked: it no longer works.`);
        if (created?.id === id) setCreated(null);
      },
      onError: (error) => toast.error(`Could not revoke ${name}: ${error.message}`),
      onSettled: () => setRevoking(null),
    });
  };

  return (
    <section className="card account-section" aria-labelledby="api-keys-title">
      <header className="card__header">
        <h2 id="api-keys-title">API Keys</h2>
        {!adding && (
          <button type="button" className="btn btn--primary" onClick={() => (setAdding(true), setCreated(null))}>
            Add API Key
          </button>
        )}
      </header>
      <p className="muted account-intro">
        Scripts and tools use Paddock&apos;s API with a key, as you and with your rights: they send it as <code>Authorization: Bearer &lt;key&gt;</code>. Give each
        use its own key, and revoke a key when it is no longer needed.
      </p>
      {adding && (
        <AddApiKeyForm
          onCreated={(token) => {
            setAdding(false);
            setCreated(token);
            toast.success(`API key ${token.name} created.`);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {created && <NewApiKeyPanel created={created} onDone={() => setCreated(null)} />}
      {tokens.isPending && <Spinner label="Loading your API keys…" />}
      {tokens.error && <ErrorMessage error={tokens.error} what="load your API keys" onRetry={() => void tokens.refetch()} />}
      {tokens.data && (
        <DataTable<ApiToken>
          label="API keys"
          rows={tokens.data}
          columns={columns}
          rowId={(t) => t.id}
          emptyText="You have no API keys. Add one for each script or tool that uses Paddock's API."
          noMatchText="No API keys match the current search"
          searchText={(t) => `${t.name} ${t.expired ? "Expired" : ""}`}
          initialSort={[{ id: "created", desc: true }]}
        />
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke API key ${revoking?.name ?? ""}`}
        confirmLabel="Revoke"
        busy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={confirmRevoke}
      >
        <p>
          API key <strong>{revoking?.name}</strong>
          {revoking && <> (created {age(revoking.createdAt)} ago)</>} stops working at once: whatever uses it is answered 401 Unauthorized.
        </p>
      </ConfirmDialog>
    </section>
  );
}
