import { Link } from "react-router";
import type { ColumnDef } from "@tanstack/react-table";
import type { Registry } from "@paddock/contracts";
import { Menu } from "@/components/ui/menu";
import { paths } from "@/lib/paths";
import { readOnlyReason, sourceLabel } from "../utils/copy-summary";
import { fullDate, relativeAge } from "../utils/relative-age";
import { namespaceLabel, refOf, registryRowId } from "../utils/registry-ref";
import { RegistryState } from "./registry-state";

/** The row menu; the actions that change something are absent for a read-only member. */
export interface RegistryRowActions {
  viewYaml: (registry: Registry) => void;
  edit?: (registry: Registry) => void;
  clone?: (registry: Registry) => void;
  remove?: (registry: Registry) => void;
}

const STATE_ORDER: Record<Registry["state"], number> = { Conflict: 0, Syncing: 1, Active: 2 };

export function addressText(registry: Registry): string {
  return registry.registries.length > 1 ? "Multiple" : (registry.registries[0]?.address ?? "");
}

export function usernameText(registry: Registry): string {
  const names = [...new Set(registry.registries.map((r) => r.username))];
  return names.length > 1 ? "Multiple" : (names[0] ?? "");
}

/** The columns of the Registries table, as in Rancher: State, Name, Namespace, Address, Username, Created, and a row menu. */
export function registryColumns(cluster: string, project: string, actions: RegistryRowActions): ColumnDef<Registry, unknown>[] {
  return [
    {
      id: "state",
      header: "State",
      accessorFn: (r) => STATE_ORDER[r.state],
      cell: ({ row }) => <RegistryState registry={row.original} />,
    },
    {
      id: "name",
      header: "Name",
      accessorFn: (r) => r.name,
      cell: ({ row }) => {
        const r = row.original;
        const readOnly = readOnlyReason(r);
        // one line under the name (rows stay 48px high): the description, who made it, why it is read-only
        const secondary = [r.description, sourceLabel(r.source), readOnly].filter(Boolean).join(" · ");
        return (
          <div className="reg-name">
            <Link to={paths.registry(cluster, project, refOf(r))}>{r.name}</Link>
            {secondary && (
              <div className={readOnly ? "reg-name__description reg-name__description--warn" : "reg-name__description"} title={secondary}>
                {secondary}
              </div>
            )}
          </div>
        );
      },
    },
    { id: "namespace", header: "Namespace", accessorFn: namespaceLabel },
    {
      id: "address",
      header: "Address",
      accessorFn: addressText,
      cell: ({ row }) => {
        const r = row.original;
        const text = addressText(r);
        return text === "Multiple" ? <span title={r.registries.map((e) => e.address).join("\n")}>Multiple</span> : <span className="reg-address">{text}</span>;
      },
    },
    { id: "username", header: "Username", accessorFn: usernameText },
    {
      id: "created",
      header: "Created",
      accessorFn: (r) => r.createdAt,
      cell: ({ row }) => (
        <time dateTime={row.original.createdAt} title={fullDate(row.original.createdAt)}>
          {relativeAge(row.original.createdAt)}
        </time>
      ),
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      cell: ({ row }) => {
        const r = row.original;
        const { edit, clone, remove } = actions;
        return (
          <Menu
            label={`Actions for ${registryRowId(r)}`}
            items={[
              ...(edit ? [{ label: "Edit", onSelect: () => edit(r), disabled: r.readOnly }] : []),
              ...(clone ? [{ label: "Clone", onSelect: () => clone(r) }] : []),
              { label: "View YAML", onSelect: () => actions.viewYaml(r) },
              ...(remove ? [{ label: "Delete", onSelect: () => remove(r), danger: true }] : []),
            ]}
          />
        );
      },
    },
  ];
}
