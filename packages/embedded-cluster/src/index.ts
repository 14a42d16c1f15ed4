export { startEmbeddedCluster, KUBERNETES_VERSION, type EmbeddedCluster, type EmbeddedClusterOptions } from "./cluster.ts";
