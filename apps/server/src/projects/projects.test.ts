import { afterAll, beforeAll } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { projectBootstrapSuite } from "./project-bootstrap.suite.ts";
import { projectsSuite } from "./projects.suite.ts";

// The projects feature on one server (one start instead of two): the bootstrap first, while the
// cluster is as the server found it, then the API.

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

projectBootstrapSuite(() => t);
projectsSuite(() => t);
