import { stringify } from "yaml";

export interface KubeconfigInput {
  name: string;
  server: string;
  caPem: string;
  token: string;
}

/** A kubeconfig whose cluster, user and context are all named `name`. */
export function renderKubeconfig({ name, server, caPem, token }: KubeconfigInput): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server, "certificate-authority-data": Buffer.from(caPem).toString("base64") } }],
    users: [{ name, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    preferences: {},
  });
}
