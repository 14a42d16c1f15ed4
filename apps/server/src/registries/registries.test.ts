import { afterAll, beforeAll } from "vitest";
import { recordingLogger } from "../testing/password-leaks.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { credentialTestSuite } from "./credential-test.suite.ts";
import { projectRegistryControllerSuite } from "./project-registry-controller.suite.ts";
import { registryCrudSuite } from "./registry-crud.suite.ts";
import { registryEditsSuite } from "./registry-edits.suite.ts";
import { registryNamesSuite } from "./registry-names.suite.ts";

// The registries feature, its suites on one server (one start instead of five). Each suite keeps to
// projects and namespaces of its own, so that none sees what another made.

const log = recordingLogger();
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ logger: log.logger });
});
afterAll(async () => {
  await t?.stop();
});

registryCrudSuite(() => t, log.lines);
registryEditsSuite(() => t, log.lines);
registryNamesSuite(() => t);
credentialTestSuite(() => t);
projectRegistryControllerSuite(() => t);
