import { describe, expect, it } from "vitest";
import { kubectlCreateCommand, podYaml } from "./kubectl-equivalents.ts";

describe("kubectlCreateCommand", () => {
  it("writes kubectl's docker-registry command with a password placeholder, one per namespace", () => {
    expect(kubectlCreateCommand({ name: "testquay", registries: [{ address: "quay.io", username: "alice" }] }, ["a", "b"])).toBe(
      [
        "kubectl create secret docker-registry testquay \\",
        "  --docker-server=quay.io \\",
        "  --docker-username=alice \\",
        "  --docker-password=<password> \\",
        "  -n a",
        "",
        "kubectl create secret docker-registry testquay \\",
        "  --docker-server=quay.io \\",
        "  --docker-username=alice \\",
        "  --docker-password=<password> \\",
        "  -n b",
      ].join("\n"),
    );
  });

  it("quotes a username the shell would split", () => {
    expect(kubectlCreateCommand({ name: "x", registries: [{ address: "quay.io", username: "robot$ci bot" }] }, ["a"])).toContain("--docker-username='robot$ci bot' \\");
  });

  it("writes a config file for a registry with several addresses", () => {
    const command = kubectlCreateCommand(
      { name: "multi", registries: [{ address: "quay.io", username: "a" }, { address: "ghcr.io", username: "b" }] },
      ["team-a"],
    );
    expect(command).toContain('"quay.io": {\n      "username": "a",\n      "password": "<password>"');
    expect(command).toContain("kubectl create secret generic multi \\\n  --type=kubernetes.io/dockerconfigjson \\\n  --from-file=.dockerconfigjson=config.json \\\n  -n team-a");
  });
});

describe("podYaml", () => {
  it("is Rancher's pod.yml with the registry's host and the secret in imagePullSecrets", () => {
    expect(podYaml({ name: "testquay", registries: [{ address: "quay.io", username: "alice" }] }, "default")).toBe(
      [
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  name: private-reg",
        "  namespace: default",
        "spec:",
        "  containers:",
        "    - name: private-reg-container",
        "      image: quay.io/<image name>:<tag>",
        "  imagePullSecrets:",
        "    - name: testquay",
        "",
      ].join("\n"),
    );
  });
});
