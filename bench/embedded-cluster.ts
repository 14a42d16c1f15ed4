import { Agent, request } from "node:https";
import { CoreV1Api, KubeConfig, Watch } from "@kubernetes/client-node";
import { startTestCluster } from "@paddock/embedded-cluster/testing";
import { createNamespace, createRegistrySecrets } from "./fixtures.ts";
import { formatMs, inParallel, medians, type Outcome } from "./measure.ts";

const BIG_LIST = 2_000;
const SMALL_LIST = 20;
const WRITES = 200;
const MANY_WATCHERS = 10;
/** Requests in flight while writing: the writes themselves are not what is measured. */
const WRITE_PARALLELISM = 8;
const DELIVERY_TIMEOUT_MS = 30_000;

/**
 * The embedded cluster through HTTPS with client-node: a LIST of 2,000 Secrets against a LIST of 20
 * (cost per object), and 200 writes reaching 10 watchers against 1 watcher (watch fan-out).
 */
export async function embeddedClusterBenchmarks(report: (outcome: Outcome) => void): Promise<void> {
  const t = await startTestCluster();
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(t.cluster.kubeconfigPath);
    const core = kc.makeApiClient(CoreV1Api);
    report(await listCost(t.kubectl, core));
    const writer = new KeepAliveWriter(t.cluster.url, t.cluster.token, t.cluster.caPem);
    try {
      report(await watchFanOut(kc, core, writer));
    } finally {
      writer.close();
    }
  } finally {
    await t.stop();
  }
}

async function listCost(kubectl: Parameters<typeof createRegistrySecrets>[0], core: CoreV1Api): Promise<Outcome> {
  await createNamespace(kubectl, "bench-list-big");
  await createNamespace(kubectl, "bench-list-small");
  await createRegistrySecrets(kubectl, "bench-list-big", "secret", 0, BIG_LIST);
  await createRegistrySecrets(kubectl, "bench-list-small", "secret", 0, SMALL_LIST);

  const listOf = (namespace: string, expected: number) => async () => {
    const list = await core.listNamespacedSecret({ namespace });
    if (list.items.length !== expected) throw new Error(`listed ${list.items.length} Secrets in ${namespace}, expected ${expected}`);
  };
  const m = await medians(
    { label: `list ${BIG_LIST}`, fn: listOf("bench-list-big", BIG_LIST) },
    { label: `list ${SMALL_LIST}`, fn: listOf("bench-list-small", SMALL_LIST) },
    { iterations: 8, timeMs: 0, warmupIterations: 2 },
  );
  const perBig = m.candidateMs / BIG_LIST;
  const perSmall = m.baselineMs / SMALL_LIST;
  return {
    title: "cluster LIST Secrets (client-node, HTTPS)",
    candidate: `${BIG_LIST} objects`,
    candidateMs: m.candidateMs,
    baseline: `${SMALL_LIST} objects`,
    baselineMs: m.baselineMs,
    ratioOf: "per-object cost",
    ratio: perBig / perSmall,
    target: 2,
    notes: [`per object: ${formatMs(perBig)} at ${BIG_LIST} vs ${formatMs(perSmall)} at ${SMALL_LIST}; medians of ${m.candidateSamples} and ${m.baselineSamples} runs`],
  };
}

/**
 * POSTs over kept-alive HTTPS connections. client-node opens a new TLS connection for every
 * request, which would make the writes, not their delivery to the watchers, the measured cost.
 */
class KeepAliveWriter {
  readonly #agent: Agent;

  constructor(
    private readonly url: string,
    private readonly token: string,
    caPem: string,
  ) {
    this.#agent = new Agent({ keepAlive: true, maxSockets: WRITE_PARALLELISM, ca: caPem });
  }

  createConfigMap(namespace: string, name: string): Promise<void> {
    const body = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { value: name } });
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.url}/api/v1/namespaces/${namespace}/configmaps`,
        { method: "POST", agent: this.#agent, headers: { Authorization: `Bearer ${this.token}`, "Content-Type": "application/json" } },
        (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => (res.statusCode === 201 ? resolve() : reject(new Error(`create ConfigMap ${name}: ${res.statusCode} ${text}`))));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** Watchers of the ConfigMaps of one namespace that count the ADDED events of the current round. */
class Watchers {
  static #opened = 0;
  #controllers: AbortController[] = [];
  #counts: number[] = [];
  #closing = false;
  #prefix = "";
  #expected = 0;
  #delivered: (() => void) | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly core: CoreV1Api,
    private readonly writer: KeepAliveWriter,
    private readonly namespace: string,
    private readonly count: number,
  ) {}

  async open(): Promise<void> {
    // Watching from the list's resourceVersion: without one the server would replay every ConfigMap as ADDED.
    const { metadata } = await this.core.listNamespacedConfigMap({ namespace: this.namespace, labelSelector: "bench=none" });
    const path = `/api/v1/namespaces/${this.namespace}/configmaps`;
    this.#counts = Array.from({ length: this.count }, () => 0);
    this.#closing = false;
    for (let i = 0; i < this.count; i++) {
      const controller = await new Watch(this.kc).watch(
        path,
        { resourceVersion: metadata?.resourceVersion },
        (type, object: { metadata?: { name?: string } }) => {
          if (type === "ADDED" && object.metadata?.name?.startsWith(this.#prefix)) this.#seen(i);
        },
        (error: unknown) => {
          if (error && !this.#closing) console.error(`bench: watcher ${i} of ${this.namespace} ended: ${String(error)}`);
        },
      );
      this.#controllers.push(controller);
    }
    // One write seen by every watcher proves they are all registered before any timing starts.
    const ready = `ready-${Watchers.#opened++}`;
    await this.round(ready, 1, () => this.#create(ready));
  }

  close(): void {
    this.#closing = true;
    for (const controller of this.#controllers) controller.abort();
    this.#controllers = [];
  }

  /** Runs `write` and resolves once every watcher has seen `expected` ADDED events named `prefix…`. */
  async round(prefix: string, expected: number, write: () => Promise<void>): Promise<void> {
    this.#prefix = prefix;
    this.#expected = expected;
    this.#counts.fill(0);
    const delivered = new Promise<void>((resolve) => (this.#delivered = resolve));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`watch events not delivered within ${DELIVERY_TIMEOUT_MS} ms: ${this.#counts.join(",")}`)), DELIVERY_TIMEOUT_MS);
    });
    try {
      await Promise.race([Promise.all([write(), delivered]), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #seen(watcher: number): void {
    this.#counts[watcher] = (this.#counts[watcher] ?? 0) + 1;
    if (this.#counts.every((n) => n >= this.#expected)) this.#delivered?.();
  }

  #create(name: string): Promise<void> {
    return this.writer.createConfigMap(this.namespace, name);
  }

  async writeRound(round: number): Promise<void> {
    const prefix = `r${round}-`;
    await this.round(prefix, WRITES, () => inParallel(WRITES, WRITE_PARALLELISM, (i) => this.#create(`${prefix}${i}`)));
  }
}

async function watchFanOut(kc: KubeConfig, core: CoreV1Api, writer: KeepAliveWriter): Promise<Outcome> {
  await core.createNamespace({ body: { metadata: { name: "bench-watch" } } });
  let round = 0;
  const task = (count: number) => {
    const watchers = new Watchers(kc, core, writer, "bench-watch", count);
    return {
      label: `${WRITES} writes to ${count} watchers`,
      fn: () => watchers.writeRound(round++),
      hooks: {
        beforeAll: () => watchers.open(),
        afterAll: () => watchers.close(),
      },
    };
  };
  const m = await medians(task(MANY_WATCHERS), task(1), { iterations: 5, timeMs: 0, warmupIterations: 1 });
  return {
    title: "cluster watch fan-out (client-node Watch, HTTPS)",
    candidate: `${WRITES} writes to ${MANY_WATCHERS} watchers`,
    candidateMs: m.candidateMs,
    baseline: `to 1 watcher`,
    baselineMs: m.baselineMs,
    ratio: m.candidateMs / m.baselineMs,
    target: 3,
    notes: [`each run: ${WRITES} ConfigMap creates (${WRITE_PARALLELISM} in flight on kept-alive connections) until every watcher has seen all ${WRITES}; medians of ${m.candidateSamples} and ${m.baselineSamples} runs`],
  };
}
