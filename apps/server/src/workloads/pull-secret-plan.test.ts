import { describe, expect, it } from "vitest";
import { planPullSecrets, type NamespaceSecret } from "./pull-secret-plan.ts";

const registry = (name: string, ...addresses: string[]): NamespaceSecret => ({
  name,
  type: "kubernetes.io/dockerconfigjson",
  registries: addresses.map((address) => ({ address, username: `${name}-user` })),
});

describe("planPullSecrets", () => {
  it("attaches the registry whose address matches the image and says why", () => {
    const plan = planPullSecrets({
      namespace: "demo",
      images: ["127.0.0.1:5000/demo/hello:1.0"],
      chosen: [],
      secrets: [registry("demo", "127.0.0.1:5000"), registry("quay", "quay.io")],
    });
    expect(plan).toEqual({
      imagePullSecrets: ["demo"],
      images: [
        {
          image: "127.0.0.1:5000/demo/hello:1.0",
          repository: "127.0.0.1:5000/demo/hello",
          anonymous: false,
          matches: [
            {
              secret: "demo",
              registry: "127.0.0.1:5000",
              username: "demo-user",
              chosenBy: "paddock",
              reason: 'registry "127.0.0.1:5000" in secret "demo" matches 127.0.0.1:5000/demo/hello',
            },
          ],
        },
      ],
    });
  });

  it("says an image without a matching registry is pulled anonymously", () => {
    const plan = planPullSecrets({ namespace: "demo", images: ["quay.io/team/app"], chosen: [], secrets: [registry("local", "127.0.0.1:5000")] });
    expect(plan.imagePullSecrets).toEqual([]);
    expect(plan.images).toEqual([{ image: "quay.io/team/app", repository: "quay.io/team/app", matches: [], anonymous: true }]);
  });

  it("keeps the user's names first, even those that match nothing, then the matches", () => {
    const plan = planPullSecrets({
      namespace: "demo",
      images: ["quay.io/team/app:1", "ghcr.io/org/tool"],
      chosen: ["ghcr", "unrelated"],
      secrets: [registry("quay", "quay.io"), registry("ghcr", "ghcr.io"), registry("unrelated", "registry.gitlab.com")],
    });
    expect(plan.imagePullSecrets).toEqual(["ghcr", "unrelated", "quay"]);
    expect(plan.images.map((i) => i.matches.map((m) => [m.secret, m.chosenBy, m.reason]))).toEqual([
      [["quay", "paddock", 'registry "quay.io" in secret "quay" matches quay.io/team/app']],
      [["ghcr", "user", 'chosen by you: registry "ghcr.io" in secret "ghcr" matches ghcr.io/org/tool']],
    ]);
    expect(plan.warnings).toEqual(['Registry "unrelated" chosen by you matches none of the images: it is kept, but kubelet will not use it for them.']);
  });

  it("follows kubelet's rules: globs, ports, path prefixes, more specific paths first", () => {
    const secrets = [
      registry("glob", "*.example.com"),
      registry("port", "registry.example.com:5000"),
      registry("org", "quay.io/org"),
      registry("host", "quay.io"),
      registry("other-org", "quay.io/other"),
    ];
    const plan = planPullSecrets({
      namespace: "demo",
      images: ["registry.example.com/app", "registry.example.com:5000/app", "quay.io/org/app", "a.b.example.com/app"],
      chosen: [],
      secrets,
    });
    expect(plan.images.map((i) => i.matches.map((m) => m.secret))).toEqual([["glob"], ["port"], ["org", "host"], []]);
    expect(plan.imagePullSecrets).toEqual(["glob", "port", "org", "host"]);
  });

  it("treats docker.io and index.docker.io as one: kubectl's default server matches Docker Hub images", () => {
    const plan = planPullSecrets({
      namespace: "demo",
      images: ["nginx", "docker.io/team/app:2", "index.docker.io/team/other"],
      chosen: [],
      secrets: [registry("hub", "https://index.docker.io/v1/")],
    });
    expect(plan.imagePullSecrets).toEqual(["hub"]);
    expect(plan.images.map((i) => [i.repository, i.matches.map((m) => m.reason)])).toEqual([
      ["docker.io/library/nginx", ['registry "https://index.docker.io/v1/" in secret "hub" is Docker Hub\'s, which kubelet uses for the Docker Hub image docker.io/library/nginx']],
      ["docker.io/team/app", ['registry "https://index.docker.io/v1/" in secret "hub" is Docker Hub\'s, which kubelet uses for the Docker Hub image docker.io/team/app']],
      ["docker.io/team/other", ['registry "https://index.docker.io/v1/" in secret "hub" is Docker Hub\'s, which kubelet uses for the Docker Hub image docker.io/team/other']],
    ]);
  });

  it("is case-sensitive about hosts, as kubelet is", () => {
    const plan = planPullSecrets({ namespace: "demo", images: ["quay.io/a/b"], chosen: [], secrets: [registry("upper", "Quay.io")] });
    expect(plan.images[0]!.anonymous).toBe(true);
  });

  it("reads legacy dockercfg secrets and ignores every other type", () => {
    const plan = planPullSecrets({
      namespace: "demo",
      images: ["quay.io/a/b"],
      chosen: [],
      secrets: [
        { name: "legacy", type: "kubernetes.io/dockercfg", registries: [{ address: "quay.io", username: "old" }] },
        { name: "opaque", type: "Opaque" },
      ],
    });
    expect(plan.imagePullSecrets).toEqual(["legacy"]);
  });

  it("lists every matching credential in kubelet's order: several secrets for one registry", () => {
    const plan = planPullSecrets({
      namespace: "demo",
      images: ["quay.io/a/b"],
      chosen: ["second"],
      secrets: [registry("first", "quay.io"), registry("second", "quay.io")],
    });
    expect(plan.imagePullSecrets).toEqual(["second", "first"]);
    expect(plan.images[0]!.matches.map((m) => [m.secret, m.chosenBy])).toEqual([
      ["second", "user"],
      ["first", "paddock"],
    ]);
  });

  it("reports an invalid image in kubelet's words and attaches nothing for it", () => {
    const plan = planPullSecrets({ namespace: "demo", images: ["Quay.io/Team/App"], chosen: [], secrets: [registry("quay", "quay.io")] });
    expect(plan.images).toEqual([
      {
        image: "Quay.io/Team/App",
        error: 'Failed to apply default image tag "Quay.io/Team/App": couldn\'t parse image name "Quay.io/Team/App": invalid reference format: repository name (Team/App) must be lowercase',
        matches: [],
        anonymous: false,
      },
    ]);
    expect(plan.imagePullSecrets).toEqual([]);
  });

  it("warns about chosen names that kubelet cannot use, and keeps them", () => {
    const plan = planPullSecrets({
      namespace: "demo",
      images: ["quay.io/a/b"],
      chosen: ["missing", "opaque", "broken", "missing"],
      secrets: [{ name: "opaque", type: "Opaque" }, { name: "broken", type: "kubernetes.io/dockerconfigjson", registries: [], registryError: "unexpected end of JSON input" }],
    });
    expect(plan.imagePullSecrets).toEqual(["missing", "opaque", "broken"]);
    expect(plan.images[0]!.anonymous).toBe(true);
    expect(plan.warnings).toEqual([
      'Secret "missing" does not exist in namespace "demo": it is kept, but kubelet will report that it cannot retrieve it (FailedToRetrieveImagePullSecret) until it exists.',
      'Secret "opaque" is not a registry (type Opaque): kubelet ignores it when pulling.',
      'Secret "broken" cannot be read as a registry (unexpected end of JSON input): kubelet will fail to pull with it.',
    ]);
  });
});
