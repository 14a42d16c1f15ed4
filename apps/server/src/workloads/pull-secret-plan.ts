import type { PullSecretPreview } from "@paddock/contracts";
import { DockerKeyring, InvalidImageReferenceError, parseImageReference, type Credential } from "@paddock/registry-auth";
import { isRegistryType } from "../projects/rancher-model.ts";
import type { RegistryEntrySummary } from "../kube/summaries.ts";

/** What the plan reads of a Secret of the namespace (a SecretSummary fits). */
export interface NamespaceSecret {
  name: string;
  type: string;
  registries?: RegistryEntrySummary[];
  registryError?: string;
}

export interface PullSecretPlanInput {
  namespace: string;
  images: readonly string[];
  /** the names the user chose: always kept, always first */
  chosen: readonly string[];
  /** every Secret of the namespace (copies of project registries included) */
  secrets: readonly NamespaceSecret[];
}

/**
 * Rule 3 of ../shared/DESIGN.md: the pull secrets of a pod template are the user's names, then
 * every registry of the namespace that kubelet would use for one of the images. The preview says,
 * per image, which credentials kubelet will try (in its order) and why.
 */
export function planPullSecrets(input: PullSecretPlanInput): PullSecretPreview {
  const chosen = unique(input.chosen);
  const registrySecrets = input.secrets.filter((s) => isRegistryType(s.type));
  const byName = new Map(input.secrets.map((s) => [s.name, s]));

  const images = input.images.map((image) => {
    try {
      return { image, repository: parseImageReference(image).normalizedName };
    } catch (error) {
      if (error instanceof InvalidImageReferenceError) return { image, error: error.message };
      throw error;
    }
  });

  // Every registry of the namespace, the user's first: which of them would kubelet use?
  const everything = keyringOf([...chosen.map((n) => byName.get(n)).filter(isDefined), ...registrySecrets.filter((s) => !chosen.includes(s.name)).sort(byNameOrder)]);
  const matched: string[] = [];
  for (const { repository } of images) {
    if (repository === undefined) continue;
    for (const credential of everything.lookup(repository)) matched.push(credential.source?.secretName ?? "");
  }
  const imagePullSecrets = unique([...chosen, ...matched.filter(Boolean)]);

  // What kubelet will do with the final list, in the pod's order.
  const attached = keyringOf(imagePullSecrets.map((n) => byName.get(n)).filter(isDefined));
  const preview = images.map(({ image, repository, error }) => {
    if (repository === undefined) return { image, error: error ?? "invalid reference format", matches: [], anonymous: false };
    const matches = attached.lookup(repository).map((credential) => describeMatch(credential, repository, chosen));
    return { image, repository, matches, anonymous: matches.length === 0 };
  });

  const warnings = chosen.flatMap((name) => warningsAbout(name, byName.get(name), input.namespace, preview));
  return { images: preview, imagePullSecrets, ...(warnings.length > 0 ? { warnings } : {}) };
}

function keyringOf(secrets: readonly NamespaceSecret[]): DockerKeyring {
  const keyring = new DockerKeyring();
  for (const secret of secrets) {
    if (!isRegistryType(secret.type)) continue;
    // Matching needs addresses only: the summaries never hold passwords.
    const entries = (secret.registries ?? []).map((r) => ({ server: r.address, username: r.username, password: "" }));
    keyring.add(entries, { secretName: secret.name, secretType: secret.type });
  }
  return keyring;
}

function describeMatch(credential: Credential, repository: string, chosen: readonly string[]) {
  const secret = credential.source?.secretName ?? "";
  const chosenBy = chosen.includes(secret) ? ("user" as const) : ("paddock" as const);
  const why =
    credential.matchedBy === "key"
      ? `registry "${credential.server}" in secret "${secret}" matches ${repository}`
      : `registry "${credential.server}" in secret "${secret}" is Docker Hub's, which kubelet uses for the Docker Hub image ${repository}`;
  return { secret, registry: credential.server, username: credential.username, chosenBy, reason: chosenBy === "user" ? `chosen by you: ${why}` : why };
}

function warningsAbout(name: string, secret: NamespaceSecret | undefined, namespace: string, preview: PullSecretPreview["images"]): string[] {
  if (!secret) {
    return [`Secret "${name}" does not exist in namespace "${namespace}": it is kept, but kubelet will report that it cannot retrieve it (FailedToRetrieveImagePullSecret) until it exists.`];
  }
  if (!isRegistryType(secret.type)) return [`Secret "${name}" is not a registry (type ${secret.type}): kubelet ignores it when pulling.`];
  if (secret.registryError) return [`Secret "${name}" cannot be read as a registry (${secret.registryError}): kubelet will fail to pull with it.`];
  const used = preview.some((image) => image.matches.some((m) => m.secret === name));
  return used ? [] : [`Registry "${name}" chosen by you matches none of the images: it is kept, but kubelet will not use it for them.`];
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function byNameOrder(a: NamespaceSecret, b: NamespaceSecret): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
