import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorMessage } from "@/components/ui/error-message";
import { Field } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { accessIn, meQuery } from "@/lib/access";
import { ApiError } from "@/lib/api-client";
import { projectsQuery, useMoveNamespace } from "../api/namespaces";
import { moveTargets, OUT_OF_PROJECTS, targetInEffect } from "../utils/move-targets";

/** Picks where the namespace goes and confirms it, naming the namespace and both projects. */
export function MoveNamespaceDialog({ cluster, project, namespace, onClose }: { cluster: string; project: string; namespace: string | null; onClose: () => void }) {
  const projects = useQuery(projectsQuery(cluster));
  const move = useMoveNamespace(cluster);
  const toast = useToast();
  const me = useQuery(meQuery());
  // only where the user may write; taking a namespace out of every project is for administrators
  const loaded = projects.data !== undefined && me.data !== undefined;
  const targets = loaded ? moveTargets(projects.data, project, me.data.admin, (id) => accessIn(me.data, cluster, id).canWrite) : [];
  const current = projects.data?.find((p) => p.id === project)?.displayName ?? project;
  // what the user picked; whatever is not (or no longer) offered gives way to the first choice
  const [picked, setPicked] = useState<string | null>(null);
  const { reset: resetMove } = move;
  useEffect(() => {
    if (namespace === null) return;
    resetMove();
    setPicked(null);
  }, [namespace, resetMove]);
  const target = targetInEffect(targets, picked);
  const destination = target && target.value !== OUT_OF_PROJECTS ? target.label : undefined;
  const where = destination ? `project ${destination}` : "no project";
  const failed = projects.error ?? me.error;
  return (
    <ConfirmDialog
      open={namespace !== null}
      title={`Move namespace ${namespace ?? ""}`}
      confirmLabel="Move"
      busy={move.isPending}
      confirmDisabled={target === undefined}
      onCancel={onClose}
      onConfirm={() =>
        namespace &&
        target &&
        move.mutate(
          { namespace, projectId: target.value === OUT_OF_PROJECTS ? null : target.value },
          { onSuccess: () => (toast.success(`Namespace ${namespace} moved to ${where}.`), onClose()) },
        )
      }
    >
      {!loaded && !failed && <Spinner label="Loading the cluster's projects…" />}
      {failed && <ErrorMessage error={failed} what="load the cluster's projects" onRetry={() => void (projects.error ? projects.refetch() : me.refetch())} />}
      {loaded && targets.length === 0 && (
        <p className="alert alert--info" role="status">
          There is no other project where you are a member or owner. A Paddock administrator can move it for you.
        </p>
      )}
      {target && (
        <>
          <Field label="Move to" help={me.data?.admin ? "Another project of this cluster, or out of every project." : "Another project of this cluster where you are a member or owner."}>
            <select value={target.value} onChange={(e) => setPicked(e.target.value)}>
              {targets.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </Field>
          <p>
            Namespace <strong>{namespace}</strong> will leave project <strong>{current}</strong> and go to <strong>{where}</strong>.{" "}
            {`Paddock removes the copies of ${current}'s project registries from it${destination ? ` and copies in those of ${destination}` : ""}; its running pods are not touched.`}
          </p>
        </>
      )}
      {move.error && (
        <p className="field__error" role="alert">
          Could not move {namespace}: {move.error instanceof ApiError ? move.error.message : String(move.error)}
        </p>
      )}
    </ConfirmDialog>
  );
}
