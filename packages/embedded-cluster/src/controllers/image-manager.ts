import {
  InvalidImageReferenceError,
  makeKeyringFromSecrets,
  parseImageReference,
  pullManifest,
  type ImageReference,
  type PullManifestOptions,
  type PullManifestResult,
  type PullSecret,
} from "@paddock/registry-auth";
import type { BackOff } from "./back-off.ts";
import { goDuration } from "./go-duration.ts";
import { NodeImageCache, type CachedImage } from "./image-cache.ts";

/** The waiting reasons of kubelet's image errors (pkg/kubelet/images/types.go). */
export type ImageFailureReason = "ErrImagePull" | "ImagePullBackOff" | "ErrImageNeverPull" | "InvalidImageName";

export type EnsureImageResult = { ok: true; image: CachedImage } | { ok: false; reason: ImageFailureReason; message: string };

export interface ImageEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

export interface EnsureImageRequest {
  podUid: string;
  /** `container.image` as the pod spec writes it; kubelet's messages quote it so. */
  image: string;
  pullPolicy: string;
  /** The pod's pull secrets that exist, in the pod's order. */
  secrets: readonly PullSecret[];
  /** Records an event about the container. */
  emit(event: ImageEvent): Promise<void>;
}

export interface ImageManagerOptions {
  backOff: BackOff;
  /** Extra CA certificates (PEM) trusted for registries, on top of the system ones. */
  ca?: readonly string[];
  /** Pull one image at a time, as kubelet's default `serializeImagePulls: true` does. */
  serialize?: boolean;
  pullTimeoutMs?: number;
  now?: () => number;
  /** The registry client; `pullManifest` of @paddock/registry-auth. */
  pull?: (options: PullManifestOptions) => Promise<PullManifestResult>;
}

type PullOutcome = { ok: true; ref: ImageReference; digest: string; id: string; size: number; pullMs: number } | { ok: false; message: string };

/**
 * kubelet's image manager (pkg/kubelet/images/image_manager.go EnsureImageExists) over a node image
 * cache, with kuberuntime_image.go PullImage's choice of credentials: the pod's pull secrets made
 * into a keyring, each matching credential tried in turn, anonymous when none matches.
 */
export class ImageManager {
  readonly cache = new NodeImageCache();
  readonly #options: ImageManagerOptions;
  readonly #now: () => number;
  readonly #previousPullError = new Map<string, string>();
  #serialQueue: Promise<unknown> = Promise.resolve();

  constructor(options: ImageManagerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  async ensureImageExists(request: EnsureImageRequest): Promise<EnsureImageResult> {
    const { image, emit } = request;
    let ref: ImageReference;
    try {
      ref = parseImageReference(image);
    } catch (error) {
      if (!(error instanceof InvalidImageReferenceError)) throw error;
      // "Failed to apply default image tag …: couldn't parse image name …: …"
      await emit({ type: "Warning", reason: "InspectFailed", message: error.message });
      return { ok: false, reason: "InvalidImageName", message: error.message };
    }

    const present = this.cache.lookup(ref);
    if (!shouldPullImage(request.pullPolicy, present !== undefined)) {
      if (present) {
        await emit({ type: "Normal", reason: "Pulled", message: `Container image "${image}" already present on machine` });
        return { ok: true, image: present };
      }
      const message = `Container image "${image}" is not present with pull policy of Never`;
      await emit({ type: "Warning", reason: "ErrImageNeverPull", message });
      return { ok: false, reason: "ErrImageNeverPull", message };
    }

    const backOffKey = `${request.podUid}_${image}`;
    const backOff = this.#options.backOff;
    if (backOff.isInBackOff(backOffKey, this.#now())) {
      const message = `Back-off pulling image "${image}"`;
      await emit({ type: "Normal", reason: "BackOff", message });
      // The waiting message carries the error that started the back-off (kubernetes PR #127918, 1.32).
      const previous = this.#previousPullError.get(backOffKey);
      return { ok: false, reason: "ImagePullBackOff", message: previous ? `${message}: ${previous}` : message };
    }
    this.#previousPullError.delete(backOffKey);

    await emit({ type: "Normal", reason: "Pulling", message: `Pulling image "${image}"` });
    const startedAt = this.#now();
    const outcome = await this.#schedulePull(() => this.#pull(image, request.secrets));
    if (!outcome.ok) {
      await emit({ type: "Warning", reason: "Failed", message: `Failed to pull image "${image}": ${outcome.message}` });
      backOff.next(backOffKey, this.#now());
      this.#previousPullError.set(backOffKey, `ErrImagePull: ${outcome.message}`);
      return { ok: false, reason: "ErrImagePull", message: outcome.message };
    }
    const withWaiting = this.#now() - startedAt;
    const cached = this.cache.add(outcome.ref, outcome.digest, { id: outcome.id, size: outcome.size });
    await emit({
      type: "Normal",
      reason: "Pulled",
      message: `Successfully pulled image "${image}" in ${goDuration(outcome.pullMs)} (${goDuration(withWaiting)} including waiting). Image size: ${outcome.size} bytes.`,
    });
    backOff.gc(this.#now());
    return { ok: true, image: cached };
  }

  /** Forgets the back-off of a pod that is gone. */
  forgetPod(podUid: string, images: readonly string[]): void {
    for (const image of images) {
      this.#options.backOff.forget(`${podUid}_${image}`);
      this.#previousPullError.delete(`${podUid}_${image}`);
    }
  }

  /** serialImagePuller: one pull at a time, the others wait their turn (pkg/kubelet/images/puller.go). */
  #schedulePull(pull: () => Promise<PullOutcome>): Promise<PullOutcome> {
    if (this.#options.serialize === false) return pull();
    const next = this.#serialQueue.then(pull, pull);
    this.#serialQueue = next.catch(() => undefined);
    return next;
  }

  async #pull(image: string, secrets: readonly PullSecret[]): Promise<PullOutcome> {
    const startedAt = this.#now();
    let credentials;
    try {
      credentials = makeKeyringFromSecrets(secrets).lookup(image);
    } catch (error) {
      // MakeDockerKeyring's error ends the pull before the runtime is asked.
      return { ok: false, message: (error as Error).message };
    }
    const pull = this.#options.pull ?? pullManifest;
    const result = await pull({
      image,
      credentials: credentials.map((c) => ({ username: c.username, password: c.password })),
      ...(this.#options.ca && this.#options.ca.length > 0 ? { ca: this.#options.ca } : {}),
      ...(this.#options.pullTimeoutMs !== undefined ? { timeoutMs: this.#options.pullTimeoutMs } : {}),
    });
    if (!result.ok) return { ok: false, message: result.message };
    return {
      ok: true,
      ref: result.image,
      digest: result.digest,
      id: result.configDigest ?? result.digest,
      size: result.size,
      pullMs: this.#now() - startedAt,
    };
  }
}

/** image_manager.go shouldPullImage. */
export function shouldPullImage(pullPolicy: string, present: boolean): boolean {
  if (pullPolicy === "Always") return true;
  if (pullPolicy === "IfNotPresent") return !present;
  return false;
}
