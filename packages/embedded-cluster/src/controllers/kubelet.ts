import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseImageReference } from "@paddock/registry-auth";
import type { ResourceService } from "../api/resource-service.ts";
import { nowTimestamp } from "../api/meta-time.ts";
import { StatusError } from "../api/status.ts";
import type { KubeObject } from "../api/types.ts";
import { NODE_NAME } from "../seed.ts";
import { BackOff } from "./back-off.ts";
import { EventRecorder } from "./event-recorder.ts";
import { ImageManager } from "./image-manager.ts";
import { PodIpAllocator } from "./pod-ips.ts";
import {
  buildPodStatus,
  containerKey,
  initContainerDone,
  type ContainerKind,
  type ContainerRecord,
  type PodRuntime,
} from "./pod-status.ts";
import { missingSecretsMessage, readPullSecrets } from "./pull-secrets.ts";
import { isRestartableInit } from "../kinds/pod-fields.ts";
import { asJsonObject, isJsonObject, type JsonObject, objectsIn, specOf, statusOf, stringValue } from "../api/json-values.ts";

export interface KubeletOptions {
  /** The node whose pods this kubelet runs; `paddock-node` by default. */
  nodeName?: string;
  /** kubelet's image pull back-off: 10 s doubling to 300 s by default; tests shorten it. */
  imagePullBackOff?: { initialMs: number; maxMs: number };
  /** A PEM file of extra CA certificates trusted for registries, on top of the system CAs. */
  registryCaFile?: string;
  /** One pull at a time (kubelet's `serializeImagePulls`, on by default). */
  serializeImagePulls?: boolean;
  pullTimeoutMs?: number;
  log?: (line: string) => void;
}

export const DEFAULT_IMAGE_PULL_BACK_OFF = { initialMs: 10_000, maxMs: 300_000 };
const HOST_IP = "127.0.0.1";

function fieldPath(kind: ContainerKind, name: string): string {
  return kind === "init" ? `spec.initContainers{${name}}` : `spec.containers{${name}}`;
}

/** One pod's worker (pkg/kubelet/pod_workers.go): its syncs never overlap; a change during one queues another. */
interface PodWorker {
  uid: string;
  namespace: string;
  name: string;
  /** The sandbox: set once the pod has an address. */
  runtime?: PodRuntime;
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
  /** Stopped and forgotten: the pod is gone. */
  done: boolean;
  /** Images it asked for, whose back-off is forgotten with the pod. */
  images: Set<string>;
}

/**
 * The node agent of the embedded cluster: for every pod bound to its node it reads the pull
 * secrets, makes sure each container's image is on the node (really asking its registry), and
 * reports containers as created and running, or why they are not, with kubelet's events, reasons
 * and messages (pkg/kubelet/kubelet.go SyncPod, kuberuntime/kuberuntime_manager.go SyncPod,
 * kuberuntime_container.go startContainer). No container process is run.
 */
export class Kubelet {
  readonly images: ImageManager;
  readonly #service: ResourceService;
  readonly #nodeName: string;
  readonly #recorder: EventRecorder;
  readonly #resyncMs: number;
  readonly #backOff: BackOff;
  readonly #workers = new Map<string, PodWorker>();
  readonly #ips = new PodIpAllocator();
  readonly #log: (line: string) => void;
  #unsubscribe: (() => void) | undefined;
  #stopped = false;

  constructor(service: ResourceService, options: KubeletOptions = {}) {
    this.#service = service;
    this.#nodeName = options.nodeName ?? NODE_NAME;
    this.#log = options.log ?? (() => {});
    this.#recorder = new EventRecorder(service, { component: "kubelet", host: this.#nodeName });
    const { initialMs, maxMs } = options.imagePullBackOff ?? DEFAULT_IMAGE_PULL_BACK_OFF;
    this.#backOff = new BackOff(initialMs, maxMs);
    // The pod worker requeues a failed sync after kubelet's backOffPeriod (the same 10 s as the
    // image back-off's first step) with up to 50 % jitter; 25 % is its mean.
    this.#resyncMs = Math.round(initialMs * 1.25);
    this.images = new ImageManager({
      backOff: this.#backOff,
      ca: this.#readCaFile(options.registryCaFile),
      serialize: options.serializeImagePulls ?? true,
      ...(options.pullTimeoutMs !== undefined ? { pullTimeoutMs: options.pullTimeoutMs } : {}),
    });
  }

  start(): void {
    const pods = this.#service.definition("", "pods");
    for (const pod of this.#service.list(pods, undefined).items) {
      if (!this.#isOurs(pod)) continue;
      const worker = this.#worker(pod);
      this.#adopt(worker, pod);
      this.#queue(worker, 0);
    }
    this.#unsubscribe = this.#service.store.subscribe((change) => {
      if (change.resource !== "pods") return;
      const pod = change.object;
      if (change.type === "DELETED") {
        const worker = this.#workers.get(pod.metadata.uid ?? "");
        if (worker) void this.#forgetDeleted(worker, pod);
        return;
      }
      if (!this.#isOurs(pod)) return;
      const previous = change.previous;
      const relevant =
        !previous ||
        !this.#isOurs(previous) ||
        JSON.stringify(previous.spec) !== JSON.stringify(pod.spec) ||
        (!previous.metadata.deletionTimestamp && pod.metadata.deletionTimestamp !== undefined);
      // Status writes (ours, the scheduler's) need no sync.
      if (relevant) this.#queue(this.#worker(pod), 0);
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#unsubscribe?.();
    for (const worker of this.#workers.values()) clearTimeout(worker.timer);
    this.#workers.clear();
  }

  #isOurs(pod: KubeObject): boolean {
    return specOf(pod).nodeName === this.#nodeName;
  }

  #readCaFile(path: string | undefined): string[] | undefined {
    if (!path) return undefined;
    try {
      return [readFileSync(path, "utf8")];
    } catch (error) {
      this.#log(`kubelet: cannot read the registry CA file ${path}: ${(error as Error).message}`);
      return undefined;
    }
  }

  #worker(pod: KubeObject): PodWorker {
    const uid = pod.metadata.uid ?? "";
    let worker = this.#workers.get(uid);
    if (!worker) {
      worker = { uid, namespace: pod.metadata.namespace ?? "", name: pod.metadata.name ?? "", running: false, again: false, done: false, images: new Set() };
      this.#workers.set(uid, worker);
    }
    return worker;
  }

  #queue(worker: PodWorker, delayMs: number): void {
    if (this.#stopped || worker.done) return;
    clearTimeout(worker.timer);
    // Even "now" waits a turn, so that whoever changed the pod (the scheduler binding it) finishes first.
    worker.timer = setTimeout(() => void this.#run(worker), delayMs);
  }

  async #run(worker: PodWorker): Promise<void> {
    worker.timer = undefined;
    if (worker.running) {
      worker.again = true;
      return;
    }
    worker.running = true;
    try {
      do {
        worker.again = false;
        await this.#sync(worker);
      } while (worker.again && !worker.done && !this.#stopped);
    } catch (error) {
      if (!this.#stopped) {
        this.#log(`kubelet: pod ${worker.namespace}/${worker.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        this.#queue(worker, this.#resyncMs);
      }
    } finally {
      worker.running = false;
    }
  }

  async #sync(worker: PodWorker): Promise<void> {
    const pods = this.#service.definition("", "pods");
    const pod = this.#service.tryGet(pods, worker.namespace, worker.name);
    if (!pod || pod.metadata.uid !== worker.uid || worker.done || this.#stopped) return;
    if (pod.metadata.deletionTimestamp) {
      await this.#terminate(worker, pod);
      return;
    }
    const phase = isJsonObject(pod.status) ? pod.status.phase : undefined;
    if (phase === "Succeeded" || phase === "Failed") return;

    if (!worker.runtime) {
      if (!(await this.#createSandbox(worker, pod))) {
        this.#queue(worker, this.#resyncMs);
        return;
      }
      await this.#writeStatus(worker);
    }
    const runtime = worker.runtime!;

    const { secrets, missing } = readPullSecrets(this.#service, pod);
    if (missing.length > 0) {
      await this.#recorder.record(pod, { type: "Warning", reason: "FailedToRetrieveImagePullSecret", message: missingSecretsMessage(missing) });
    }

    const spec = specOf(pod);
    let initialized = true;
    for (const container of objectsIn(spec.initContainers)) {
      if (initContainerDone(container, runtime.containers.get(containerKey("init", stringValue(container.name))))) continue;
      // Init containers go one after the other; one that cannot start holds back the rest.
      if (!(await this.#startContainer(worker, pod, container, "init", secrets))) {
        initialized = false;
        break;
      }
    }
    if (initialized) {
      for (const container of objectsIn(spec.containers)) {
        const key = containerKey("app", stringValue(container.name));
        const record = runtime.containers.get(key);
        if (record && record.specImage === stringValue(container.image)) continue;
        if (record) await this.#restartForNewSpec(worker, pod, container, record);
        await this.#startContainer(worker, pod, container, "app", secrets);
      }
    }
    if (this.#stopped || worker.done) return;
    await this.#writeStatus(worker);
    if (runtime.failures.size > 0) this.#queue(worker, this.#resyncMs);
  }

  async #createSandbox(worker: PodWorker, pod: KubeObject): Promise<boolean> {
    const hostNetwork = specOf(pod).hostNetwork === true;
    const podIP = hostNetwork ? HOST_IP : this.#ips.allocate(worker.uid);
    if (!podIP) {
      await this.#recorder.record(pod, {
        type: "Warning",
        reason: "FailedCreatePodSandBox",
        message:
          'Failed to create pod sandbox: plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.42.0.1-10.42.0.254',
      });
      return false;
    }
    worker.runtime = {
      podIP,
      hostIP: HOST_IP,
      startTime: nowTimestamp(),
      containers: new Map(),
      failures: new Map(),
      restartCounts: new Map(),
      lastStates: new Map(),
    };
    return true;
  }

  /** Pulls the image if needed, then creates and starts the container; false when it could not. */
  async #startContainer(
    worker: PodWorker,
    pod: KubeObject,
    container: JsonObject,
    kind: ContainerKind,
    secrets: ReturnType<typeof readPullSecrets>["secrets"],
  ): Promise<boolean> {
    const runtime = worker.runtime!;
    const name = stringValue(container.name);
    const key = containerKey(kind, name);
    const path = fieldPath(kind, name);
    const image = stringValue(container.image);
    worker.images.add(image);
    const result = await this.images.ensureImageExists({
      podUid: worker.uid,
      image,
      pullPolicy: stringValue(container.imagePullPolicy),
      secrets,
      emit: (event) => this.#recorder.record(pod, { ...event, fieldPath: path }),
    });
    if (this.#stopped || worker.done) return false;
    if (!result.ok) {
      runtime.failures.set(key, { reason: result.reason, message: result.message });
      await this.#recorder.record(pod, { type: "Warning", reason: "Failed", message: `Error: ${result.reason}`, fieldPath: path });
      return false;
    }
    runtime.failures.delete(key);
    const containerID = `paddock://${randomBytes(32).toString("hex")}`;
    await this.#recorder.record(pod, { type: "Normal", reason: "Created", message: `Created container: ${name}`, fieldPath: path });
    await this.#recorder.record(pod, { type: "Normal", reason: "Started", message: `Started container ${name}`, fieldPath: path });
    const startedAt = nowTimestamp();
    const record: ContainerRecord = { containerID, image: result.image, specImage: image, startedAt };
    // Nothing runs, so an init container's work is done as soon as it starts.
    if (kind === "init" && !isRestartableInit(container)) record.finishedAt = startedAt;
    runtime.containers.set(key, record);
    return true;
  }

  /** computePodActions: a container whose spec changed (its image) is killed and started again. */
  async #restartForNewSpec(worker: PodWorker, pod: KubeObject, container: JsonObject, record: ContainerRecord): Promise<void> {
    const runtime = worker.runtime!;
    const name = stringValue(container.name);
    const key = containerKey("app", name);
    await this.#recorder.record(pod, {
      type: "Normal",
      reason: "Killing",
      message: `Container ${name} definition changed, will be restarted`,
      fieldPath: fieldPath("app", name),
    });
    runtime.containers.delete(key);
    runtime.restartCounts.set(key, (runtime.restartCounts.get(key) ?? 0) + 1);
    runtime.lastStates.set(key, {
      terminated: { exitCode: 0, reason: "Completed", startedAt: record.startedAt, finishedAt: nowTimestamp(), containerID: record.containerID },
    });
  }

  async #writeStatus(worker: PodWorker): Promise<void> {
    const runtime = worker.runtime;
    if (!runtime || this.#stopped || worker.done) return;
    const pods = this.#service.definition("", "pods");
    await this.#service.mutate(
      pods,
      worker.namespace,
      worker.name,
      (pod) => {
        if (pod.metadata.uid !== worker.uid || pod.metadata.deletionTimestamp) return false;
        pod.status = buildPodStatus(pod, runtime, nowTimestamp());
      },
      "status",
    );
  }

  /**
   * A pod being deleted: its containers are stopped, then the kubelet deletes it for good with grace
   * period 0 and its UID as precondition (status/status_manager.go); pending finalizers keep it a
   * little longer. Containers without processes stop at once, so the grace period is never waited out.
   */
  async #terminate(worker: PodWorker, pod: KubeObject): Promise<void> {
    await this.#killContainers(worker, pod);
    this.#forget(worker);
    const pods = this.#service.definition("", "pods");
    try {
      await this.#service.delete(pods, worker.namespace, worker.name, { gracePeriodSeconds: 0, preconditions: { uid: worker.uid } });
    } catch (error) {
      // Gone already, or replaced by a pod of the same name.
      if (!(error instanceof StatusError && (error.code === 404 || error.code === 409))) throw error;
    }
  }

  /** A pod removed without waiting for the kubelet (force deletion): its containers are stopped all the same. */
  async #forgetDeleted(worker: PodWorker, pod: KubeObject): Promise<void> {
    if (worker.done) return;
    this.#forget(worker);
    await this.#killContainers(worker, pod);
  }

  async #killContainers(worker: PodWorker, pod: KubeObject): Promise<void> {
    const runtime = worker.runtime;
    if (!runtime) return;
    const spec = specOf(pod);
    // Regular containers first, then sidecars in reverse order (kuberuntime_termination_order.go).
    const running: Array<[ContainerKind, string]> = [
      ...objectsIn(spec.containers).map((c): [ContainerKind, string] => ["app", stringValue(c.name)]),
      ...objectsIn(spec.initContainers)
        .filter(isRestartableInit)
        .reverse()
        .map((c): [ContainerKind, string] => ["init", stringValue(c.name)]),
    ].filter(([kind, name]) => {
      const record = runtime.containers.get(containerKey(kind, name));
      return record !== undefined && record.finishedAt === undefined;
    });
    for (const [kind, name] of running) {
      await this.#recorder.record(pod, { type: "Normal", reason: "Killing", message: `Stopping container ${name}`, fieldPath: fieldPath(kind, name) });
    }
  }

  #forget(worker: PodWorker): void {
    worker.done = true;
    clearTimeout(worker.timer);
    this.#workers.delete(worker.uid);
    this.#ips.release(worker.uid);
    this.images.forgetPod(worker.uid, [...worker.images]);
  }

  /** After a restart of the embedded cluster: containers the status says are running stay running. */
  #adopt(worker: PodWorker, pod: KubeObject): void {
    const status = statusOf(pod);
    const podIP = stringValue(status.podIP);
    const startTime = stringValue(status.startTime);
    if (!podIP || !startTime) return;
    if (specOf(pod).hostNetwork !== true) this.#ips.adopt(worker.uid, podIP);
    const runtime: PodRuntime = {
      podIP,
      hostIP: stringValue(status.hostIP) || HOST_IP,
      startTime,
      containers: new Map(),
      failures: new Map(),
      restartCounts: new Map(),
      lastStates: new Map(),
    };
    const spec = specOf(pod);
    const lists: Array<[ContainerKind, JsonObject[], JsonObject[]]> = [
      ["init", objectsIn(spec.initContainers), objectsIn(status.initContainerStatuses)],
      ["app", objectsIn(spec.containers), objectsIn(status.containerStatuses)],
    ];
    for (const [kind, specs, statuses] of lists) {
      for (const cs of statuses) {
        const name = stringValue(cs.name);
        const key = containerKey(kind, name);
        const state = isJsonObject(cs.state) ? cs.state : {};
        const running = asJsonObject(state.running);
        const terminated = asJsonObject(state.terminated);
        if (typeof cs.restartCount === "number" && cs.restartCount > 0) runtime.restartCounts.set(key, cs.restartCount);
        if (isJsonObject(cs.lastState) && Object.keys(cs.lastState).length > 0) runtime.lastStates.set(key, cs.lastState);
        const started = running ?? (kind === "init" && terminated?.exitCode === 0 ? terminated : undefined);
        if (!started) continue;
        const imageID = stringValue(cs.imageID);
        const record: ContainerRecord = {
          containerID: stringValue(cs.containerID),
          image: { image: stringValue(cs.image), imageID, id: "", size: 0 },
          specImage: stringValue(specs.find((c) => stringValue(c.name) === name)?.image),
          startedAt: stringValue(started.startedAt),
          ...(running ? {} : { finishedAt: stringValue(terminated?.finishedAt) }),
        };
        runtime.containers.set(key, record);
        this.#rememberImage(record);
      }
    }
    worker.runtime = runtime;
  }

  // The node keeps its images across restarts.
  #rememberImage(record: ContainerRecord): void {
    const digest = record.image.imageID.split("@")[1];
    if (!digest) return;
    try {
      this.images.cache.add(parseImageReference(record.image.image), digest, { id: record.image.id, size: record.image.size });
    } catch {
      // not a reference the node could have pulled
    }
  }
}

export function startKubelet(service: ResourceService, options: KubeletOptions = {}): () => void {
  const kubelet = new Kubelet(service, options);
  kubelet.start();
  return () => kubelet.stop();
}
