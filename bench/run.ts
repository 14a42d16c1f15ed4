import { cpus, loadavg } from "node:os";
import { embeddedClusterBenchmarks } from "./embedded-cluster.ts";
import { keyringBenchmarks } from "./keyring.ts";
import { formatOutcome, verdict, type Outcome } from "./measure.ts";
import { serverBenchmarks } from "./server.ts";

// `npm run bench`: each benchmark times a candidate and a baseline in this run and prints their medians,
// the ratio and its target. Targets are reported (PASS/WARN), not asserted: the exit code is 0 unless
// a benchmark crashes or the whole run outlives its bound.
// `npm run bench -- keyring` runs only the suites whose name contains one of the given words.

const BOUND_MS = 170_000;

const suites: Array<[name: string, run: (report: (outcome: Outcome) => void) => Promise<void>]> = [
  ["kubelet keyring", keyringBenchmarks],
  ["embedded cluster", embeddedClusterBenchmarks],
  ["BFF", serverBenchmarks],
];

const only = process.argv.slice(2).map((word) => word.toLowerCase());
const chosen = only.length === 0 ? suites : suites.filter(([name]) => only.some((word) => name.toLowerCase().includes(word)));
if (chosen.length === 0) {
  console.error(`bench: no suite matches ${only.join(", ")}; the suites are: ${suites.map(([name]) => name).join(", ")}`);
  process.exit(2);
}

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${BOUND_MS / 1000} s; giving up`);
  process.exit(1);
}, BOUND_MS);
watchdog.unref();

console.log(`Paddock benchmarks: Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
console.log("Each line: candidate median vs baseline median (both timed in this run), the ratio and its target.\n");

const outcomes: Outcome[] = [];
let crashed = 0;
for (const [name, run] of chosen) {
  const suiteStarted = performance.now();
  try {
    await run((outcome) => {
      outcomes.push(outcome);
      console.log(formatOutcome(outcome));
    });
    console.log(`  (${name}: ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s)\n`);
  } catch (error) {
    crashed++;
    console.error(`bench: ${name} crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}

const warned = outcomes.filter((o) => verdict(o) === "WARN").length;
console.log(`${outcomes.length - warned} PASS, ${warned} WARN${crashed ? `, ${crashed} crashed` : ""} in ${seconds()} s (load average now ${loadavg()[0]!.toFixed(1)})`);
clearTimeout(watchdog);
process.exit(crashed > 0 ? 1 : 0);
