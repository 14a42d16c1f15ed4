import type { NameAvailability, Project, Registry } from "@paddock/contracts";
import { NameInUseError } from "../apps/server/src/errors.ts";
import { startTestServer, type TestServer } from "../apps/server/src/testing/test-server.ts";
import { createRegistrySecrets, registrySecretName, type Kubectl } from "./fixtures.ts";
import { formatMs, median, medians, until, type Outcome } from "./measure.ts";

const FEW_REGISTRIES = 50;
const MANY_REGISTRIES = 5_000;
const NAMESPACE = "default";
const PREFIX = "bench-registry";
const CACHE_TIMEOUT_MS = 60_000;

/**
 * The BFF over its embedded cluster: the registries list with 5,000 registries against 50 (cost per
 * registry), then rule 1's live name check against the fresh check a save does, with the 5,000 in place.
 */
export async function serverBenchmarks(report: (outcome: Outcome) => void): Promise<void> {
  const t = await startTestServer();
  try {
    const projectId = await defaultProjectId(t);
    const kubectl: Kubectl = (args, options) => t.kubectl(args, options);
    report(await registriesList(t, kubectl, projectId));
    report(await nameCheckThroughApi(t, projectId));
    report(await nameCheckInProcess(t, projectId));
  } finally {
    await t.stop();
  }
}

async function defaultProjectId(t: TestServer): Promise<string> {
  let project: Project | undefined;
  await until(
    "the Default project",
    async () => {
      const { body } = await t.api.get<{ items: Project[] }>("/api/clusters/local/projects");
      project = body.items?.find((p) => p.displayName === "Default" && p.namespaces.includes(NAMESPACE));
      return project !== undefined;
    },
    CACHE_TIMEOUT_MS,
  );
  return project!.id;
}

/** Waits until the BFF's Secret cache holds `count` of the bench's registries. */
async function cacheHolds(t: TestServer, count: number): Promise<void> {
  const secrets = t.server.context.clusters.get("local").caches.secrets;
  const cached = () => secrets.items().filter((s) => s.namespace === NAMESPACE && s.name.startsWith(PREFIX)).length;
  await until(`${count} registries in the BFF's cache`, () => cached() >= count, CACHE_TIMEOUT_MS);
}

async function registriesList(t: TestServer, kubectl: Kubectl, projectId: string): Promise<Outcome> {
  const path = `/api/clusters/local/projects/${projectId}/registries`;
  const listOf = (expected: number) => async () => {
    const response = await t.api.get<{ items: Registry[] }>(path);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    const ours = response.body.items.filter((r) => r.name.startsWith(PREFIX)).length;
    if (ours !== expected) throw new Error(`GET ${path} listed ${ours} bench registries, expected ${expected}`);
  };
  const budget = { iterations: 10, timeMs: 0, warmupIterations: 3 };

  // The baseline runs first, with only 50 registries in the cluster: the list reads every cached Secret.
  await createRegistrySecrets(kubectl, NAMESPACE, PREFIX, 0, FEW_REGISTRIES);
  await cacheHolds(t, FEW_REGISTRIES);
  const few = await median({ label: `GET registries (${FEW_REGISTRIES})`, fn: listOf(FEW_REGISTRIES) }, budget);

  const createdAt = performance.now();
  await createRegistrySecrets(kubectl, NAMESPACE, PREFIX, FEW_REGISTRIES, MANY_REGISTRIES);
  await cacheHolds(t, MANY_REGISTRIES);
  const filled = performance.now() - createdAt;
  const many = await median({ label: `GET registries (${MANY_REGISTRIES})`, fn: listOf(MANY_REGISTRIES) }, budget);

  const bytes = Buffer.byteLength(JSON.stringify((await t.api.get(path)).body));
  const perMany = many.medianMs / MANY_REGISTRIES;
  const perFew = few.medianMs / FEW_REGISTRIES;
  return {
    title: "BFF GET …/registries (HTTP, from the caches)",
    candidate: `${MANY_REGISTRIES} registries`,
    candidateMs: many.medianMs,
    baseline: `${FEW_REGISTRIES} registries`,
    baselineMs: few.medianMs,
    ratioOf: "per-registry cost",
    ratio: perMany / perFew,
    target: 2,
    notes: [
      `response time with ${MANY_REGISTRIES} registries: ${formatMs(many.medianMs)} (median of ${many.samples}), ${(bytes / 1024).toFixed(0)} KiB of JSON; with ${FEW_REGISTRIES}: ${formatMs(few.medianMs)}`,
      `per registry: ${formatMs(perMany)} vs ${formatMs(perFew)}; creating the other ${MANY_REGISTRIES - FEW_REGISTRIES} with kubectl until the BFF's cache held them took ${formatMs(filled)}`,
    ],
  };
}

/** A registry name that is taken in the Default project (by one of the bench's Secrets). */
const TAKEN = registrySecretName(PREFIX, 7);

async function nameCheckThroughApi(t: TestServer, projectId: string): Promise<Outcome> {
  const base = `/api/clusters/local/projects/${projectId}`;
  const check = async () => {
    const response = await t.api.get<NameAvailability>(`${base}/name-availability?name=${TAKEN}&scope=project`);
    if (response.status !== 200 || response.body.available !== false || response.body.conflicts.length === 0) {
      throw new Error(`name check of a taken name answered ${response.status} ${JSON.stringify(response.body)}`);
    }
  };
  const refusedSave = async () => {
    const response = await t.api.post<{ error?: { code?: string } }>(`${base}/registries`, {
      name: TAKEN,
      scope: { type: "project" },
      registries: [{ address: "bench.example", username: "u", password: "bench-password" }],
    });
    if (response.status !== 409 || response.body.error?.code !== "NameInUse") {
      throw new Error(`create with a taken name answered ${response.status} ${JSON.stringify(response.body)}`);
    }
  };
  const m = await medians(
    { label: "GET name-availability", fn: check },
    { label: "POST registries (NameInUse)", fn: refusedSave },
    { iterations: 20, timeMs: 200, warmupIterations: 3 },
  );
  return {
    title: "BFF name check, rule 1 (HTTP)",
    candidate: "GET …/name-availability (caches)",
    candidateMs: m.candidateMs,
    baseline: "POST …/registries refused NameInUse (Lease lock + cluster lists)",
    baselineMs: m.baselineMs,
    ratio: m.candidateMs / m.baselineMs,
    target: 0.1,
    notes: [`a project-scoped name taken by one of ${MANY_REGISTRIES} Secrets; medians of ${m.candidateSamples} and ${m.baselineSamples} requests`],
  };
}

async function nameCheckInProcess(t: TestServer, projectId: string): Promise<Outcome> {
  const guard = t.server.context.nameGuard("local");
  const scope = { type: "project" } as const;
  const check = () => {
    if (guard.check(projectId, scope, TAKEN).available) throw new Error(`NameGuard.check says ${TAKEN} is free`);
  };
  const freshCheck = async () => {
    try {
      await guard.reserve(projectId, scope, TAKEN, () => Promise.reject(new Error(`NameGuard.reserve let ${TAKEN} through`)));
    } catch (error) {
      if (!(error instanceof NameInUseError)) throw error;
    }
  };
  const m = await medians(
    { label: "NameGuard.check", fn: check },
    { label: "NameGuard.reserve (NameInUse)", fn: freshCheck },
    { iterations: 20, timeMs: 200, warmupIterations: 3 },
  );
  return {
    title: "BFF name check, rule 1 (in process)",
    candidate: "NameGuard.check (caches)",
    candidateMs: m.candidateMs,
    baseline: "NameGuard.reserve refused (fresh cluster check under the Lease lock)",
    baselineMs: m.baselineMs,
    ratio: m.candidateMs / m.baselineMs,
    target: 0.1,
    notes: [`with ${MANY_REGISTRIES} Secrets cached; medians of ${m.candidateSamples} and ${m.baselineSamples} calls`],
  };
}
