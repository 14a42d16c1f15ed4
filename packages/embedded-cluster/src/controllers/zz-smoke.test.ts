import { writeFileSync } from "node:fs";
import { it } from "vitest";
import { startDockerRegistry } from "@paddock/registry-auth/testing";
import { pushImage } from "@paddock/registry-auth";
import { startTestCluster } from "/work/main/packages/embedded-cluster/src/testing/test-cluster.ts";

it("smoke", async () => {
  const registry = await startDockerRegistry({ users: { alice: "s3cret" }, tls: true });
  const ca = "/tmp/scratch/ca.pem";
  writeFileSync(ca, registry.caCert!);
  await pushImage({ registry: registry.host, repository: "private/app", tag: "1.0", credential: { username: "alice", password: "s3cret" }, ca: registry.caCert });
  const t = await startTestCluster({ imagePullBackOff: { initialMs: 300, maxMs: 1200 }, registryCaFile: ca, log: console.log });
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: private-reg
spec:
  containers:
  - name: private-reg-container
    image: ${registry.host}/private/app:1.0
`;
  console.log(await t.kubectl(["apply", "-f", "-"], { input: pod }));
  await new Promise((r) => setTimeout(r, 2500));
  console.log((await t.kubectl(["get", "events"])).stdout);
  console.log((await t.kubectl(["get", "pods"])).stdout);
  console.log((await t.kubectl(["describe", "pod", "private-reg"])).stdout);
  console.log((await t.kubectl(["create", "secret", "docker-registry", "regcred", `--docker-server=${registry.host}`, "--docker-username=alice", "--docker-password=s3cret"])).stdout);
  const pod2 = pod.replace("private-reg\n", "private-reg2\n") + "  imagePullSecrets:\n  - name: regcred\n";
  console.log(await t.kubectl(["apply", "-f", "-"], { input: pod2 }));
  await new Promise((r) => setTimeout(r, 1000));
  console.log((await t.kubectl(["get", "events", "--field-selector", "involvedObject.name=private-reg2"])).stdout);
  console.log((await t.kubectl(["get", "pods", "-o", "wide"])).stdout);
  console.log((await t.kubectl(["describe", "pod", "private-reg2"])).stdout);
  console.log((await t.kubectl(["get", "pod", "private-reg2", "-o", "yaml"])).stdout);
  console.log(await t.kubectl(["delete", "pod", "private-reg2"]));
  console.log((await t.kubectl(["get", "events", "--field-selector", "involvedObject.name=private-reg2"])).stdout);
  await t.stop();
  await registry.stop();
});
