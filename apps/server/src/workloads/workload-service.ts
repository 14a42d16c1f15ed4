import type { V1Deployment } from "@kubernetes/client-node";
import type { DeployCreate, DeployUpdate, FieldIssue, Workload } from "@paddock/contracts";
import { ConflictError, InvalidError } from "../errors.ts";
import { isNotFound, kube } from "../kube/api-errors.ts";
import { waitForGone, waitForWrite } from "../kube/wait-for-cache.ts";
import {
  applyContainers,
  deployInputIssues,
  imagesOf,
  markManaged,
  newDeployment,
  pullSecretsOf,
  REDEPLOY_ANNOTATION,
  redeployTimestamp,
  setPullSecrets,
  workloadOf,
} from "./deployment-model.ts";
import type { ProjectScope } from "../projects/project-scope.ts";
import { planPullSecrets } from "./pull-secret-plan.ts";
import { WorkloadReader, workloadNotFound } from "./workload-reader.ts";

const CONFLICT_RETRIES = 5;

/**
 * The write side of workloads. Rule 3 of ../shared/DESIGN.md: on deploy, on every image change and
 * on redeploy, the pod template gets the user's pull secrets followed by every registry of the
 * namespace that kubelet would use for one of its images.
 */
export class WorkloadService {
  readonly #reader: WorkloadReader;

  constructor(
    private readonly scope: ProjectScope,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#reader = new WorkloadReader(scope);
  }

  private get cluster() {
    return this.scope.cluster;
  }

  async deploy(input: DeployCreate): Promise<Workload> {
    refuseIssues("The workload cannot be deployed", deployInputIssues(input));
    this.scope.requireNamespaceField(input.namespace);
    const plan = this.#plan(input.namespace, input.containers.map((c) => c.image), input.imagePullSecrets ?? []);
    const body = newDeployment(input, plan);
    const { cluster } = this;
    let created: V1Deployment;
    try {
      created = await kube(cluster.id, () => cluster.apps.createNamespacedDeployment({ namespace: input.namespace, body }));
    } catch (error) {
      if (error instanceof ConflictError) {
        throw new ConflictError(`A workload named "${input.name}" already exists in namespace "${input.namespace}": choose another name, or edit that workload.`);
      }
      throw error;
    }
    await waitForWrite(cluster.caches.deployments, created);
    return workloadOf(created);
  }

  /** Replaces containers (and replicas, pull secrets when given); a change of image re-attaches the matching registries. */
  async update(namespace: string, name: string, input: DeployUpdate): Promise<Workload> {
    refuseIssues("The workload cannot be changed", deployInputIssues({ containers: input.containers }));
    return this.#mutate(namespace, name, (deployment) => {
      const podSpec = deployment.spec!.template.spec!;
      const imagesBefore = imagesOf(deployment);
      const chosen = input.imagePullSecrets ?? pullSecretsOf(deployment);
      podSpec.containers = applyContainers(podSpec.containers, input.containers);
      if (input.replicas !== undefined) deployment.spec!.replicas = input.replicas;
      const images = imagesOf(deployment);
      const imagesChanged = images.length !== imagesBefore.length || images.some((image, i) => image !== imagesBefore[i]);
      setPullSecrets(deployment, imagesChanged ? this.#plan(namespace, images, chosen) : chosen);
    });
  }

  /** Rancher's redeploy: a new `cattle.io/timestamp` on the pod template rolls every pod; the matching registries are attached again. */
  async redeploy(namespace: string, name: string): Promise<Workload> {
    return this.#mutate(namespace, name, (deployment) => {
      const template = deployment.spec!.template;
      template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [REDEPLOY_ANNOTATION]: redeployTimestamp(this.now()) } };
      setPullSecrets(deployment, this.#plan(namespace, imagesOf(deployment), pullSecretsOf(deployment)));
    });
  }

  async scale(namespace: string, name: string, replicas: number): Promise<Workload> {
    this.scope.requireNamespace(namespace);
    const { cluster } = this;
    await this.#orNotFound(namespace, name, () =>
      kube(cluster.id, () =>
        cluster.apps.replaceNamespacedDeploymentScale({ name, namespace, body: { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name, namespace }, spec: { replicas } } }),
      ),
    );
    const deployment = await this.#reader.read(namespace, name);
    await waitForWrite(cluster.caches.deployments, deployment);
    return workloadOf(deployment);
  }

  async remove(namespace: string, name: string): Promise<void> {
    this.scope.requireNamespace(namespace);
    const { cluster } = this;
    await this.#orNotFound(namespace, name, () => kube(cluster.id, () => cluster.apps.deleteNamespacedDeployment({ name, namespace, propagationPolicy: "Background" })));
    await waitForGone(cluster.caches.deployments, namespace, name, undefined);
  }

  #plan(namespace: string, images: string[], chosen: string[]): string[] {
    const secrets = this.cluster.caches.secrets.items().filter((s) => s.namespace === namespace);
    return planPullSecrets({ namespace, images, chosen, secrets }).imagePullSecrets;
  }

  /** Read, change, write back with the read resourceVersion; a concurrent write means read again. */
  async #mutate(namespace: string, name: string, change: (deployment: V1Deployment) => void): Promise<Workload> {
    const { cluster } = this;
    for (let attempt = 1; ; attempt++) {
      const deployment = await this.#reader.read(namespace, name);
      if (!deployment.spec?.template.spec) throw new InvalidError(`Deployment "${name}" in namespace "${namespace}" has no pod template.`);
      change(deployment);
      markManaged(deployment);
      try {
        const written = await this.#orNotFound(namespace, name, () => kube(cluster.id, () => cluster.apps.replaceNamespacedDeployment({ name, namespace, body: deployment })));
        await waitForWrite(cluster.caches.deployments, written);
        return workloadOf(written);
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= CONFLICT_RETRIES) throw error;
      }
    }
  }

  async #orNotFound<T>(namespace: string, name: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isNotFound(error)) throw workloadNotFound(namespace, name);
      throw error;
    }
  }
}

function refuseIssues(what: string, issues: FieldIssue[]): void {
  if (issues.length === 0) return;
  throw new InvalidError(`${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}
