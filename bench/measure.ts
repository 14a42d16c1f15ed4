import { Bench, type Fn, type FnOptions } from "tinybench";

/** One thing to time: a name for the report, the function, and tinybench hooks (setup outside the timing). */
export interface Timed {
  label: string;
  fn: Fn;
  hooks?: FnOptions;
}

/** How long to time one side: at least `iterations` runs, and runs until `timeMs` is spent, after `warmupIterations`. */
export interface Budget {
  iterations: number;
  timeMs: number;
  warmupIterations: number;
}

export interface Median {
  medianMs: number;
  samples: number;
}

export interface Medians {
  candidateMs: number;
  baselineMs: number;
  candidateSamples: number;
  baselineSamples: number;
}

/** The samples (ms) of one tinybench run of `task`. A task that throws fails the benchmark. */
async function samplesOf(task: Timed, budget: Budget): Promise<number[]> {
  const bench = new Bench({
    iterations: budget.iterations,
    time: budget.timeMs,
    warmup: budget.warmupIterations > 0,
    warmupIterations: budget.warmupIterations,
    warmupTime: 0,
    retainSamples: true,
    throws: true,
  });
  bench.add(task.label, task.fn, task.hooks);
  await bench.run();
  const result = bench.tasks[0]!.result;
  if (result.state !== "completed") throw new Error(`${task.label}: ${result.state === "errored" ? result.error.message : result.state}`);
  return [...(result.latency.samples ?? [])];
}

function medianOf(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Times one task with tinybench (warmup, then samples) and answers the median. */
export async function median(task: Timed, budget: Budget): Promise<Median> {
  const samples = await samplesOf(task, budget);
  return { medianMs: medianOf(samples), samples: samples.length };
}

/**
 * The medians of a candidate and its baseline, timed in this run in alternating rounds (baseline,
 * candidate, baseline, …) and pooled, so that a change in the machine's load falls on both alike.
 * Warmup runs in the first round only.
 */
export async function medians(candidate: Timed, baseline: Timed, budget: Budget, baselineBudget: Budget = budget, rounds = 3): Promise<Medians> {
  const share = (b: Budget, round: number): Budget => ({
    iterations: Math.max(1, Math.ceil(b.iterations / rounds)),
    timeMs: b.timeMs / rounds,
    warmupIterations: round === 0 ? b.warmupIterations : 0,
  });
  const base: number[] = [];
  const cand: number[] = [];
  for (let round = 0; round < rounds; round++) {
    base.push(...(await samplesOf(baseline, share(baselineBudget, round))));
    cand.push(...(await samplesOf(candidate, share(budget, round))));
  }
  return { candidateMs: medianOf(cand), baselineMs: medianOf(base), candidateSamples: cand.length, baselineSamples: base.length };
}

/** `fn` called `times` times in a row: one sample of it is as long as one of a candidate `times` bigger. */
export function repeated(fn: () => unknown, times: number): () => void {
  return () => {
    for (let i = 0; i < times; i++) fn();
  };
}

export type Verdict = "PASS" | "WARN";

/** One line of the report: what was compared, both medians, the ratio and the target it is held to. */
export interface Outcome {
  title: string;
  candidate: string;
  candidateMs: number;
  baseline: string;
  baselineMs: number;
  ratio: number;
  /** the ratio must stay below this */
  target: number;
  /** what the ratio is of, when it is not candidate ÷ baseline (e.g. "per-object cost") */
  ratioOf?: string;
  notes?: string[];
}

export function verdict(outcome: Outcome): Verdict {
  return outcome.ratio < outcome.target ? "PASS" : "WARN";
}

export function formatMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  if (ms >= 0.01) return `${ms.toFixed(3)} ms`;
  return `${(ms * 1000).toFixed(2)} µs`;
}

export function formatRatio(ratio: number): string {
  if (ratio >= 100) return ratio.toFixed(0);
  if (ratio >= 0.01) return ratio.toPrecision(2);
  return ratio.toExponential(1);
}

export function formatOutcome(outcome: Outcome): string {
  const ratioOf = outcome.ratioOf ? ` (${outcome.ratioOf})` : "";
  const line =
    `${outcome.title}: ${outcome.candidate} ${formatMs(outcome.candidateMs)} vs ${outcome.baseline} ${formatMs(outcome.baselineMs)}` +
    `  ratio${ratioOf} ${formatRatio(outcome.ratio)} (target < ${outcome.target}) ${verdict(outcome)}`;
  return [line, ...(outcome.notes ?? []).map((note) => `    ${note}`)].join("\n");
}

/** Runs `count` calls of `task` with at most `parallel` in flight. */
export async function inParallel(count: number, parallel: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}

/** Polls `condition` every 10 ms until it holds; fails after `timeoutMs` with `what`. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
