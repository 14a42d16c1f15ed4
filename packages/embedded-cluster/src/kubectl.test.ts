import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "./testing/test-cluster.ts";
import { waitFor } from "./testing/wait-for.ts";

// The Rancher page's pod.yml, with its placeholders filled in.
const POD_YML = `apiVersion: v1
kind: Pod
metadata:
  name: private-reg
spec:
  containers:
  - name: private-reg-container
    image: quay.io/paddock/private-app
  imagePullSecrets:
  - name: testquay
`;

let t: TestCluster;
const work = mkdtempSync(join(tmpdir(), "paddock-kubectl-test-"));

beforeAll(async () => {
  t = await startTestCluster();
});
afterAll(async () => {
  await t.stop();
});

function file(name: string, content: string): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

function lines(text: string): string[][] {
  return text
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s{2,}/));
}

describe("the Rancher page's kubectl commands", () => {
  it("creates a docker-registry secret and reads it back exactly as kubectl wrote it", async () => {
    const created = await t.kubectl(["create", "secret", "docker-registry", "testquay", "--docker-server=quay.io", "--docker-username=u", "--docker-password=p"]);
    expect(created).toMatchObject({ code: 0, stdout: "secret/testquay created\n" });

    const data = await t.kubectl(["get", "secret", "testquay", "--output=jsonpath={.data.\\.dockerconfigjson}"]);
    expect(data.code).toBe(0);
    expect(Buffer.from(data.stdout, "base64").toString()).toBe('{"auths":{"quay.io":{"username":"u","password":"p","auth":"dTpw"}}}');

    const again = await t.kubectl(["create", "secret", "docker-registry", "testquay", "--docker-server=quay.io", "--docker-username=u", "--docker-password=p"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('error: failed to create secret secrets "testquay" already exists\n');
  });

  it("creates the page's pod from pod.yml and lists secrets, pods, namespaces and events", async () => {
    const created = await t.kubectl(["create", "-f", file("pod.yml", POD_YML)]);
    expect(created).toMatchObject({ code: 0, stdout: "pod/private-reg created\n" });

    const secrets = await t.kubectl(["get", "secrets"]);
    expect(lines(secrets.stdout)[0]).toEqual(["NAME", "TYPE", "DATA", "AGE"]);
    expect(lines(secrets.stdout)).toContainEqual(["testquay", "kubernetes.io/dockerconfigjson", "1", expect.stringMatching(/^\d+s$/)]);

    const pods = await t.kubectl(["get", "pods"]);
    expect(lines(pods.stdout)[0]).toEqual(["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
    // quay.io cannot be reached from here, so the kubelet's pull fails, as on an offline node.
    expect(lines(pods.stdout)[1]?.slice(0, 4)).toEqual(["private-reg", "0/1", expect.stringMatching(/^(Pending|ContainerCreating|ErrImagePull|ImagePullBackOff)$/), "0"]);

    const namespaces = await t.kubectl(["get", "ns"]);
    expect(lines(namespaces.stdout)[0]).toEqual(["NAME", "STATUS", "AGE"]);
    expect(lines(namespaces.stdout).map((l) => l[0])).toEqual(
      expect.arrayContaining(["default", "kube-system", "kube-public", "kube-node-lease", "local"]),
    );

    const events = await t.kubectl(["get", "events", "-n", "kube-public"]);
    expect(events).toMatchObject({ code: 0, stderr: "No resources found in kube-public namespace.\n" });
  });

  it("applies a manifest: created, configured, unchanged", async () => {
    const manifest = (value: string) => file("cm.yml", `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  color: ${value}\n  size: large\n`);
    expect((await t.kubectl(["apply", "-f", manifest("blue")])).stdout).toBe("configmap/app created\n");
    expect((await t.kubectl(["apply", "-f", manifest("green")])).stdout).toBe("configmap/app configured\n");
    expect((await t.kubectl(["apply", "-f", manifest("green")])).stdout).toBe("configmap/app unchanged\n");
    const color = await t.kubectl(["get", "configmap", "app", "-o", "jsonpath={.data.color} {.data.size}"]);
    expect(color.stdout).toBe("green large");
  });

  it("labels, annotates and patches with all three patch types", async () => {
    expect((await t.kubectl(["label", "secret", "testquay", "team=blue"])).stdout).toBe("secret/testquay labeled\n");
    expect((await t.kubectl(["annotate", "secret", "testquay", "owner=ops"])).stdout).toBe("secret/testquay annotated\n");
    const deployment = await t.kubectl(["create", "deployment", "web", "--image=quay.io/paddock/web:1.0"]);
    expect(deployment.stdout).toBe("deployment.apps/web created\n");
    const template = '{"spec":{"template":{"spec":{"imagePullSecrets":[{"name":"%s"}]}}}}';
    await t.kubectl(["patch", "deployment", "web", "-p", template.replace("%s", "testquay")]);
    const strategic = await t.kubectl(["patch", "deployment", "web", "-p", template.replace("%s", "other")]);
    expect(strategic).toMatchObject({ stderr: "", stdout: "deployment.apps/web patched\n" });
    const merge = await t.kubectl(["patch", "secret", "testquay", "--type=merge", "-p", '{"metadata":{"labels":{"tier":"gold"}}}']);
    expect(merge.stdout).toBe("secret/testquay patched\n");
    const json = await t.kubectl(["patch", "configmap", "app", "--type=json", "-p", '[{"op":"replace","path":"/data/size","value":"small"}]']);
    expect(json.stdout).toBe("configmap/app patched\n");

    const pullSecrets = await t.kubectl(["get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.imagePullSecrets[*].name}"]);
    expect(pullSecrets.stdout).toBe("other testquay"); // merged by name, not replaced
    const labels = await t.kubectl(["get", "secret", "testquay", "--show-labels", "--no-headers"]);
    expect(labels.stdout).toContain("team=blue,tier=gold");
    const size = await t.kubectl(["get", "configmap", "app", "-o", "jsonpath={.data.size}"]);
    expect(size.stdout).toBe("small");
  });

  it("edits with KUBE_EDITOR", async () => {
    const editor = file("editor.sh", "#!/bin/sh\nsed -i 's/color: green/color: purple/' \"$1\"\n");
    chmodSync(editor, 0o755);
    const edited = await t.kubectl(["edit", "configmap", "app"], { env: { KUBE_EDITOR: editor } });
    expect(edited.stdout).toBe("configmap/app edited\n");
    expect((await t.kubectl(["get", "configmap", "app", "-o", "jsonpath={.data.color}"])).stdout).toBe("purple");
  });

  it("watches: a secret created while `get --watch` runs appears in its table", async () => {
    const child = spawn("kubectl", ["get", "secrets", "--watch"], {
      env: { ...process.env, KUBECONFIG: t.cluster.kubeconfigPath, KUBECACHEDIR: join(work, "cache"), HOME: work },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes("testquay"), "the table of the watch", 15_000);
    await t.kubectl(["create", "secret", "generic", "watched", "--from-literal=a=b"]);
    await waitFor(() => /watched\s+Opaque\s+1\s+\d+s\n/.test(out), "the new secret's row", 15_000);
    child.kill();
    const table = lines(out);
    expect(table[0]).toEqual(["NAME", "TYPE", "DATA", "AGE"]);
    expect(table).toContainEqual(["watched", "Opaque", "1", expect.stringMatching(/^\d+s$/)]);
  });

  it("deletes, and says so", async () => {
    expect((await t.kubectl(["delete", "secret", "testquay"])).stdout).toBe('secret "testquay" deleted\n');
    const missing = await t.kubectl(["get", "secret", "testquay"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): secrets "testquay" not found\n');
  });

  it("deletes a pod gracefully, waiting for the kubelet to stop it, or at once with --force", async () => {
    const pods = t.cluster.service.definition("", "pods");
    for (const name of ["graceful", "forced"]) {
      const created = await t.kubectl(["run", name, "--image=127.0.0.1:9/absent:1", "--image-pull-policy=Never"]);
      expect(created.stdout).toBe(`pod/${name} created\n`);
      await waitFor(() => (t.cluster.service.tryGet(pods, "default", name)?.status as { phase?: string } | undefined)?.phase, `${name} seen by the kubelet`);
    }
    const writes: string[] = [];
    const unsubscribe = t.cluster.service.store.subscribe((change) => {
      if (change.resource === "pods" && change.object.metadata.name === "graceful") {
        writes.push(`${change.type} ${change.object.metadata.deletionGracePeriodSeconds ?? "-"}`);
      }
    });
    const started = Date.now();
    expect(await t.kubectl(["delete", "pod", "graceful"])).toEqual({ code: 0, stdout: 'pod "graceful" deleted\n', stderr: "" });
    expect(Date.now() - started).toBeLessThan(5000);
    unsubscribe();
    // Marked with the pod's 30 s; once the kubelet has stopped the pod it deletes it with 0 s, which is
    // written before the pod goes.
    expect(writes).toEqual(["MODIFIED 30", "MODIFIED 0", "DELETED 0"]);

    expect(await t.kubectl(["delete", "pod", "forced", "--grace-period=0", "--force"])).toEqual({
      code: 0,
      stdout: 'pod "forced" force deleted\n',
      stderr:
        "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n",
    });
    expect(t.cluster.service.list(pods, "default").items.map((p) => p.metadata.name)).not.toContain("forced");
  });
});

describe("bad input answered as kube-apiserver answers it", () => {
  it("refuses an invalid name", async () => {
    const result = await t.kubectl(["create", "secret", "generic", "Bad_Name", "--from-literal=a=b"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: failed to create secret Secret "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
    );
  });

  it("refuses a dockerconfigjson secret without .dockerconfigjson, or with broken JSON", async () => {
    const noData = file("nodata.yml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: nodata\ntype: kubernetes.io/dockerconfigjson\n");
    const a = await t.kubectl(["create", "-f", noData]);
    expect(a.code).toBe(1);
    expect(a.stderr).toBe('The Secret "nodata" is invalid: data[.dockerconfigjson]: Required value\n');

    const broken = file(
      "broken.yml",
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: broken\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${Buffer.from("{not json").toString("base64")}\n`,
    );
    const b = await t.kubectl(["create", "-f", broken]);
    expect(b.code).toBe(1);
    expect(b.stderr).toBe(
      `The Secret "broken" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character 'n' looking for beginning of object key string\n`,
    );
  });

  it("refuses a stale resourceVersion", async () => {
    const current = await t.kubectl(["get", "configmap", "app", "-o", "json"]);
    const stale = JSON.parse(current.stdout) as { data: Record<string, string> };
    await t.kubectl(["patch", "configmap", "app", "--type=merge", "-p", '{"data":{"color":"red"}}']);
    stale.data.color = "yellow";
    const result = await t.kubectl(["replace", "-f", "-"], { input: JSON.stringify(stale) });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on configmaps "app": the object has been modified; please apply your changes to the latest version and try again\n',
    );
  });

  it("refuses a write into a missing namespace", async () => {
    const result = await t.kubectl(["create", "configmap", "x", "-n", "nope", "--from-literal=a=b"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: failed to create configmap: namespaces "nope" not found\n');
  });

  it("refuses a wrong token", async () => {
    const result = await t.kubectl(["get", "secrets", "--token=wrong"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: You must be logged in to the server (Unauthorized)");
  });
});
