import { useCallback, useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { RowSelectionState } from "@tanstack/react-table";
import type { Registry } from "@paddock/contracts";
import { DataTable } from "@/components/ui/data-table";
import { ErrorMessage } from "@/components/ui/error-message";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { useProjectAccess } from "@/lib/access";
import { paths } from "@/lib/paths";
import { ReadOnlyNote, WriteLink } from "@/components/ui/write-access";
import { useBulkDeleteRegistries } from "../api/bulk-delete-registries";
import { useDeleteRegistry } from "../api/delete-registry";
import { projectInfoQuery } from "../api/get-project";
import { registriesQuery } from "../api/get-registries";
import { redactedSecretYaml } from "../utils/registry-yaml";
import { namespaceLabel, refOf, registryRowId } from "../utils/registry-ref";
import { DeleteRegistriesDialog } from "./delete-registries-dialog";
import { addressText, registryColumns, usernameText } from "./registry-columns";
import { YamlDialog } from "./yaml-dialog";

const searchText = (r: Registry) =>
  [r.name, r.description, namespaceLabel(r), addressText(r), usernameText(r), r.state, ...r.registries.flatMap((e) => [e.address, e.username])].join(" ");

/** Resources > Registries: every registry of the project, live. */
export function RegistriesPage() {
  const { cluster = "", project = "" } = useParams();
  const navigate = useNavigate();
  const toast = useToast();
  const registries = useQuery(registriesQuery(cluster, project));
  const projectInfo = useQuery(projectInfoQuery(cluster, project));
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [toDelete, setToDelete] = useState<Registry[] | null>(null);
  const [yamlOf, setYamlOf] = useState<Registry | null>(null);
  const deleteOne = useDeleteRegistry(cluster, project);
  const deleteMany = useBulkDeleteRegistries(cluster, project);
  const { canWrite } = useProjectAccess(cluster, project);

  const rows = useMemo(() => registries.data ?? [], [registries.data]);
  const byId = useMemo(() => new Map(rows.map((r) => [registryRowId(r), r])), [rows]);
  const selected = useMemo(
    () => Object.keys(selection).flatMap((id) => (selection[id] && byId.has(id) ? [byId.get(id)!] : [])),
    [selection, byId],
  );

  const columns = useMemo(
    () =>
      registryColumns(cluster, project, {
        viewYaml: setYamlOf,
        // a read-only member sees the registries and their YAML only (as in Rancher)
        ...(canWrite && {
          edit: (r: Registry) => navigate(paths.editRegistry(cluster, project, refOf(r))),
          clone: (r: Registry) => navigate(paths.cloneRegistry(cluster, project, refOf(r))),
          remove: (r: Registry) => setToDelete([r]),
        }),
      }),
    [cluster, project, navigate, canWrite],
  );

  const confirmDelete = useCallback(() => {
    if (!toDelete) return;
    if (toDelete.length === 1) {
      const [registry] = toDelete as [Registry];
      deleteOne.mutate(refOf(registry), {
        onSuccess: () => {
          toast.success(`Registry "${registry.name}" deleted.`);
          setSelection((s) => ({ ...s, [registryRowId(registry)]: false }));
        },
        onError: (error) => toast.error(`Could not delete "${registry.name}": ${error.message}`),
        onSettled: () => setToDelete(null),
      });
      return;
    }
    deleteMany.mutate(toDelete.map(refOf), {
      onSuccess: (result) => {
        const gone = result.items.filter((i) => i.deleted).length;
        const failed = result.items.filter((i) => !i.deleted);
        if (gone > 0) toast.success(`${gone} ${gone === 1 ? "registry" : "registries"} deleted.`);
        for (const f of failed.slice(0, 3)) toast.error(`Could not delete "${f.ref.name}": ${f.error?.message ?? "unknown error"}`);
        setSelection({});
      },
      onError: (error) => toast.error(`Could not delete the registries: ${error.message}`),
      onSettled: () => setToDelete(null),
    });
  }, [toDelete, deleteOne, deleteMany, toast]);

  return (
    <>
      <PageHeader title="Registries">
        <WriteLink canWrite={canWrite} to={paths.newRegistry(cluster, project)}>
          Add Registry
        </WriteLink>
      </PageHeader>
      {!canWrite && <ReadOnlyNote what="the registries" />}
      <p className="muted reg-intro">
        Credentials for private container registries, kept as Secrets. Workloads deployed here get the matching ones; pods made with kubectl need them in{" "}
        <code>imagePullSecrets</code> (or the registry attached to the namespace&apos;s default service account).
      </p>
      {registries.isPending && <Spinner label="Loading registries…" />}
      {registries.error && <ErrorMessage error={registries.error} what="load the registries" onRetry={() => void registries.refetch()} />}
      {registries.data && (
        <DataTable
          label="registries"
          rows={rows}
          columns={columns}
          rowId={registryRowId}
          emptyText="There are no registry credentials."
          noMatchText="No registry credentials match the current search"
          selectable={canWrite}
          selection={selection}
          onSelectionChange={setSelection}
          groupBy={namespaceLabel}
          groupLabel={(g) => (g === "All" ? "All namespaces (project registries)" : `Namespace: ${g}`)}
          searchText={searchText}
          toolbar={
            canWrite && (
              <>
                <button type="button" className="btn btn--danger-outline" disabled={selected.length === 0} onClick={() => setToDelete(selected)}>
                  Delete
                </button>
                {selected.length > 0 && <span className="muted">{selected.length} selected</span>}
              </>
            )
          }
        />
      )}
      <DeleteRegistriesDialog registries={toDelete} busy={deleteOne.isPending || deleteMany.isPending} onConfirm={confirmDelete} onCancel={() => setToDelete(null)} />
      <YamlDialog
        title={yamlOf ? `YAML of ${yamlOf.name}` : "YAML"}
        yaml={yamlOf ? redactedSecretYaml(yamlOf, { projectId: project, projectNamespace: projectInfo.data?.backingNamespace }) : null}
        onClose={() => setYamlOf(null)}
      />
    </>
  );
}
