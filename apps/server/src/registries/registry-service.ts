import type { V1Secret } from "@kubernetes/client-node";
import type {
  BulkDeleteResult,
  CredentialTestResult,
  Registry,
  RegistryCreate,
  RegistryRef,
  RegistrySaved,
  RegistryUpdate,
} from "@paddock/contracts";
import type { Logger } from "pino";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { secretSummary, type ProjectSummary, type SecretSummary } from "../kube/summaries.ts";
import { kube, statusCode, toDomainError } from "../kube/api-errors.ts";
import { waitForGone, waitForWrite } from "../kube/wait-for-cache.ts";
import { ConflictError, DomainError, InvalidError, NotFoundError } from "../errors.ts";
import type { NameGuard } from "../names/name-guard.ts";
import { namespacesOfProject, requireProject } from "../projects/project-directory.ts";
import { ProjectStore } from "../projects/project-store.ts";
import { DOCKER_CFG, isProjectRegistryCopy, isProjectRegistrySource, isRegistryType, projectOfNamespace } from "../projects/rancher-model.ts";
import { copyStates, type RegistryCopyStates } from "./copies.ts";
import { attachToDefaultServiceAccount, detachFromDefaultServiceAccount } from "./default-service-account.ts";
import { completeEntries, normaliseEntries, sameAddress, storedEntries } from "./registry-entries.ts";
import { attachesToDefaultServiceAccount, editedRegistrySecret, isNamespacedRegistry, newRegistrySecret, toRegistry } from "./registry-model.ts";
import { ensureBackingNamespace, ensureProjectNamespace, runUndo, type UndoSteps } from "./registry-namespaces.ts";
import { testCredentials } from "./credential-test.ts";

/** How long a delete waits for the Secret to go (finalizers may hold it) before it says so. */
const GONE_TIMEOUT_MS = 10_000;

function describeRef(ref: RegistryRef): string {
  return ref.type === "project" ? `the project registry "${ref.name}"` : `the registry "${ref.name}" in namespace "${ref.namespace}"`;
}

function summaryOf(secret: V1Secret): SecretSummary {
  return secretSummary(secret as unknown as Record<string, unknown>);
}

/**
 * The registries of one project in one cluster: namespaced registries (a dockerconfigjson Secret
 * in a namespace of the project) and project registries (that Secret in the project's backing
 * namespace, copied by the controller into every namespace of the project). Lists read the
 * caches; every write reads and writes the cluster itself, and passwords stay on the server.
 */
export class RegistryService {
  constructor(
    private readonly cluster: ClusterConnection,
    private readonly names: NameGuard,
    private readonly log: Logger,
  ) {}

  get #id(): string {
    return this.cluster.id;
  }

  /** Project registries of the project, then the registries of its namespaces (kubectl's too), copies left out. */
  list(projectId: string): Registry[] {
    const project = requireProject(this.cluster, projectId);
    const namespaces = new Set(namespacesOfProject(this.cluster, projectId));
    namespaces.delete(project.backingNamespace);
    const projectRegistries: Registry[] = [];
    const namespaced: Registry[] = [];
    for (const secret of this.cluster.caches.secrets.items()) {
      if (secret.deletionTimestamp) continue;
      if (secret.namespace === project.backingNamespace && isRegistryType(secret.type) && isProjectRegistrySource(secret, projectId)) {
        projectRegistries.push(this.#projectRegistry(projectId, secret));
      } else if (namespaces.has(secret.namespace) && isNamespacedRegistry(secret)) {
        namespaced.push(toRegistry(secret));
      }
    }
    const byName = (a: Registry, b: Registry) =>
      a.name.localeCompare(b.name) || (a.scope.type === "namespace" && b.scope.type === "namespace" ? a.scope.namespace.localeCompare(b.scope.namespace) : 0);
    return [...projectRegistries.sort(byName), ...namespaced.sort(byName)];
  }

  /** One registry, read from the cluster. */
  async get(projectId: string, ref: RegistryRef): Promise<Registry> {
    const project = requireProject(this.cluster, projectId);
    const secret = await this.#read(project, ref);
    return this.#readModel(projectId, ref, summaryOf(secret));
  }

  /** Creates a registry (or a clone of one) under the project's name lock (rule 1). */
  async create(projectId: string, input: RegistryCreate): Promise<RegistrySaved> {
    const project = requireProject(this.cluster, projectId);
    const { entries: requested, notes } = normaliseEntries(input.registries);
    const source = input.cloneFrom ? storedEntries(await this.#read(project, input.cloneFrom)) : [];
    const entries = completeEntries(requested, source, input.cloneFrom ? "clone" : "create");
    const scope = input.scope;
    const namespace = scope.type === "project" ? project.backingNamespace : scope.namespace;
    const ref: RegistryRef = scope.type === "project" ? { type: "project", name: input.name } : { type: "namespace", namespace, name: input.name };
    const attach = scope.type === "namespace" && input.attachToDefaultServiceAccount === true;
    const body = newRegistrySecret(
      input.name,
      namespace,
      { description: input.description, attachToDefaultServiceAccount: input.attachToDefaultServiceAccount, entries },
      scope.type === "project" ? projectId : undefined,
    );
    const guardScope = scope.type === "project" ? ({ type: "project" } as const) : ({ type: "namespace", namespace } as const);
    const created = await this.names.reserve(projectId, guardScope, input.name, async () => {
      const undo: UndoSteps = [];
      try {
        if (scope.type === "project") await ensureBackingNamespace(this.cluster, namespace, undo);
        else await ensureProjectNamespace(this.cluster, project, namespace, scope.createNamespace === true, undo);
        const secret = await kube(this.#id, () => this.cluster.core.createNamespacedSecret({ namespace, body }));
        undo.push(() => this.cluster.core.deleteNamespacedSecret({ name: input.name, namespace }));
        if (attach) await attachToDefaultServiceAccount(this.cluster, namespace, input.name);
        return secret;
      } catch (error) {
        await runUndo(undo);
        throw error;
      }
    });
    this.log.info({ cluster: this.#id, project: projectId, namespace, name: input.name, clonedFrom: input.cloneFrom }, "registry created");
    return { ...(await this.#afterWrite(projectId, ref, created)), notes };
  }

  /** Edits the addresses, usernames, passwords (empty: keep the stored one), description and default-ServiceAccount choice. */
  async update(projectId: string, ref: RegistryRef, input: RegistryUpdate): Promise<RegistrySaved> {
    const project = requireProject(this.cluster, projectId);
    const stored = await this.#read(project, ref);
    if (stored.type === DOCKER_CFG) {
      throw new InvalidError(
        `${capitalise(describeRef(ref))} is a legacy kubernetes.io/dockercfg secret, which Paddock shows read-only: create a new registry with its addresses instead.`,
      );
    }
    const current = stored.metadata?.resourceVersion ?? "";
    if (input.resourceVersion && input.resourceVersion !== current) throw this.#changedMeanwhile(ref);
    const { entries: requested, notes } = normaliseEntries(input.registries);
    const entries = completeEntries(requested, storedEntries(stored), "edit");
    const body = editedRegistrySecret(stored, {
      description: input.description,
      attachToDefaultServiceAccount: input.attachToDefaultServiceAccount,
      entries,
    });
    body.metadata = { ...body.metadata, resourceVersion: input.resourceVersion ?? current };
    const name = ref.name;
    const namespace = stored.metadata?.namespace ?? "";
    let updated: V1Secret;
    try {
      updated = await this.cluster.core.replaceNamespacedSecret({ name, namespace, body });
    } catch (error) {
      if (statusCode(error) === 409) throw this.#changedMeanwhile(ref);
      throw toDomainError(error, this.#id);
    }
    if (ref.type === "namespace") {
      const before = attachesToDefaultServiceAccount(stored.metadata ?? {});
      const after = attachesToDefaultServiceAccount(updated.metadata ?? {});
      try {
        if (after) await attachToDefaultServiceAccount(this.cluster, namespace, name);
        else if (before) await detachFromDefaultServiceAccount(this.cluster, namespace, name);
      } catch (error) {
        await this.#restore(stored, updated);
        throw error;
      }
    }
    this.log.info({ cluster: this.#id, project: projectId, namespace, name }, "registry updated");
    return { ...(await this.#afterWrite(projectId, ref, updated)), notes };
  }

  /** Deletes a registry. A project registry's source is gone when this returns; the controller removes its copies. */
  async delete(projectId: string, ref: RegistryRef): Promise<void> {
    const project = requireProject(this.cluster, projectId);
    const secret = await this.#read(project, ref);
    const namespace = secret.metadata?.namespace ?? "";
    const uid = secret.metadata?.uid;
    await kube(this.#id, () =>
      this.cluster.core.deleteNamespacedSecret({ name: ref.name, namespace, body: { preconditions: uid ? { uid } : {} } }),
    ).catch((error: unknown) => {
      if (!(error instanceof NotFoundError)) throw error;
    });
    await this.#waitUntilGone(namespace, ref.name, uid);
    if (ref.type === "namespace" && attachesToDefaultServiceAccount(secret.metadata ?? {})) {
      await detachFromDefaultServiceAccount(this.cluster, namespace, ref.name);
    }
    this.log.info({ cluster: this.#id, project: projectId, namespace, name: ref.name }, "registry deleted");
  }

  /** Deletes each registry it can, and says for each what happened. */
  async bulkDelete(projectId: string, refs: RegistryRef[]): Promise<BulkDeleteResult> {
    requireProject(this.cluster, projectId);
    const items = await Promise.all(
      refs.map(async (ref): Promise<BulkDeleteResult["items"][number]> => {
        try {
          await this.delete(projectId, ref);
          return { ref, deleted: true };
        } catch (error) {
          if (error instanceof DomainError) return { ref, deleted: false, error: { code: error.code, message: error.message } };
          this.log.error({ err: error, cluster: this.#id, project: projectId, ref }, "bulk delete of a registry failed");
          return { ref, deleted: false, error: { code: "Internal", message: "Something went wrong on the server; the error was logged." } };
        }
      }),
    );
    return { items };
  }

  /** Tests the stored credentials of one address of a registry (the first when none is named): the password never travels. */
  async testStored(projectId: string, ref: RegistryRef, address?: string): Promise<CredentialTestResult> {
    const project = requireProject(this.cluster, projectId);
    const entries = storedEntries(await this.#read(project, ref));
    if (entries.length === 0) throw new InvalidError(`${capitalise(describeRef(ref))} holds no registry address that Paddock can read.`);
    const entry = address === undefined ? entries[0] : entries.find((e) => sameAddress(e.server, address));
    if (!entry) {
      throw new NotFoundError(`${capitalise(describeRef(ref))} has no entry for ${address}: it holds ${entries.map((e) => e.server).join(", ")}.`);
    }
    return testCredentials({ address: entry.server, username: entry.username, password: entry.password });
  }

  /** The registry Secret `ref` names, read from the cluster (data included: never returned as is). */
  async #read(project: ProjectSummary, ref: RegistryRef): Promise<V1Secret> {
    const namespace = ref.type === "project" ? project.backingNamespace : ref.namespace;
    if (ref.type === "namespace") await this.#requireNamespaceOfProject(project, ref.namespace);
    const notFound = () =>
      new NotFoundError(`There is no ${ref.type === "project" ? "project registry" : "registry"} "${ref.name}"${ref.type === "namespace" ? ` in namespace "${ref.namespace}"` : ""} of project "${project.displayName}".`);
    let secret: V1Secret;
    try {
      secret = await this.cluster.core.readNamespacedSecret({ name: ref.name, namespace });
    } catch (error) {
      if (statusCode(error) === 404) throw notFound();
      throw toDomainError(error, this.#id);
    }
    const summary = { type: secret.type ?? "Opaque", labels: secret.metadata?.labels ?? {}, annotations: secret.metadata?.annotations ?? {} };
    if (!isRegistryType(summary.type)) throw notFound();
    if (ref.type === "project" && !isProjectRegistrySource(summary, project.name)) throw notFound();
    if (ref.type === "namespace" && isProjectRegistryCopy(summary)) {
      throw new NotFoundError(
        `"${ref.name}" in namespace "${ref.namespace}" is a copy of a project registry, kept by Paddock: open the project registry "${ref.name}" instead.`,
      );
    }
    return secret;
  }

  async #requireNamespaceOfProject(project: ProjectSummary, namespace: string): Promise<void> {
    const found = this.cluster.caches.namespaces.get("", namespace) ?? (await new ProjectStore(this.cluster).findNamespace(namespace));
    if (!found) throw new NotFoundError(`There is no namespace "${namespace}" in cluster "${this.#id}".`);
    if (projectOfNamespace(found, this.#id) !== project.name || namespace === project.backingNamespace) {
      throw new NotFoundError(`The namespace "${namespace}" is not in project "${project.displayName}".`);
    }
  }

  #changedMeanwhile(ref: RegistryRef): ConflictError {
    return new ConflictError(
      `${capitalise(describeRef(ref))} was changed by someone else after you opened it: reload it to see the latest version, then make your change again.`,
    );
  }

  /** Puts back what an edit replaced, when its second step failed. */
  async #restore(previous: V1Secret, written: V1Secret): Promise<void> {
    try {
      const body: V1Secret = { ...previous, metadata: { ...previous.metadata, resourceVersion: written.metadata?.resourceVersion } };
      await this.cluster.core.replaceNamespacedSecret({ name: previous.metadata?.name ?? "", namespace: previous.metadata?.namespace ?? "", body });
    } catch (error) {
      this.log.warn({ cluster: this.#id, namespace: previous.metadata?.namespace, name: previous.metadata?.name, err: toDomainError(error, this.#id).message }, "could not undo a registry edit");
    }
  }

  /** Waits for the watch to report the Secret gone (so that a list right after shows it gone); asks the cluster only when that takes long. */
  async #waitUntilGone(namespace: string, name: string, uid: string | undefined): Promise<void> {
    if (await waitForGone(this.cluster.caches.secrets, namespace, name, uid, GONE_TIMEOUT_MS)) return;
    let secret: V1Secret;
    try {
      secret = await this.cluster.core.readNamespacedSecret({ name, namespace });
    } catch (error) {
      if (statusCode(error) === 404) return;
      throw toDomainError(error, this.#id);
    }
    if (!uid || secret.metadata?.uid === uid) {
      throw new ConflictError(`The secret "${name}" in namespace "${namespace}" is being deleted but is still there (it may have finalizers); check it with kubectl.`);
    }
  }

  /** The read model of what was just written, once the cache holds it (so lists and copy states see it). */
  async #afterWrite(projectId: string, ref: RegistryRef, written: V1Secret): Promise<Registry> {
    await waitForWrite(this.cluster.caches.secrets, written);
    return this.#readModel(projectId, ref, summaryOf(written));
  }

  #readModel(projectId: string, ref: RegistryRef, summary: SecretSummary): Registry {
    return ref.type === "project" ? this.#projectRegistry(projectId, summary) : toRegistry(summary);
  }

  #projectRegistry(projectId: string, secret: SecretSummary): Registry {
    let states: RegistryCopyStates;
    try {
      states = copyStates(this.cluster, projectId, secret.name);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      states = { state: "Syncing", copies: [] };
    }
    return toRegistry(secret, states);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
