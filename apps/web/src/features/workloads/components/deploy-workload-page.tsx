import { Link, useNavigate, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { useController, useFieldArray, useForm, useWatch, type FieldError, type FieldPath, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { deployCreateSchema, type DeployCreate } from "@paddock/contracts";
import { ErrorMessage } from "@/components/ui/error-message";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { RequireWrite } from "@/components/ui/write-access";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/api-client";
import { paths } from "@/lib/paths";
import { projectNamespacesQuery } from "@/lib/project-queries";
import { useDebounced } from "@/lib/use-debounced";
import { useDeployWorkload } from "../api/workloads";
import { emptyDeployForm, fieldOfIssue, numberMessage, PROTOCOLS, splitCommand, toDeployRequest, type DeployFormValues } from "./deploy-form-model";
import { PullSecretChooser } from "./pull-secret-chooser";
import { PullSecretPreview } from "./pull-secret-preview";

const checkRequest = zodResolver(deployCreateSchema);

/** The contract checks the request the values make; its errors' paths are the form's own. */
const resolver: Resolver<DeployFormValues, unknown, DeployCreate> = async (values, context, options) => {
  const result = await checkRequest(toDeployRequest(values), context, options as never);
  const split = splitCommand(values.commandLine);
  if ("error" in split) return { values: {}, errors: { ...result.errors, commandLine: { type: "quotes", message: split.error } } } as never;
  return result as never;
};

export function DeployWorkloadPage() {
  const { cluster = "", project = "" } = useParams();
  const namespaces = useQuery(projectNamespacesQuery(cluster, project));
  return (
    <>
      <p className="workload-breadcrumb">
        <Link to={paths.workloads(cluster, project)}>Workloads</Link> /
      </p>
      <PageHeader title="Deploy Workload" />
      {namespaces.isPending && <Spinner label="Loading the project's namespaces…" />}
      {namespaces.error && <ErrorMessage error={namespaces.error} what="load the project's namespaces" onRetry={() => void namespaces.refetch()} />}
      {namespaces.data && namespaces.data.length === 0 && (
        <p className="alert alert--info">
          This project has no namespace yet, and a workload runs in one. <Link to={paths.namespaces(cluster, project)}>Add a namespace</Link> first.
        </p>
      )}
      {namespaces.data && namespaces.data.length > 0 && (
        <RequireWrite cluster={cluster} project={project} what="the workloads">
          <DeployForm cluster={cluster} project={project} namespaces={namespaces.data} />
        </RequireWrite>
      )}
    </>
  );
}

function DeployForm({ cluster, project, namespaces }: { cluster: string; project: string; namespaces: string[] }) {
  const navigate = useNavigate();
  const toast = useToast();
  const deploy = useDeployWorkload(cluster, project);
  const form = useForm<DeployFormValues, unknown, DeployCreate>({
    resolver,
    defaultValues: emptyDeployForm(namespaces.includes("default") ? "default" : namespaces[0]!),
  });
  const { register, control, formState } = form;
  const errors = formState.errors;
  // The contract also checks what the form fills in by itself: the container's name and command.
  const container = errors.containers?.[0] as (NonNullable<typeof errors.containers>[number] & { name?: FieldError; command?: FieldError }) | undefined;
  const ports = useFieldArray({ control, name: "containers.0.ports" });
  const env = useFieldArray({ control, name: "containers.0.env" });
  const chosen = useController({ control, name: "imagePullSecrets" });
  const [namespace, image] = useWatch({ control, name: ["namespace", "containers.0.image"] });
  // Ask the server once typing pauses, not at every key.
  const previewKey = useDebounced(JSON.stringify({ namespace, image, chosen: chosen.field.value }), 400);
  const previewInput = JSON.parse(previewKey) as { namespace: string; image: string; chosen: string[] };

  const refused = (error: unknown) => {
    if (!(error instanceof ApiError)) return;
    let placed = false;
    for (const issue of error.issues) {
      const field = fieldOfIssue(issue.path);
      if (field) {
        form.setError(field as FieldPath<DeployFormValues>, { type: "server", message: issue.message }, { shouldFocus: !placed });
        placed = true;
      }
    }
    if (!placed && (error.code === "Conflict" || error.code === "NameInUse")) form.setError("name", { type: "server", message: error.message }, { shouldFocus: true });
  };
  const unplaced = deploy.error instanceof ApiError && (deploy.error.issues.some((i) => fieldOfIssue(i.path) === null) || (deploy.error.issues.length === 0 && deploy.error.code !== "Conflict" && deploy.error.code !== "NameInUse"));

  const submit = form.handleSubmit((request) =>
    deploy.mutate(request, {
      onSuccess: (workload) => {
        toast.success(`Workload ${workload.name} deployed in namespace ${workload.namespace}.`);
        navigate(paths.workload(cluster, project, workload.namespace, workload.name));
      },
      onError: refused,
    }),
  );

  return (
    <form className="deploy-form" onSubmit={submit} noValidate>
      {(unplaced || (deploy.error && !(deploy.error instanceof ApiError))) && <ErrorMessage error={deploy.error} what="deploy the workload" />}
      <section className="card form-card" aria-labelledby="deploy-workload">
        <h2 id="deploy-workload">Workload</h2>
        <div className="form-grid">
          <Field label="Name" error={errors.name?.message ?? container?.name?.message} help="Lowercase letters, digits and '-'; the container gets the same name.">
            <input className="input" autoComplete="off" autoFocus {...register("name")} />
          </Field>
          <Field label="Namespace" error={errors.namespace?.message}>
            <select {...register("namespace")}>
              {namespaces.map((ns) => (
                <option key={ns} value={ns}>
                  {ns}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Replicas" error={numberMessage(errors.replicas?.message, "how many pods to run, from 0 to 1000")}>
            <input className="input" type="number" min={0} max={1000} step={1} {...register("replicas", { valueAsNumber: true })} />
          </Field>
        </div>
        <Field label="Docker Image" error={container?.image?.message} help="e.g. nginx:1.27, or 127.0.0.1:5000/team/app:1.0 for a private registry.">
          <input className="input mono" autoComplete="off" spellCheck={false} {...register("containers.0.image")} />
        </Field>
      </section>

      <section className="card form-card" aria-labelledby="deploy-pull-secrets">
        <h2 id="deploy-pull-secrets">Pull Secrets</h2>
        <PullSecretPreview cluster={cluster} project={project} namespace={previewInput.namespace} image={previewInput.image} chosen={previewInput.chosen} />
        <PullSecretChooser
          cluster={cluster}
          project={project}
          namespace={namespace}
          value={chosen.field.value}
          onChange={chosen.field.onChange}
          {...(errors.imagePullSecrets?.message ? { error: errors.imagePullSecrets.message } : {})}
        />
      </section>

      <section className="card form-card" aria-labelledby="deploy-ports">
        <h2 id="deploy-ports">Ports</h2>
        {ports.fields.length === 0 && <p className="muted">No port: the containers listen on nothing that needs declaring.</p>}
        {ports.fields.map((row, i) => (
          <div key={row.id} className="workload-form-row">
            <Field label="Container Port" error={numberMessage(container?.ports?.[i]?.containerPort?.message, "a port between 1 and 65535")}>
              <input className="input" type="number" min={1} max={65535} {...register(`containers.0.ports.${i}.containerPort`, { valueAsNumber: true })} />
            </Field>
            <Field label="Protocol" error={container?.ports?.[i]?.protocol?.message}>
              <select {...register(`containers.0.ports.${i}.protocol`)}>
                {PROTOCOLS.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </Field>
            <button type="button" className="btn workload-form-row__remove" aria-label={`Remove port ${i + 1}`} onClick={() => ports.remove(i)}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => ports.append({ containerPort: Number.NaN, protocol: "TCP" }, { shouldFocus: true })}>
          + Add Port
        </button>
      </section>

      <section className="card form-card" aria-labelledby="deploy-env">
        <h2 id="deploy-env">Environment Variables</h2>
        {env.fields.length === 0 && <p className="muted">No variable: the image's defaults apply.</p>}
        {env.fields.map((row, i) => (
          <div key={row.id} className="workload-form-row">
            <Field label="Variable Name" error={container?.env?.[i]?.name?.message && /too small/i.test(container.env[i]!.name!.message!) ? "Enter the variable's name, or remove it." : container?.env?.[i]?.name?.message}>
              <input className="input mono" autoComplete="off" spellCheck={false} {...register(`containers.0.env.${i}.name`)} />
            </Field>
            <Field label="Value" error={container?.env?.[i]?.value?.message}>
              <input className="input mono" autoComplete="off" spellCheck={false} {...register(`containers.0.env.${i}.value`)} />
            </Field>
            <button type="button" className="btn workload-form-row__remove" aria-label={`Remove variable ${i + 1}`} onClick={() => env.remove(i)}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => env.append({ name: "", value: "" }, { shouldFocus: true })}>
          + Add Variable
        </button>
      </section>

      <section className="card form-card" aria-labelledby="deploy-command">
        <h2 id="deploy-command">Command</h2>
        <Field
          label="Command (optional)"
          error={errors.commandLine?.message ?? container?.command?.message}
          help={`Replaces the image's entrypoint, e.g. sh -c "echo hello && sleep 3600". Leave it empty to run the image's own command.`}
        >
          <input className="input mono" autoComplete="off" spellCheck={false} {...register("commandLine")} />
        </Field>
      </section>

      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={deploy.isPending}>
          {deploy.isPending ? "Deploying…" : "Save"}
        </button>
        <Link className="btn" to={paths.workloads(cluster, project)}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
