import { useState } from "react";
import { useNavigate } from "react-router";
import type { Registry } from "@paddock/contracts";
import { PageHeader } from "@/components/ui/page-header";
import { RequireWrite } from "@/components/ui/write-access";
import { useToast } from "@/components/ui/toast";
import { paths } from "@/lib/paths";
import { useUpdateRegistry } from "../api/update-registry";
import { useRegistryRoute } from "../hooks/use-registry-route";
import { formValuesFrom, toUpdateInput } from "../utils/form-values";
import { readOnlyReason } from "../utils/copy-summary";
import { RegistryForm } from "./registry-form";
import { RegistryLoad } from "./registry-load";
import { toastSaved } from "./registry-saved-toast";

export function EditRegistryPage() {
  const { cluster, project, ref } = useRegistryRoute();
  return (
    <>
      <PageHeader title={`Edit Registry: ${ref.name}`} />
      <RequireWrite cluster={cluster} project={project} what="the registries">
        <RegistryLoad>{(registry) => <EditForm registry={registry} />}</RegistryLoad>
      </RequireWrite>
    </>
  );
}

function EditForm({ registry }: { registry: Registry }) {
  const { cluster, project, ref } = useRegistryRoute();
  const navigate = useNavigate();
  const toast = useToast();
  const update = useUpdateRegistry(cluster, project, ref);
  // the version the edit starts from: the server refuses the save if someone changed it meanwhile
  const [resourceVersion] = useState(registry.resourceVersion);
  const [initial] = useState(() => formValuesFrom(registry, "edit"));
  const list = paths.registries(cluster, project);
  const readOnly = readOnlyReason(registry);
  if (readOnly) {
    return (
      <div className="alert alert--info" role="status">
        {readOnly}
      </div>
    );
  }
  return (
    <RegistryForm
      mode="edit"
      cluster={cluster}
      project={project}
      initial={initial}
      source={ref}
      save={(values) => update.run(toUpdateInput(values, resourceVersion))}
      onSaved={(saved) => (toastSaved(toast, saved, "saved"), navigate(list))}
      onCancel={() => navigate(list)}
    />
  );
}
