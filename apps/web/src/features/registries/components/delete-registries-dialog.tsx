import type { Registry } from "@paddock/contracts";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { namespaceLabel } from "../utils/registry-ref";

const SHOWN = 10;

function consequence(registry: Registry): string {
  if (registry.scope.type === "project") {
    const copies = (registry.copies ?? []).filter((c) => c.state !== "Ignored").length;
    return `its copies in ${copies} ${copies === 1 ? "namespace" : "namespaces"} go too`;
  }
  return `in namespace ${registry.scope.namespace}`;
}

/** Confirms deleting one or several registries, naming each. */
export function DeleteRegistriesDialog(props: { registries: Registry[] | null; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const list = props.registries ?? [];
  const one = list.length === 1 ? list[0] : undefined;
  const title = one ? `Delete registry "${one.name}"?` : `Delete ${list.length} registries?`;
  return (
    <ConfirmDialog open={props.registries !== null} title={title} confirmLabel="Delete" busy={props.busy} onConfirm={props.onConfirm} onCancel={props.onCancel}>
      {one ? (
        <p>
          The registry <strong>{one.name}</strong> ({consequence(one)}) will be deleted. Pods that pull with it keep running, but new pulls of its images will
          fail until another registry holds the credentials.
        </p>
      ) : (
        <>
          <p>These registries will be deleted; pods that pull with them keep running, but new pulls will fail:</p>
          <ul className="reg-delete-list">
            {list.slice(0, SHOWN).map((r) => (
              <li key={`${namespaceLabel(r)}/${r.name}`}>
                <strong>{r.name}</strong> <span className="muted">({r.scope.type === "project" ? "all namespaces" : `namespace ${r.scope.namespace}`})</span>
              </li>
            ))}
          </ul>
          {list.length > SHOWN && <p className="muted">and {list.length - SHOWN} more.</p>}
        </>
      )}
    </ConfirmDialog>
  );
}
