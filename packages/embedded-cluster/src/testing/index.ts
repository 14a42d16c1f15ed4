export { kubectl, type CommandResult } from "./kubectl.ts";
export { startTestCluster, type TestCluster } from "./test-cluster.ts";
