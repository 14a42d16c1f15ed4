import type { ImageReference } from "@paddock/registry-auth";

/** An image the node holds, as CRI ImageStatus describes it. */
export interface CachedImage {
  /** What container statuses show as `image`: the normalised reference, e.g. `docker.io/library/nginx:latest`. */
  image: string;
  /** What container statuses show as `imageID`: the repo digest, e.g. `docker.io/library/nginx@sha256:…`. */
  imageID: string;
  /** The image id (its config digest), what kubelet calls the imageRef. */
  id: string;
  size: number;
}

/**
 * The node's image store: a pulled image is found again by its tag or by its digest, whichever
 * spelling of the name a pod uses (`nginx`, `docker.io/library/nginx:latest`).
 */
export class NodeImageCache {
  readonly #byName = new Map<string, CachedImage>();

  lookup(ref: ImageReference): CachedImage | undefined {
    return this.#byName.get(cacheKey(ref));
  }

  add(ref: ImageReference, digest: string, image: Omit<CachedImage, "image" | "imageID">): CachedImage {
    const cached: CachedImage = { ...image, image: ref.dockerRef, imageID: `${ref.normalizedName}@${digest}` };
    this.#byName.set(cacheKey(ref), cached);
    this.#byName.set(`${ref.normalizedName}@${digest}`, cached);
    return cached;
  }

  get size(): number {
    return new Set(this.#byName.values()).size;
  }
}

function cacheKey(ref: ImageReference): string {
  return ref.digest ? `${ref.normalizedName}@${ref.digest}` : `${ref.normalizedName}:${ref.tag ?? "latest"}`;
}
