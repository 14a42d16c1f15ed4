import { useCallback, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { MenuItem } from "@/components/ui/menu";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/api-client";
import { useDeleteWorkload, useRedeployWorkload, useScaleWorkload, type WorkloadRef } from "../api/workloads";
import { ScaleDialog } from "./scale-dialog";

type Target = WorkloadRef & { replicas: number };

const failure = (what: string, error: unknown) => `Could not ${what}: ${error instanceof ApiError || error instanceof Error ? error.message : String(error)}`;

/** Redeploy, Scale and Delete, for the list's row menus and the detail's buttons. */
export function useWorkloadActions(cluster: string, project: string, options: { onDeleted?: (workload: WorkloadRef) => void } = {}) {
  const toast = useToast();
  const redeploy = useRedeployWorkload(cluster, project);
  const scale = useScaleWorkload(cluster, project);
  const remove = useDeleteWorkload(cluster, project);
  const [scaling, setScaling] = useState<Target | null>(null);
  const [deleting, setDeleting] = useState<WorkloadRef | null>(null);

  const actions = {
    redeploy: (w: WorkloadRef) =>
      redeploy.mutate(
        { namespace: w.namespace, name: w.name },
        { onSuccess: () => toast.success(`Workload ${w.name} is being redeployed: its pods are replaced one by one.`), onError: (e) => toast.error(failure(`redeploy ${w.name}`, e)) },
      ),
    scale: (w: Target) => (scale.reset(), setScaling({ namespace: w.namespace, name: w.name, replicas: w.replicas })),
    remove: (w: WorkloadRef) => (remove.reset(), setDeleting({ namespace: w.namespace, name: w.name })),
    redeploying: redeploy.isPending,
  };

  // Stable, so that table columns built on it stay the same and an open row menu survives a refetch.
  const latest = useRef(actions);
  latest.current = actions;
  const menuItems = useCallback(
    (w: Target): MenuItem[] => [
      { label: "Redeploy", onSelect: () => latest.current.redeploy(w) },
      { label: "Scale", onSelect: () => latest.current.scale(w) },
      { label: "Delete", danger: true, onSelect: () => latest.current.remove(w) },
    ],
    [],
  );

  const dialogs = (
    <>
      <ScaleDialog
        target={scaling}
        busy={scale.isPending}
        error={scale.error}
        onCancel={() => setScaling(null)}
        onScale={(replicas) =>
          scaling &&
          scale.mutate(
            { ...scaling, replicas },
            { onSuccess: () => (toast.success(`Workload ${scaling.name} scaled to ${replicas} pod${replicas === 1 ? "" : "s"}.`), setScaling(null)) },
          )
        }
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete workload ${deleting?.name ?? ""}?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting, {
            onSuccess: () => {
              toast.success(`Workload ${deleting.name} deleted.`);
              setDeleting(null);
              options.onDeleted?.(deleting);
            },
          })
        }
      >
        <p>
          Workload <strong>{deleting?.name}</strong> in namespace <strong>{deleting?.namespace}</strong> and all its pods will be deleted. This cannot be undone.
        </p>
        {remove.error && <p className="field__error" role="alert">{failure(`delete ${deleting?.name ?? "the workload"}`, remove.error)}</p>}
      </ConfirmDialog>
    </>
  );

  return { actions, menuItems, dialogs };
}
