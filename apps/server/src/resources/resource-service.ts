import type { Certificate, CertificateCreate, ConfigMap, ConfigMapCreate, Secret, SecretCreate } from "@paddock/contracts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import type { NameGuard } from "../names/name-guard.ts";
import { kube } from "../kube/api-errors.ts";
import { NotFoundError } from "../errors.ts";
import { byNamespaceAndName, type SecretSummary } from "../kube/summaries.ts";
import {
  DESCRIPTION_ANNOTATION,
  MANAGED_BY_LABEL,
  MANAGED_BY_PADDOCK,
  TLS,
  isProjectRegistryCopy,
  isRegistryType,
} from "../projects/rancher-model.ts";
import { ProjectScope } from "../projects/project-scope.ts";
import { checkCertificatePair } from "./certificate-pem.ts";

// Secrets shown on the Secrets page: not registries, certificates or service account tokens, which have pages or owners of their own.
const NOT_PLAIN_SECRETS = new Set([TLS, "kubernetes.io/service-account-token"]);

function isPlainSecret(s: SecretSummary): boolean {
  return !isRegistryType(s.type) && !NOT_PLAIN_SECRETS.has(s.type) && !isProjectRegistryCopy(s);
}

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/**
 * Secrets, certificates and ConfigMaps of a project (issue 4, "Secrets, Certificates,
 * ConfigMaps"): listed from the caches, created under the same unique-name rule as registries.
 */
export class ResourceService {
  readonly #scope: ProjectScope;

  constructor(
    private readonly cluster: ClusterConnection,
    private readonly names: NameGuard,
    private readonly projectId: string,
  ) {
    this.#scope = new ProjectScope(cluster, projectId);
  }

  listSecrets(): Secret[] {
    return this.#secretsInScope()
      .filter(isPlainSecret)
      .map((s) => ({ name: s.name, namespace: s.namespace, type: s.type, description: s.annotations[DESCRIPTION_ANNOTATION] ?? "", keys: s.keys, createdAt: s.creationTimestamp }));
  }

  listCertificates(): Certificate[] {
    const now = Date.now();
    return this.#secretsInScope()
      .filter((s) => s.type === TLS)
      .map((s) => ({
        name: s.name,
        namespace: s.namespace,
        description: s.annotations[DESCRIPTION_ANNOTATION] ?? "",
        subject: s.certificate?.subject ?? `unreadable certificate: ${s.certificateError ?? "no tls.crt"}`,
        issuer: s.certificate?.issuer ?? "",
        dnsNames: s.certificate?.dnsNames ?? [],
        notBefore: s.certificate?.notBefore ?? "",
        notAfter: s.certificate?.notAfter ?? "",
        expired: s.certificate ? Date.parse(s.certificate.notAfter) < now : false,
        createdAt: s.creationTimestamp,
      }));
  }

  listConfigMaps(): ConfigMap[] {
    const inScope = new Set(this.#scope.namespaces);
    return this.cluster.caches.configMaps
      .items()
      .filter((c) => inScope.has(c.namespace))
      .sort(byNamespaceAndName)
      .map((c) => ({ name: c.name, namespace: c.namespace, description: c.annotations[DESCRIPTION_ANNOTATION] ?? "", data: c.data, createdAt: c.creationTimestamp }));
  }

  async createSecret(input: SecretCreate): Promise<Secret> {
    this.#scope.requireNamespaceField(input.namespace);
    const data = Object.fromEntries(Object.entries(input.data).map(([k, v]) => [k, base64(v)]));
    const created = await this.names.reserve(this.projectId, { type: "namespace", namespace: input.namespace }, input.name, () =>
      kube(this.cluster.id, () =>
        this.cluster.core.createNamespacedSecret({ namespace: input.namespace, body: { metadata: this.#metadata(input.name, input.description), type: "Opaque", data } }),
      ),
    );
    return { name: input.name, namespace: input.namespace, type: "Opaque", description: input.description ?? "", keys: Object.keys(input.data).sort(), createdAt: String(created.metadata?.creationTimestamp ?? "") };
  }

  async createCertificate(input: CertificateCreate): Promise<Certificate> {
    this.#scope.requireNamespaceField(input.namespace);
    const facts = checkCertificatePair(input.certificate, input.privateKey);
    const created = await this.names.reserve(this.projectId, { type: "namespace", namespace: input.namespace }, input.name, () =>
      kube(this.cluster.id, () =>
        this.cluster.core.createNamespacedSecret({
          namespace: input.namespace,
          body: { metadata: this.#metadata(input.name, input.description), type: TLS, data: { "tls.crt": base64(input.certificate), "tls.key": base64(input.privateKey) } },
        }),
      ),
    );
    return { name: input.name, namespace: input.namespace, description: input.description ?? "", ...facts, expired: Date.parse(facts.notAfter) < Date.now(), createdAt: String(created.metadata?.creationTimestamp ?? "") };
  }

  async createConfigMap(input: ConfigMapCreate): Promise<ConfigMap> {
    this.#scope.requireNamespaceField(input.namespace);
    const created = await this.names.reserve(this.projectId, { type: "namespace", namespace: input.namespace }, input.name, () =>
      kube(this.cluster.id, () => this.cluster.core.createNamespacedConfigMap({ namespace: input.namespace, body: { metadata: this.#metadata(input.name, input.description), data: input.data } })),
    );
    return { name: input.name, namespace: input.namespace, description: input.description ?? "", data: input.data, createdAt: String(created.metadata?.creationTimestamp ?? "") };
  }

  async deleteSecret(kind: "secret" | "certificate", namespace: string, name: string): Promise<void> {
    this.#scope.requireNamespace(namespace);
    const found = this.cluster.caches.secrets.get(namespace, name);
    const matches = found && (kind === "certificate" ? found.type === TLS : isPlainSecret(found));
    if (!matches) throw new NotFoundError(`There is no ${kind} "${name}" in namespace "${namespace}".`);
    await kube(this.cluster.id, () => this.cluster.core.deleteNamespacedSecret({ namespace, name }));
  }

  async deleteConfigMap(namespace: string, name: string): Promise<void> {
    this.#scope.requireNamespace(namespace);
    await kube(this.cluster.id, () => this.cluster.core.deleteNamespacedConfigMap({ namespace, name }));
  }

  #secretsInScope(): SecretSummary[] {
    const inScope = new Set(this.#scope.namespaces);
    return this.cluster.caches.secrets
      .items()
      .filter((s) => inScope.has(s.namespace))
      .sort(byNamespaceAndName);
  }

  #metadata(name: string, description: string | undefined) {
    return {
      name,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK },
      ...(description ? { annotations: { [DESCRIPTION_ANNOTATION]: description } } : {}),
    };
  }
}
