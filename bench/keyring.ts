import { buildDockerConfigJson, DockerKeyring, makeKeyringFromSecrets, type DockerConfigEntry, type PullSecret } from "@paddock/registry-auth";
import { formatMs, formatRatio, medians, repeated, type Outcome } from "./measure.ts";

const MANY_KEYS = 1_000;
const FEW_KEYS = 10;
/** The baseline repeats its work this many times per sample, so that both sides' samples are equally long. */
const BATCH = MANY_KEYS / FEW_KEYS;

/**
 * The servers of `count` pull-secret entries, of every form kubelet files differently: a host, a
 * host and path, a host glob, a host and port, and Docker Hub's legacy address (once).
 */
function entries(count: number): DockerConfigEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const forms = [`registry-${i}.example.com`, `quay.io/org-${i}`, `*.mirror-${i}.example.net`, `registry-${i}.internal:5000`, `ghcr.io/team-${i}`];
    const server = i === 4 ? "https://index.docker.io/v1/" : forms[i % forms.length]!;
    return { server, username: `user-${i}`, password: `bench-password-${i}` };
  });
}

/** Images whose credentials sit among the first ten entries (so both keyrings answer alike), and one with none. */
const IMAGES: Array<[image: string, credentials: number]> = [
  ["registry-0.example.com/app:1.2", 1],
  ["quay.io/org-1/app", 1],
  ["cache.mirror-2.example.net/library/redis", 1],
  ["nginx", 1], // Docker Hub's default-registry fallback
  ["unknown.example.org/team/app", 0],
];

function lookups(keyring: DockerKeyring): () => void {
  return () => {
    for (const [image, expected] of IMAGES) {
      const found = keyring.lookup(image).length;
      if (found !== expected) throw new Error(`lookup(${image}) found ${found} credentials, expected ${expected}`);
    }
  };
}

/** One pull secret per entry, as a pod with that many imagePullSecrets would have. */
function pullSecrets(count: number): PullSecret[] {
  return entries(count).map((entry, i) => ({
    name: `pull-${i}`,
    namespace: "bench",
    type: "kubernetes.io/dockerconfigjson",
    data: { ".dockerconfigjson": Buffer.from(buildDockerConfigJson([entry])).toString("base64") },
  }));
}

/** kubelet's credential matching (DockerKeyring.lookup) with 1,000 keys against 10, and building the keyring from that many secrets (up to its first lookup). */
export async function keyringBenchmarks(report: (outcome: Outcome) => void): Promise<void> {
  const many = new DockerKeyring();
  many.add(entries(MANY_KEYS));
  const few = new DockerKeyring();
  few.add(entries(FEW_KEYS));
  const lookup = await medians(
    { label: `lookup, ${MANY_KEYS} keys`, fn: lookups(many) },
    { label: `lookup, ${FEW_KEYS} keys`, fn: repeated(lookups(few), BATCH) },
    { iterations: 15, timeMs: 600, warmupIterations: 3 },
  );
  const perLookup = { many: lookup.candidateMs / IMAGES.length, few: lookup.baselineMs / BATCH / IMAGES.length };
  report({
    title: "kubelet keyring DockerKeyring.lookup",
    candidate: `${MANY_KEYS} keys`,
    candidateMs: perLookup.many,
    baseline: `${FEW_KEYS} keys`,
    baselineMs: perLookup.few,
    ratioOf: "per-key cost",
    ratio: perLookup.many / MANY_KEYS / (perLookup.few / FEW_KEYS),
    target: 2,
    notes: [
      `per lookup, over ${IMAGES.length} images: ${formatRatio(perLookup.many / perLookup.few)}× the time with ${MANY_KEYS / FEW_KEYS}× the keys (kubelet tries every key in turn); medians of ${lookup.candidateSamples} and ${lookup.baselineSamples} samples`,
    ],
  });

  const manySecrets = pullSecrets(MANY_KEYS);
  const fewSecrets = pullSecrets(FEW_KEYS);
  // The keyring orders its keys on the first lookup, so a build is timed up to its first answer.
  const buildAndLookUp = (secrets: PullSecret[]) => () => {
    const found = makeKeyringFromSecrets(secrets).lookup(IMAGES[0]![0]).length;
    if (found !== IMAGES[0]![1]) throw new Error(`lookup after build found ${found} credentials, expected ${IMAGES[0]![1]}`);
  };
  const build = await medians(
    { label: `build, ${MANY_KEYS} secrets`, fn: buildAndLookUp(manySecrets) },
    { label: `build, ${FEW_KEYS} secrets`, fn: repeated(buildAndLookUp(fewSecrets), BATCH) },
    { iterations: 15, timeMs: 300, warmupIterations: 2 },
  );
  const perBuild = { many: build.candidateMs, few: build.baselineMs / BATCH };
  report({
    title: "kubelet keyring makeKeyringFromSecrets + first lookup",
    candidate: `${MANY_KEYS} secrets`,
    candidateMs: perBuild.many,
    baseline: `${FEW_KEYS} secrets`,
    baselineMs: perBuild.few,
    ratioOf: "per-secret cost",
    ratio: perBuild.many / MANY_KEYS / (perBuild.few / FEW_KEYS),
    target: 2,
    notes: [`per secret: ${formatMs(perBuild.many / MANY_KEYS)} vs ${formatMs(perBuild.few / FEW_KEYS)}; medians of ${build.candidateSamples} and ${build.baselineSamples} samples`],
  });
}
