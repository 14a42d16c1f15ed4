/**
 * Pod addresses from the node's pod CIDR, 10.42.0.0/24 as k3s gives its first node: .1 is the
 * bridge, pods get .2 to .254, and an address is free again once its pod is gone.
 */
export class PodIpAllocator {
  readonly #byPod = new Map<string, string>();
  readonly #used = new Set<string>();
  #next = 2;

  constructor(private readonly prefix = "10.42.0.") {}

  /** Records an address a pod already has (after a restart). */
  adopt(podUid: string, ip: string): void {
    this.#byPod.set(podUid, ip);
    this.#used.add(ip);
  }

  /** The pod's address, allocating the next free one; undefined when the range is exhausted. */
  allocate(podUid: string): string | undefined {
    const existing = this.#byPod.get(podUid);
    if (existing) return existing;
    for (let tried = 0; tried < 253; tried++) {
      const candidate = `${this.prefix}${this.#next}`;
      this.#next = this.#next >= 254 ? 2 : this.#next + 1;
      if (this.#used.has(candidate)) continue;
      this.adopt(podUid, candidate);
      return candidate;
    }
    return undefined;
  }

  release(podUid: string): void {
    const ip = this.#byPod.get(podUid);
    if (ip === undefined) return;
    this.#byPod.delete(podUid);
    this.#used.delete(ip);
  }
}
