import { afterAll, beforeAll } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { workloadPullsSuite } from "./workload-pulls.suite.ts";
import { workloadRoutesSuite } from "./workload-routes.suite.ts";

// The workloads API, its suites on one server (one start instead of two), each in a project of its own.

let t: TestServer;

beforeAll(async () => {
  // Short image-pull back-offs, so that a pod that could not pull tries again within the test.
  t = await startTestServer({ embeddedOptions: { inMemory: true, imagePullBackOff: { initialMs: 200, maxMs: 1000 } } });
});
afterAll(async () => {
  await t?.stop();
});

workloadRoutesSuite(() => t);
workloadPullsSuite(() => t);
