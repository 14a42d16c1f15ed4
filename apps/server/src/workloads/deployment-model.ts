import type { V1Container, V1Deployment } from "@kubernetes/client-node";
import type { ContainerInput, DeployCreate, FieldIssue, Pod, Workload, WorkloadDetail } from "@paddock/contracts";
import { InvalidImageReferenceError, parseImageReference } from "@paddock/registry-auth";
import { MANAGED_BY_LABEL, MANAGED_BY_PADDOCK } from "../projects/rancher-model.ts";
import { timestamp } from "./timestamps.ts";
import { workloadState } from "./workload-state.ts";

// Rancher's workload conventions: the selector label its UI gives every Deployment, and the
// pod-template annotation its "Redeploy" action sets to the current time.
export const WORKLOAD_SELECTOR_LABEL = "workload.user.cattle.io/workloadselector";
export const REDEPLOY_ANNOTATION = "cattle.io/timestamp";
const LABEL_VALUE_MAX = 63;

export function workloadSelectorValue(namespace: string, name: string): string {
  return `deployment-${namespace}-${name}`;
}

/** Rancher's timestamp: RFC 3339 to the second. */
export function redeployTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, "Z");
}

/**
 * What the cluster would refuse, said before it is asked: images kubelet cannot parse (in its
 * words), a name too long for Rancher's selector label, containers sharing a name.
 */
export function deployInputIssues(input: { name?: string; namespace?: string; containers: ContainerInput[] }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.name !== undefined && input.namespace !== undefined) {
    const selector = workloadSelectorValue(input.namespace, input.name);
    if (selector.length > LABEL_VALUE_MAX) {
      const room = LABEL_VALUE_MAX - workloadSelectorValue(input.namespace, "").length;
      issues.push({
        path: "body.name",
        message: `The name is too long for namespace "${input.namespace}": the selector label "${selector}" would have ${selector.length} characters, and a label value has at most ${LABEL_VALUE_MAX}. Use at most ${Math.max(room, 0)} characters.`,
      });
    }
  }
  const seen = new Set<string>();
  input.containers.forEach((container, i) => {
    if (seen.has(container.name)) issues.push({ path: `body.containers.${i}.name`, message: `Another container is already named "${container.name}": give each container its own name.` });
    seen.add(container.name);
    try {
      parseImageReference(container.image);
    } catch (error) {
      if (!(error instanceof InvalidImageReferenceError)) throw error;
      issues.push({ path: `body.containers.${i}.image`, message: error.message });
    }
  });
  return issues;
}

/** A new Deployment, labelled the way Rancher labels the ones its UI creates. */
export function newDeployment(input: DeployCreate, imagePullSecrets: string[]): V1Deployment {
  const selector = { [WORKLOAD_SELECTOR_LABEL]: workloadSelectorValue(input.namespace, input.name) };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: input.name, namespace: input.namespace, labels: { ...selector, [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK } },
    spec: {
      replicas: input.replicas ?? 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...selector } },
        spec: {
          containers: applyContainers([], input.containers),
          ...(imagePullSecrets.length > 0 ? { imagePullSecrets: imagePullSecrets.map((name) => ({ name })) } : {}),
        },
      },
    },
  };
}

/**
 * The containers of the input, each built on the existing container of the same name so that what
 * the form does not edit (resources, probes, volume mounts, env from secrets) is kept.
 */
export function applyContainers(existing: readonly V1Container[], input: readonly ContainerInput[]): V1Container[] {
  return input.map((wanted) => {
    const previous = existing.find((c) => c.name === wanted.name);
    const container: V1Container = { ...(previous ?? {}), name: wanted.name, image: wanted.image };
    if (wanted.ports && wanted.ports.length > 0) container.ports = wanted.ports.map((p) => ({ ...p }));
    else delete container.ports;
    // Variables set from secrets or fields are not in the form: keep those the input does not name.
    const kept = (previous?.env ?? []).filter((e) => e.valueFrom && !wanted.env?.some((w) => w.name === e.name));
    const env = [...(wanted.env ?? []).map((e) => ({ name: e.name, value: e.value })), ...kept];
    if (env.length > 0) container.env = env;
    else delete container.env;
    if (wanted.command && wanted.command.length > 0) container.command = [...wanted.command];
    else delete container.command;
    return container;
  });
}

/** Every image the pod template pulls: init containers too. */
export function imagesOf(deployment: V1Deployment): string[] {
  const spec = deployment.spec?.template.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.image ?? "").filter(Boolean);
}

export function pullSecretsOf(deployment: V1Deployment): string[] {
  return (deployment.spec?.template.spec?.imagePullSecrets ?? []).map((r) => r.name ?? "").filter(Boolean);
}

export function setPullSecrets(deployment: V1Deployment, names: readonly string[]): void {
  const podSpec = deployment.spec?.template.spec;
  if (!podSpec) return;
  if (names.length > 0) podSpec.imagePullSecrets = names.map((name) => ({ name }));
  else delete podSpec.imagePullSecrets;
}

export function markManaged(deployment: V1Deployment): void {
  deployment.metadata = { ...deployment.metadata, labels: { ...deployment.metadata?.labels, [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK } };
}

export function workloadOf(deployment: V1Deployment): Workload {
  const { state, message } = workloadState(deployment);
  return {
    name: deployment.metadata?.name ?? "",
    namespace: deployment.metadata?.namespace ?? "",
    containers: (deployment.spec?.template.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? "" })),
    replicas: deployment.spec?.replicas ?? 1,
    readyReplicas: deployment.status?.readyReplicas ?? 0,
    availableReplicas: deployment.status?.availableReplicas ?? 0,
    updatedReplicas: deployment.status?.updatedReplicas ?? 0,
    state,
    ...(message ? { stateMessage: message } : {}),
    imagePullSecrets: pullSecretsOf(deployment),
    createdAt: timestamp(deployment.metadata?.creationTimestamp) ?? "",
  };
}

export function workloadDetailOf(deployment: V1Deployment, pods: Pod[]): WorkloadDetail {
  const redeployedAt = deployment.spec?.template.metadata?.annotations?.[REDEPLOY_ANNOTATION];
  return {
    ...workloadOf(deployment),
    containers: (deployment.spec?.template.spec?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image ?? "",
      ...(c.ports?.length ? { ports: c.ports.map((p) => ({ containerPort: p.containerPort, ...(p.protocol ? { protocol: p.protocol } : {}), ...(p.name ? { name: p.name } : {}) })) } : {}),
      ...(c.env?.some((e) => e.valueFrom === undefined) ? { env: c.env.filter((e) => e.valueFrom === undefined).map((e) => ({ name: e.name, value: e.value ?? "" })) } : {}),
      ...(c.command?.length ? { command: [...c.command] } : {}),
    })),
    pods,
    labels: { ...deployment.metadata?.labels },
    ...(redeployedAt ? { redeployedAt } : {}),
  };
}
