import type { Registry } from "@paddock/contracts";
import { imageHost } from "./address-presets.ts";

// POSIX shell quoting, only where the value needs it.
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `kubectl create secret docker-registry` commands that make the same Secret in each of
 * `namespaces` (the password replaced by a placeholder). kubectl's command holds one address, so a
 * registry with several gets one `.dockerconfigjson` file instead.
 */
export function kubectlCreateCommand(registry: Pick<Registry, "name" | "registries">, namespaces: readonly string[]): string {
  const targets = namespaces.length > 0 ? namespaces : ["<namespace>"];
  if (registry.registries.length <= 1) {
    const entry = registry.registries[0] ?? { address: "<registry address>", username: "<username>" };
    return targets
      .map((ns) =>
        [
          `kubectl create secret docker-registry ${shellWord(registry.name)} \\`,
          `  --docker-server=${shellWord(entry.address)} \\`,
          `  --docker-username=${entry.username ? shellWord(entry.username) : "<username>"} \\`,
          "  --docker-password=<password> \\",
          `  -n ${shellWord(ns)}`,
        ].join("\n"),
      )
      .join("\n\n");
  }
  const auths = Object.fromEntries(registry.registries.map((r) => [r.address, { username: r.username, password: "<password>" }]));
  const file = JSON.stringify({ auths }, null, 2);
  const commands = targets.map(
    (ns) =>
      `kubectl create secret generic ${shellWord(registry.name)} \\\n  --type=kubernetes.io/dockerconfigjson \\\n  --from-file=.dockerconfigjson=config.json \\\n  -n ${shellWord(ns)}`,
  );
  return ["# docker-registry takes one address: for several, write the config file (put in each password)", `cat > config.json <<'EOF'`, file, "EOF", "", ...commands].join("\n");
}

/** Rancher's example pod.yml: a pod whose image is on this registry, pulled with this Secret. */
export function podYaml(registry: Pick<Registry, "name" | "registries">, namespace: string): string {
  const host = registry.registries[0] ? imageHost(registry.registries[0].address) : undefined;
  const image = host ? `${host}/<image name>:<tag>` : "<image name>:<tag>";
  return [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  name: private-reg",
    `  namespace: ${namespace}`,
    "spec:",
    "  containers:",
    "    - name: private-reg-container",
    `      image: ${image}`,
    "  imagePullSecrets:",
    `    - name: ${registry.name}`,
    "",
  ].join("\n");
}
