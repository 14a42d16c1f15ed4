export { startEmbeddedCluster, KUBERNETES_VERSION, type EmbeddedCluster, type EmbeddedClusterOptions } from "./cluster.ts";
export { startDemoRegistry, type DemoRegistry } from "./demo-registry.ts";
export { demoRegistryLines } from "./cli.ts";
