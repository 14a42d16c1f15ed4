import { describe, expect, it } from "vitest";
import { ReconcileQueue } from "./reconcile-queue.ts";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("ReconcileQueue", () => {
  it("works once on a key added many times within the debounce delay", async () => {
    const worked: string[] = [];
    const queue = new ReconcileQueue(async (key) => void worked.push(key), { debounceMs: 20 });
    for (let i = 0; i < 5; i++) queue.add("p-a/reg");
    queue.add("p-a/other");
    await tick(5);
    expect(worked).toEqual([]);
    await tick(40);
    await queue.idle();
    expect(worked.sort()).toEqual(["p-a/other", "p-a/reg"]);
  });

  it("never works on one key twice at once, and works again when it was added meanwhile", async () => {
    let running = 0;
    let most = 0;
    let passes = 0;
    let release!: () => void;
    const queue = new ReconcileQueue(
      async () => {
        running++;
        most = Math.max(most, running);
        passes++;
        if (passes === 1) await new Promise<void>((r) => (release = r));
        running--;
      },
      { debounceMs: 1 },
    );
    queue.add("k");
    await tick(10);
    queue.add("k");
    queue.add("k");
    await tick(10);
    release();
    await tick(10);
    await queue.idle();
    expect({ passes, most }).toEqual({ passes: 2, most: 1 });
  });

  it("retries a failed key with back-off, and a key whose worker asks for another pass", async () => {
    const times: number[] = [];
    const errors: string[] = [];
    const queue = new ReconcileQueue(
      async () => {
        times.push(Date.now());
        if (times.length <= 2) throw new Error(`failure ${times.length}`);
        return times.length === 3; // one more pass, then done
      },
      { debounceMs: 1, retryMs: 30, onError: (key, error) => errors.push(`${key}: ${(error as Error).message}`) },
    );
    queue.add("k");
    await tick(5);
    await queue.idle();
    expect(times).toHaveLength(4);
    expect(errors).toEqual(["k: failure 1", "k: failure 2"]);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(29);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(59);
  });

  it("forgets pending keys when cleared", async () => {
    const worked: string[] = [];
    const queue = new ReconcileQueue(async (key) => void worked.push(key), { debounceMs: 10 });
    queue.add("k");
    queue.clear();
    await tick(30);
    expect(worked).toEqual([]);
  });
});
