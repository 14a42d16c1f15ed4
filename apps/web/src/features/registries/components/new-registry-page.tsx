import { useNavigate, useParams } from "react-router";
import { PageHeader } from "@/components/ui/page-header";
import { RequireWrite } from "@/components/ui/write-access";
import { useToast } from "@/components/ui/toast";
import { paths } from "@/lib/paths";
import { useCreateRegistry } from "../api/create-registry";
import { emptyFormValues, toCreateInput } from "../utils/form-values";
import { RegistryForm } from "./registry-form";
import { toastSaved } from "./registry-saved-toast";

export function NewRegistryPage() {
  const { cluster = "", project = "" } = useParams();
  const navigate = useNavigate();
  const toast = useToast();
  const create = useCreateRegistry(cluster, project);
  const list = paths.registries(cluster, project);
  return (
    <>
      <PageHeader title="Add Registry" />
      <RequireWrite cluster={cluster} project={project} what="the registries">
        <RegistryForm
          mode="create"
          cluster={cluster}
          project={project}
          initial={emptyFormValues()}
          save={(values) => create.run(toCreateInput(values))}
          onSaved={(saved) => (toastSaved(toast, saved, "created"), navigate(list))}
          onCancel={() => navigate(list)}
        />
      </RequireWrite>
    </>
  );
}
