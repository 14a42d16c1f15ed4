import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { accessIn, meQuery } from "@/lib/access";
import { ApiError } from "@/lib/api-client";
import { projectsQuery, useMoveNamespace } from "../api/namespaces";

const OUT_OF_PROJECTS = "";

/** Picks where the namespace goes and confirms it, naming the namespace and both projects. */
export function MoveNamespaceDialog({ cluster, project, namespace, onClose }: { cluster: string; project: string; namespace: string | null; onClose: () => void }) {
  const projects = useQuery(projectsQuery(cluster));
  const move = useMoveNamespace(cluster);
  const toast = useToast();
  const me = useQuery(meQuery()).data;
  // only where the user may write; taking a namespace out of every project is for administrators
  const others = (projects.data ?? []).filter((p) => p.id !== project && accessIn(me, cluster, p.id).canWrite).sort((a, b) => a.displayName.localeCompare(b.displayName));
  const current = projects.data?.find((p) => p.id === project)?.displayName ?? project;
  const [target, setTarget] = useState(OUT_OF_PROJECTS);
  useEffect(() => {
    if (namespace === null) return;
    move.reset();
    setTarget(others[0]?.id ?? OUT_OF_PROJECTS);
    // Only when the dialog opens for a namespace: the projects list refreshing must not change the choice.
  }, [namespace]);
  const destination = target === OUT_OF_PROJECTS ? null : others.find((p) => p.id === target);
  const where = destination ? `project ${destination.displayName}` : "no project";
  return (
    <ConfirmDialog
      open={namespace !== null}
      title={`Move namespace ${namespace ?? ""}`}
      confirmLabel="Move"
      busy={move.isPending}
      onCancel={onClose}
      onConfirm={() =>
        namespace &&
        move.mutate(
          { namespace, projectId: destination?.id ?? null },
          { onSuccess: () => (toast.success(`Namespace ${namespace} moved to ${where}.`), onClose()) },
        )
      }
    >
      {projects.isPending && <Spinner label="Loading the cluster's projects…" />}
      <Field label="Move to" help={me?.admin ? "Another project of this cluster, or out of every project." : "Another project of this cluster where you are a member or owner."}>
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          {others.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
          {me?.admin && <option value={OUT_OF_PROJECTS}>No project</option>}
        </select>
      </Field>
      <p>
        Namespace <strong>{namespace}</strong> will leave project <strong>{current}</strong> and go to <strong>{where}</strong>. {`Paddock removes the copies of ${current}'s project registries from it${destination ? ` and copies in those of ${destination.displayName}` : ""}; its running pods are not touched.`}
      </p>
      {move.error && (
        <p className="field__error" role="alert">
          Could not move {namespace}: {move.error instanceof ApiError ? move.error.message : String(move.error)}
        </p>
      )}
    </ConfirmDialog>
  );
}
