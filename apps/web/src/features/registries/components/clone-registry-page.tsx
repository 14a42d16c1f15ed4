import { useState } from "react";
import { useNavigate } from "react-router";
import type { Registry } from "@paddock/contracts";
import { PageHeader } from "@/components/ui/page-header";
import { RequireWrite } from "@/components/ui/write-access";
import { useToast } from "@/components/ui/toast";
import { paths } from "@/lib/paths";
import { useCreateRegistry } from "../api/create-registry";
import { useRegistryRoute } from "../hooks/use-registry-route";
import { formValuesFrom, toCreateInput } from "../utils/form-values";
import { RegistryForm } from "./registry-form";
import { RegistryLoad } from "./registry-load";
import { toastSaved } from "./registry-saved-toast";

export function CloneRegistryPage() {
  const { cluster, project, ref } = useRegistryRoute();
  return (
    <RequireWrite cluster={cluster} project={project} what="the registries">
      <PageHeader title={`Clone Registry: ${ref.name}`} />
      <p className="muted">
        Everything but the name is carried over. Passwords left empty are copied from &quot;{ref.name}&quot; on the server: they never reach the browser.
      </p>
      <RegistryLoad>{(registry) => <CloneForm registry={registry} />}</RegistryLoad>
    </RequireWrite>
  );
}

function CloneForm({ registry }: { registry: Registry }) {
  const { cluster, project, ref } = useRegistryRoute();
  const navigate = useNavigate();
  const toast = useToast();
  const create = useCreateRegistry(cluster, project);
  const [initial] = useState(() => formValuesFrom(registry, "clone"));
  const list = paths.registries(cluster, project);
  return (
    <RegistryForm
      mode="clone"
      cluster={cluster}
      project={project}
      initial={initial}
      source={ref}
      save={(values) => create.run(toCreateInput(values, ref))}
      onSaved={(saved) => (toastSaved(toast, saved, "created"), navigate(list))}
      onCancel={() => navigate(list)}
    />
  );
}
