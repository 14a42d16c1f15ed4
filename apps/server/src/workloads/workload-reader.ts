import type { V1Deployment } from "@kubernetes/client-node";
import type { KubeEvent, Pod, PullSecretPreview, PullSecretPreviewRequest, Workload, WorkloadDetail } from "@paddock/contracts";
import { NotFoundError } from "../errors.ts";
import { isNotFound, kube } from "../kube/api-errors.ts";
import { byNamespaceAndName, type RawObject } from "../kube/summaries.ts";
import { workloadDetailOf, workloadOf } from "./deployment-model.ts";
import { byLastSeen, summarizeEvent, type EventView } from "./event-summary.ts";
import { generatedFrom } from "./generated-names.ts";
import { summarizePod, type PodView } from "./pod-summary.ts";
import type { ProjectScope } from "../projects/project-scope.ts";
import { planPullSecrets } from "./pull-secret-plan.ts";

interface OwnedMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  ownerReferences?: Array<{ uid?: string; kind?: string; name?: string }>;
}

const metaOf = (o: RawObject) => o.metadata as OwnedMeta;

/** The read side of workloads: lists from the caches, a workload's detail from the cluster. */
export class WorkloadReader {
  constructor(private readonly scope: ProjectScope) {}

  list(): Workload[] {
    const namespaces = new Set(this.scope.namespaces);
    return this.scope.cluster.caches.deployments
      .items()
      .filter((d) => namespaces.has(String(metaOf(d).namespace)))
      .map((d) => workloadOf(d as V1Deployment))
      .sort(byNamespaceAndName);
  }

  async detail(namespace: string, name: string): Promise<WorkloadDetail> {
    const deployment = await this.read(namespace, name);
    return workloadDetailOf(deployment, this.podsOf(deployment));
  }

  /** The Deployment as the cluster has it now, or NotFound naming it. */
  async read(namespace: string, name: string): Promise<V1Deployment> {
    this.scope.requireNamespace(namespace);
    const { cluster } = this.scope;
    try {
      return await kube(cluster.id, () => cluster.apps.readNamespacedDeployment({ name, namespace }));
    } catch (error) {
      if (isNotFound(error)) throw workloadNotFound(namespace, name);
      throw error;
    }
  }

  pods(namespace: string | undefined): Pod[] {
    const namespaces = new Set(this.scope.namespacesFor(namespace));
    return this.scope.cluster.caches.pods
      .items()
      .filter((p) => namespaces.has(String(metaOf(p).namespace)))
      .map((p) => summarizePod(p as PodView))
      .sort(byNamespaceAndName);
  }

  events(query: { namespace?: string; kind?: string; name?: string }): KubeEvent[] {
    const namespaces = new Set(this.scope.namespacesFor(query.namespace));
    const kind = query.kind?.toLowerCase();
    return this.#events((event) => {
      const involved = event.involvedObject ?? {};
      return (
        namespaces.has(event.metadata?.namespace ?? "") &&
        (!kind || (involved.kind ?? "").toLowerCase() === kind) &&
        (!query.name || involved.name === query.name)
      );
    });
  }

  /**
   * Events of the Deployment, of its ReplicaSets and of their pods: everything that happened to it,
   * the pods that are gone too (replaced by a rollout, scaled down): those are recognised by their
   * names, which their ReplicaSet generated (`<replicaset>-` + 5 characters).
   */
  async workloadEvents(namespace: string, name: string): Promise<KubeEvent[]> {
    const deployment = await this.read(namespace, name);
    const replicaSets = this.#replicaSetsOf(deployment);
    const pods = this.#podObjectsOf(replicaSets);
    const objects = [
      { kind: "Deployment", ...deployment.metadata },
      ...replicaSets.map((r) => ({ kind: "ReplicaSet", ...metaOf(r) })),
      ...pods.map((p) => ({ kind: "Pod", ...metaOf(p) })),
    ];
    const uids = new Set(objects.map((o) => o.uid).filter(Boolean));
    const names = new Set(objects.map((o) => `${o.kind}/${o.name}`));
    const podNameBases = replicaSets.map((r) => `${metaOf(r).name ?? ""}-`);
    const ofGonePod = (involved: { kind?: string; name?: string }) =>
      involved.kind === "Pod" && podNameBases.some((base) => generatedFrom(base, involved.name ?? ""));
    return this.#events((event) => {
      const involved = event.involvedObject ?? {};
      if ((event.metadata?.namespace ?? involved.namespace) !== namespace) return false;
      if (involved.uid ? uids.has(involved.uid) : names.has(`${involved.kind}/${involved.name}`)) return true;
      return ofGonePod(involved);
    });
  }

  /** Rule 3's preview: which registries of the namespace will be attached to which image, and why. */
  preview(request: PullSecretPreviewRequest): PullSecretPreview {
    this.scope.requireNamespaceField(request.namespace);
    return planPullSecrets({
      namespace: request.namespace,
      images: request.images,
      chosen: request.imagePullSecrets ?? [],
      secrets: this.scope.cluster.caches.secrets.items().filter((s) => s.namespace === request.namespace),
    });
  }

  podsOf(deployment: V1Deployment): Pod[] {
    return this.#podObjectsOf(this.#replicaSetsOf(deployment))
      .map((p) => summarizePod(p as PodView))
      .sort(byNamespaceAndName);
  }

  #replicaSetsOf(deployment: V1Deployment): RawObject[] {
    const uid = deployment.metadata?.uid;
    const namespace = deployment.metadata?.namespace;
    return this.scope.cluster.caches.replicaSets.items().filter((r) => metaOf(r).namespace === namespace && (metaOf(r).ownerReferences ?? []).some((o) => o.uid === uid));
  }

  #podObjectsOf(replicaSets: RawObject[]): RawObject[] {
    if (replicaSets.length === 0) return [];
    const namespace = metaOf(replicaSets[0]!).namespace;
    const owners = new Set(replicaSets.map((r) => metaOf(r).uid));
    return this.scope.cluster.caches.pods.items().filter((p) => metaOf(p).namespace === namespace && (metaOf(p).ownerReferences ?? []).some((o) => owners.has(o.uid)));
  }

  #events(keep: (event: EventView) => boolean): KubeEvent[] {
    return this.scope.cluster.caches.events
      .items()
      .map((e) => e as EventView)
      .filter(keep)
      .map(summarizeEvent)
      .sort(byLastSeen);
  }
}

export function workloadNotFound(namespace: string, name: string): NotFoundError {
  return new NotFoundError(`There is no workload "${name}" in namespace "${namespace}": it may have been deleted. Reload the list of workloads.`);
}
