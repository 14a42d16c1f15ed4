import { randomUUID } from "node:crypto";
import type { KubeObject } from "./types.ts";
import type { ResourceDefinition } from "../kinds/types.ts";
import { apiVersionOf } from "../kinds/types.ts";
import {
  HistoryCompactedError,
  KeyExistsError,
  KeyNotFoundError,
  RevisionMismatchError,
  type Change,
  type ObjectKey,
  type Store,
} from "../store/store.ts";
import {
  StatusError,
  alreadyExists,
  badRequest,
  conflict,
  expired,
  forbidden,
  invalid,
  notFound,
  qualifiedResource,
} from "./status.ts";
import { validateObjectMeta, validateObjectMetaUpdate, nameIsDNSSubdomain } from "./validation.ts";
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from "./selectors.ts";
import { applyStrategicMergePatch } from "../patch/strategic-merge.ts";
import { applyMergePatch } from "../patch/merge-patch.ts";
import { applyJsonPatch } from "../patch/json-patch.ts";
import { PatchError } from "../patch/errors.ts";
import { generateName } from "./generate-name.ts";
import { metaTime, nowTimestamp } from "./meta-time.ts";
import { planDeletion } from "./graceful-deletion.ts";
import { isJsonObject, specOf } from "./json-values.ts";
import { podNodeName } from "../kinds/pod-fields.ts";
import { setPodCondition } from "../kinds/pod-conditions.ts";
import { checkPatchedFields, type FieldValidationRequest } from "./field-validation.ts";
import { fieldSchemaFor } from "./field-schema/field-schema.ts";
import { decodeStrictValue } from "./strict-decoding.ts";

export type Subresource = "status" | "scale" | undefined;

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface DeleteOptions {
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  /** How long a graceful deletion (pods) waits; 0 deletes at once. The kind's own default when unset. */
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface WriteOptions {
  dryRun?: boolean;
  /**
   * Set for a client's patch: the patched object is decoded into the kind's fields (unknown ones are
   * not stored) and problems are reported as the request asked (field-validation.ts). Create and
   * update bodies are decoded by the HTTP layer; in-process writers leave it unset.
   */
  fieldValidation?: FieldValidationRequest & { patchErrors?: string[] };
}

export type PatchType = "strategic" | "merge" | "json";

export interface WatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: KubeObject;
}

/** A request's view of the operation, handed to admission plugins. */
export interface AdmissionRequest {
  operation: "CREATE" | "UPDATE" | "DELETE";
  definition: ResourceDefinition;
  subresource: Subresource;
  namespace: string;
  object: KubeObject;
  oldObject?: KubeObject;
}

/** Mutates or refuses a write before validation, as kube-apiserver's admission chain does. */
export type AdmissionPlugin = (request: AdmissionRequest, service: ResourceService) => void | Promise<void>;

/** The garbage collector's finalizers (apimachinery meta/v1 types.go FinalizerDeleteDependents, FinalizerOrphanDependents). */
export const FOREGROUND_FINALIZER = "foregroundDeletion";
export const ORPHAN_FINALIZER = "orphan";

const BEING_TERMINATED = "because it is being terminated";

const CRD_GROUP = "apiextensions.k8s.io";
/** apiextensions-apiserver pkg/apis/apiextensions helpers.go CustomResourceCleanupFinalizer. */
const CRD_CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

/** The refusal of a create in a namespace being deleted (NamespaceTerminatingCause): controllers let it pass quietly. */
export function isNamespaceTerminating(error: unknown): boolean {
  return error instanceof StatusError && error.code === 403 && error.message.endsWith(BEING_TERMINATED);
}

interface ContinueToken {
  rv: string;
  start: string;
}

/**
 * The generic REST storage of kube-apiserver (apiserver/pkg/registry/generic/registry/store.go):
 * every kind goes through the same create/update/patch/delete/list/watch logic, and only its
 * `Strategy` differs.
 */
export class ResourceService {
  readonly #byGroupResource = new Map<string, ResourceDefinition>();

  constructor(
    readonly store: Store,
    readonly definitions: ResourceDefinition[],
    private readonly admission: AdmissionPlugin[] = [],
  ) {
    for (const def of definitions) this.#byGroupResource.set(`${def.group}/${def.resource}`, def);
  }

  find(group: string, version: string, resource: string): ResourceDefinition | undefined {
    const def = this.#byGroupResource.get(`${group}/${resource}`);
    return def && def.version === version ? def : undefined;
  }

  definition(group: string, resource: string): ResourceDefinition {
    const def = this.#byGroupResource.get(`${group}/${resource}`);
    if (!def) throw new Error(`unknown resource ${resource}.${group}`);
    return def;
  }

  byKind(apiVersion: string, kind: string): ResourceDefinition | undefined {
    return this.definitions.find((d) => apiVersionOf(d) === apiVersion && d.kind === kind);
  }

  get(def: ResourceDefinition, namespace: string, name: string): KubeObject {
    const found = this.store.get(this.#key(def, namespace, name));
    if (!found) throw notFound(def, name);
    return this.#withTypeMeta(def, found);
  }

  tryGet(def: ResourceDefinition, namespace: string, name: string): KubeObject | undefined {
    const found = this.store.get(this.#key(def, namespace, name));
    return found && this.#withTypeMeta(def, found);
  }

  list(def: ResourceDefinition, namespace: string | undefined, options: ListOptions = {}): ListResult {
    const match = this.#matcher(def, options);
    const all = this.store.list(storeResource(def), def.namespaced ? namespace : undefined).filter(match);
    let start = "";
    let resourceVersion = String(this.store.revision);
    if (options.continue) {
      const token = decodeContinue(options.continue);
      start = token.start;
      resourceVersion = token.rv;
    }
    const after = start ? all.filter((o) => objectPosition(o) > start) : all;
    const limit = options.limit && options.limit > 0 ? options.limit : undefined;
    const page = limit ? after.slice(0, limit) : after;
    const result: ListResult = { items: page.map((o) => this.#withTypeMeta(def, o)), resourceVersion };
    if (limit && after.length > limit) {
      result.continue = encodeContinue({ rv: resourceVersion, start: objectPosition(page[page.length - 1]!) });
      result.remainingItemCount = after.length - limit;
    }
    return result;
  }

  async create(
    def: ResourceDefinition,
    namespace: string,
    body: KubeObject,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    const obj = this.#prepareBody(def, namespace, body);
    const strategy = def.strategy;
    strategy.defaults?.(obj);
    strategy.prepare?.(obj);
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = this.#freeName(def, namespace, obj.metadata.generateName);
      strategy.defaults?.(obj); // defaults may depend on the name (a namespace's metadata.name label)
    }
    delete obj.metadata.resourceVersion;
    delete obj.metadata.deletionTimestamp;
    delete obj.metadata.deletionGracePeriodSeconds;
    obj.metadata.uid = randomUUID();
    obj.metadata.creationTimestamp = nowTimestamp();
    if (strategy.tracksGeneration) obj.metadata.generation = 1;
    else delete obj.metadata.generation;

    const name = obj.metadata.name ?? "";
    await this.#admit({ operation: "CREATE", definition: def, subresource: undefined, namespace, object: obj });
    this.#validate(def, obj);
    if (def.namespaced) this.#ensureNamespaceAccepts(def, namespace, name);
    if (options.dryRun) {
      if (this.store.get(this.#key(def, namespace, name))) throw alreadyExists(def, name);
      return this.#withTypeMeta(def, obj);
    }
    try {
      return this.#withTypeMeta(def, this.store.create(this.#key(def, namespace, name), obj));
    } catch (error) {
      if (error instanceof KeyExistsError) throw alreadyExists(def, name);
      throw error;
    }
  }

  /** PUT: replaces the object (or its status/scale), with optimistic concurrency on resourceVersion. */
  async update(
    def: ResourceDefinition,
    namespace: string,
    name: string,
    body: KubeObject,
    subresource: Subresource = undefined,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    const current = this.get(def, namespace, name);
    const obj = this.#prepareBody(def, namespace, body);
    if (obj.metadata.name && obj.metadata.name !== name) {
      throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    }
    obj.metadata.name = name;
    const requested = obj.metadata.resourceVersion;
    if (!requested && !def.strategy.allowUnconditionalUpdate) {
      throw invalid(def.group, def.kind, name, [
        { type: "FieldValueInvalid", field: "metadata.resourceVersion", value: 0, detail: "must be specified for an update" },
      ]);
    }
    if (requested && requested !== current.metadata.resourceVersion) throw conflict(def, name);
    return this.#commitUpdate(def, namespace, current, obj, subresource, options);
  }

  async patch(
    def: ResourceDefinition,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    subresource: Subresource = undefined,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    const current = this.get(def, namespace, name);
    const fields = fieldSchemaFor(def);
    // The patch applies to the object as decoded into its Go type: nothing unknown in it.
    const base = options.fieldValidation ? (decodeStrictValue(current, fields, "unstructured").value as KubeObject) : current;
    let patched: unknown;
    try {
      if (type === "json") patched = applyJsonPatch(base, patch);
      else if (type === "merge") patched = applyMergePatch(base, patch);
      else patched = applyStrategicMergePatch(base, patch, def.strategy.mergeSchema);
    } catch (error) {
      if (error instanceof PatchError) throw patchFailure(error, type);
      throw error;
    }
    if (options.fieldValidation) patched = checkPatchedFields(type, patch, patched, fields, options.fieldValidation);
    if (!isJsonObject(patched) || !isJsonObject(patched.metadata)) throw badRequest("the patch turned the object into something that is not an object");
    const obj = patched as KubeObject;
    if (obj.metadata.name !== name) throw badRequest(`the name of the object (${String(obj.metadata.name)}) does not match the name on the URL (${name})`);
    const requested = obj.metadata.resourceVersion;
    if (requested && requested !== current.metadata.resourceVersion) throw conflict(def, name);
    return this.#commitUpdate(def, namespace, current, this.#prepareBody(def, namespace, obj), subresource, options);
  }

  /**
   * Applies `mutate` to the latest object and writes it, retrying on conflicts: what controllers use
   * (client-go's RetryOnConflict).
   */
  async mutate(
    def: ResourceDefinition,
    namespace: string,
    name: string,
    mutate: (obj: KubeObject) => boolean | void,
    subresource: Subresource = undefined,
  ): Promise<KubeObject | undefined> {
    return this.#mutate(def, namespace, name, mutate, subresource, false);
  }

  async #mutate(
    def: ResourceDefinition,
    namespace: string,
    name: string,
    mutate: (obj: KubeObject) => boolean | void,
    subresource: Subresource,
    marksDeletion: boolean,
  ): Promise<KubeObject | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = this.tryGet(def, namespace, name);
      if (!current) return undefined;
      const next = structuredClone(current);
      if (mutate(next) === false) return current;
      try {
        return await this.#commitUpdate(def, namespace, current, next, subresource, {}, marksDeletion);
      } catch (error) {
        if (error instanceof StatusError && error.reason === "Conflict") continue;
        throw error;
      }
    }
    throw conflict(def, name);
  }

  async delete(def: ResourceDefinition, namespace: string, name: string, options: DeleteOptions = {}): Promise<{ object: KubeObject; deleted: boolean }> {
    const current = this.get(def, namespace, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw conflict(def, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(
        def,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
    await this.#admit({ operation: "DELETE", definition: def, subresource: undefined, namespace, object: current, oldObject: current });
    const plan = planDeletion(def, current, options.gracePeriodSeconds);
    if (plan.kind === "pending") return { object: current, deleted: false };

    const finalizers = [...(current.metadata.finalizers ?? [])];
    const policy = options.propagationPolicy ?? (def.kind === "Namespace" ? "Background" : undefined);
    if (policy === "Foreground" && !finalizers.includes(FOREGROUND_FINALIZER)) finalizers.push(FOREGROUND_FINALIZER);
    if (policy === "Orphan" && !finalizers.includes(ORPHAN_FINALIZER)) finalizers.push(ORPHAN_FINALIZER);
    if (def.kind === "Namespace") {
      // Namespaces always go through Terminating; the namespace controller empties and removes them.
      // Deleting one already Terminating answers it as it is (namespace storage.go Delete).
      // The namespace strategy makes a namespace with a deletionTimestamp Terminating.
      const mark = (o: KubeObject) => {
        o.metadata.deletionTimestamp ??= nowTimestamp();
      };
      if (options.dryRun) {
        const marked = structuredClone(current);
        mark(marked);
        def.strategy.prepare?.(marked, current);
        return { object: marked, deleted: false };
      }
      const updated = await this.#mutate(def, namespace, name, mark, undefined, true);
      return { object: updated ?? current, deleted: false };
    }
    if (def.group === CRD_GROUP && def.kind === "CustomResourceDefinition" && !current.metadata.deletionTimestamp) {
      return this.#deleteCustomResourceDefinition(def, name, current, options);
    }
    // Store.Delete: a graceful deletion is written first, even one of 0 s (watchers see it before
    // the object goes); the object stays while finalizers are pending or a grace period runs.
    const graceful = plan.kind === "graceful" ? plan : undefined;
    const mark = (o: KubeObject) => {
      if (finalizers.length > 0) o.metadata.finalizers = finalizers;
      if (graceful) {
        o.metadata.deletionTimestamp = graceful.deletionTimestamp;
        o.metadata.deletionGracePeriodSeconds = graceful.gracePeriodSeconds;
      } else {
        o.metadata.deletionTimestamp ??= nowTimestamp();
        o.metadata.deletionGracePeriodSeconds ??= 0;
      }
    };
    if (graceful || finalizers.length > 0) {
      const stays = finalizers.length > 0 || (graceful !== undefined && graceful.gracePeriodSeconds > 0);
      if (options.dryRun) {
        // A dry run answers with the object as the update would have left it (store.go Delete).
        const marked = structuredClone(current);
        mark(marked);
        return { object: marked, deleted: !stays };
      }
      const updated = await this.#mutate(def, namespace, name, mark, undefined, true);
      if (stays) return { object: updated ?? current, deleted: false };
    }
    if (options.dryRun) return { object: current, deleted: true };
    return { object: this.#remove(def, namespace, name), deleted: true };
  }

  /**
   * apiextensions-apiserver registry/customresourcedefinition/etcd.go Delete: the first delete only
   * marks the definition (deletionTimestamp, the cleanup finalizer, a Terminating condition) and
   * answers with it; the finalizing controller then removes its custom resources and the finalizer.
   * This cluster serves no custom resources from a definition, so the finalizer goes at once.
   */
  async #deleteCustomResourceDefinition(def: ResourceDefinition, name: string, current: KubeObject, options: DeleteOptions): Promise<{ object: KubeObject; deleted: boolean }> {
    const mark = (o: KubeObject) => {
      o.metadata.deletionTimestamp ??= nowTimestamp();
      if (!(o.metadata.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER)) o.metadata.finalizers = [...(o.metadata.finalizers ?? []), CRD_CLEANUP_FINALIZER];
    };
    if (options.dryRun) {
      const marked = structuredClone(current);
      mark(marked);
      def.strategy.prepare?.(marked, current);
      return { object: marked, deleted: false };
    }
    const marked = (await this.#mutate(def, "", name, mark, undefined, true)) ?? current;
    await this.#mutate(def, "", name, (o) => {
      o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER);
      if (o.metadata.finalizers.length === 0) delete o.metadata.finalizers;
    }, undefined, false);
    return { object: marked, deleted: false };
  }

  async deleteCollection(def: ResourceDefinition, namespace: string | undefined, list: ListOptions, options: DeleteOptions = {}): Promise<KubeObject[]> {
    const { items } = this.list(def, namespace, { labelSelector: list.labelSelector, fieldSelector: list.fieldSelector });
    const deleted: KubeObject[] = [];
    for (const item of items) {
      try {
        deleted.push((await this.delete(def, item.metadata.namespace ?? "", item.metadata.name!, options)).object);
      } catch (error) {
        if (!(error instanceof StatusError && error.code === 404)) throw error;
      }
    }
    return deleted;
  }

  /**
   * Streams changes after `resourceVersion` ("" or "0": the current objects first, as ADDED).
   * Returns a stop function. A resourceVersion older than the kept history throws Expired.
   */
  watch(
    def: ResourceDefinition,
    namespace: string | undefined,
    resourceVersion: string | undefined,
    options: ListOptions,
    onEvent: (event: WatchEvent) => void,
  ): () => void {
    const match = this.#matcher(def, options);
    const resource = storeResource(def);
    const inScope = (o: KubeObject) => !def.namespaced || namespace === undefined || o.metadata.namespace === namespace;
    const deliver = (change: Change) => {
      if (change.resource !== resource || !inScope(change.object)) return;
      const now = match(change.object);
      const before = change.previous ? match(change.previous) : false;
      const object = this.#withTypeMeta(def, change.object);
      if (change.type === "DELETED") {
        if (before || now) onEvent({ type: "DELETED", object });
      } else if (change.type === "ADDED") {
        if (now) onEvent({ type: "ADDED", object });
      } else if (now && before) onEvent({ type: "MODIFIED", object });
      else if (now) onEvent({ type: "ADDED", object });
      else if (before) onEvent({ type: "DELETED", object });
    };
    let backlog: Change[] = [];
    let initial: KubeObject[] = [];
    if (!resourceVersion || resourceVersion === "0") {
      initial = this.store.list(resource, def.namespaced ? namespace : undefined).filter(match);
    } else {
      const from = Number(resourceVersion);
      if (!Number.isInteger(from) || from < 0) throw badRequest(`resourceVersion: Invalid value: "${resourceVersion}": must be a non-negative integer`);
      try {
        backlog = this.store.changesSince(resource, from);
      } catch (error) {
        if (error instanceof HistoryCompactedError) throw expired(error.requested, error.oldest);
        throw error;
      }
    }
    const unsubscribe = this.store.subscribe(deliver);
    for (const o of initial) onEvent({ type: "ADDED", object: this.#withTypeMeta(def, o) });
    for (const change of backlog) deliver(change);
    return unsubscribe;
  }

  /**
   * Assigns a pod to a node: the `pods/binding` subresource (kubernetes pkg/registry/core/pod/storage
   * BindingREST), the only way `spec.nodeName` changes after creation. The same write sets the
   * PodScheduled=True condition (setPodNodeAndMetadata).
   */
  async bind(namespace: string, name: string, nodeName: string): Promise<KubeObject> {
    const pods = this.definition("", "pods");
    for (let attempt = 0; attempt < 10; attempt++) {
      const pod = this.get(pods, namespace, name);
      const bound = podNodeName(pod);
      if (pod.metadata.deletionTimestamp) throw conflict(pods, name, "pod is being deleted, cannot be assigned to a host");
      if (bound) throw conflict(pods, name, `pod ${name} is already assigned to node "${bound}"`);
      pod.spec = { ...specOf(pod), nodeName };
      setPodCondition(pod, { type: "PodScheduled", status: "True" }, nowTimestamp());
      try {
        return this.#withTypeMeta(pods, this.store.update(this.#key(pods, namespace, name), pod, Number(pod.metadata.resourceVersion)));
      } catch (error) {
        if (!(error instanceof RevisionMismatchError)) throw error;
      }
    }
    throw conflict(pods, name);
  }

  /** Removes an object from storage for good (after its finalizers are gone). */
  removeNow(def: ResourceDefinition, namespace: string, name: string): KubeObject | undefined {
    try {
      return this.#remove(def, namespace, name);
    } catch (error) {
      if (error instanceof StatusError && error.code === 404) return undefined;
      throw error;
    }
  }

  #remove(def: ResourceDefinition, namespace: string, name: string): KubeObject {
    try {
      return this.#withTypeMeta(def, this.store.delete(this.#key(def, namespace, name)));
    } catch (error) {
      if (error instanceof KeyNotFoundError) throw notFound(def, name);
      throw error;
    }
  }

  async #commitUpdate(
    def: ResourceDefinition,
    namespace: string,
    current: KubeObject,
    obj: KubeObject,
    subresource: Subresource,
    options: WriteOptions,
    marksDeletion = false,
  ): Promise<KubeObject> {
    const name = current.metadata.name!;
    const strategy = def.strategy;
    let next = obj;
    if (subresource === "status") {
      next = { ...structuredClone(current), status: obj.status };
    } else if (subresource === undefined && strategy.hasStatusSubresource) {
      next = { ...obj, status: structuredClone(current.status) };
      if (current.status === undefined) delete next.status;
    }
    // System fields the client cannot change (apiserver/pkg/registry/rest/update.go); only the delete path marks deletion.
    next.metadata.uid ??= current.metadata.uid;
    next.metadata.creationTimestamp ??= current.metadata.creationTimestamp;
    if (!marksDeletion) copyDeletionMarks(current, next);
    strategy.defaults?.(next);
    strategy.prepare?.(next, current);
    if (strategy.tracksGeneration) {
      next.metadata.generation = current.metadata.generation ?? 1;
      if (subresource === undefined && specChanged(current, next)) next.metadata.generation += 1;
    }
    await this.#admit({ operation: "UPDATE", definition: def, subresource, namespace, object: next, oldObject: current });
    // The delete path's own changes (deletionTimestamp, GC finalizers) are not a client's update to validate.
    const errors = marksDeletion ? [] : [...validateObjectMetaUpdate(next.metadata, current.metadata)];
    if (errors.length === 0) this.#validate(def, next, current);
    else throw invalid(def.group, def.kind, name, errors);

    if (sameContent(current, next)) return current; // a no-op write keeps its resourceVersion, as in etcd3's GuaranteedUpdate
    if (options.dryRun) return this.#withTypeMeta(def, next);
    if (finalizersDone(current, next) && def.kind !== "Namespace") return this.#remove(def, namespace, name);
    try {
      return this.#withTypeMeta(
        def,
        this.store.update(this.#key(def, namespace, name), next, Number(current.metadata.resourceVersion)),
      );
    } catch (error) {
      if (error instanceof RevisionMismatchError) throw conflict(def, name);
      if (error instanceof KeyNotFoundError) throw notFound(def, name);
      throw error;
    }
  }

  async #admit(request: AdmissionRequest): Promise<void> {
    for (const plugin of this.admission) await plugin(request, this);
  }

  #validate(def: ResourceDefinition, obj: KubeObject, old?: KubeObject): void {
    const validateName = def.strategy.validateName ?? nameIsDNSSubdomain;
    const errors = old ? [] : validateObjectMeta(obj.metadata, { namespaced: def.namespaced, validateName });
    errors.push(...(def.strategy.validate?.(obj, old) ?? []));
    if (errors.length > 0) throw invalid(def.group, def.kind, obj.metadata.name ?? obj.metadata.generateName ?? "", errors);
  }

  /** NamespaceLifecycle admission (apiserver/pkg/admission/plugin/namespace/lifecycle). */
  #ensureNamespaceAccepts(def: ResourceDefinition, namespace: string, name: string): void {
    const ns = this.store.get({ resource: "namespaces", namespace: "", name: namespace });
    if (!ns) throw notFound({ resource: "namespaces", group: "" }, namespace);
    if (ns.metadata.deletionTimestamp) throw forbidden(def, name, `unable to create new content in namespace ${namespace} ${BEING_TERMINATED}`);
  }

  /**
   * Copies the body, fills kind/apiVersion from the URL and reconciles the namespace the way
   * apiserver/pkg/registry/rest/meta.go EnsureObjectNamespaceMatchesRequestNamespace does.
   */
  #prepareBody(def: ResourceDefinition, namespace: string, body: KubeObject): KubeObject {
    if (!isJsonObject(body)) throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    const obj = structuredClone(body);
    const apiVersion = apiVersionOf(def);
    if ((obj.kind && obj.kind !== def.kind) || (obj.apiVersion && obj.apiVersion !== apiVersion)) {
      throw badRequest(
        `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: the object provided is unrecognized (must be of type ${def.kind}): ${String(obj.apiVersion)}, Kind=${String(obj.kind)}`,
      );
    }
    obj.apiVersion = apiVersion;
    obj.kind = def.kind;
    if (!isJsonObject(obj.metadata)) obj.metadata = {};
    normaliseTimestamps(obj.metadata);
    if (def.namespaced) {
      const bodyNamespace = obj.metadata.namespace;
      if (!bodyNamespace) obj.metadata.namespace = namespace;
      else if (bodyNamespace !== namespace) {
        throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
      }
    } else delete obj.metadata.namespace;
    return obj;
  }

  #freeName(def: ResourceDefinition, namespace: string, base: string): string {
    // apiserver/pkg/registry/generic/registry/store.go: maxNameGenerationCreateAttempts = 8
    for (let attempt = 0; attempt < 8; attempt++) {
      const candidate = generateName(base);
      if (!this.store.get(this.#key(def, namespace, candidate))) return candidate;
    }
    return generateName(base);
  }

  #matcher(def: ResourceDefinition, options: ListOptions): (o: KubeObject) => boolean {
    const labels = options.labelSelector ? parseLabelSelector(options.labelSelector) : undefined;
    const fields = options.fieldSelector ? parseFieldSelector(options.fieldSelector) : undefined;
    const extra = def.strategy.fieldSelectors ?? {};
    const fieldValue = (o: KubeObject, field: string): string | undefined => {
      if (field === "metadata.name") return o.metadata.name ?? "";
      if (field === "metadata.namespace") return o.metadata.namespace ?? "";
      const getter = extra[field];
      if (!getter) {
        throw badRequest(`field label not supported: ${field}`);
      }
      return getter(o) ?? "";
    };
    if (fields) {
      // Reject unsupported field labels up front, even when nothing would be compared.
      const probe: KubeObject = { metadata: {} };
      matchesFields(fields, (f) => fieldValue(probe, f));
    }
    return (o) =>
      (!labels || matchesLabels(labels, o.metadata.labels ?? {})) && (!fields || matchesFields(fields, (f) => fieldValue(o, f)));
  }

  #key(def: ResourceDefinition, namespace: string, name: string): ObjectKey {
    return { resource: storeResource(def), namespace: def.namespaced ? namespace : "", name };
  }

  #withTypeMeta(def: ResourceDefinition, obj: KubeObject): KubeObject {
    return { apiVersion: apiVersionOf(def), kind: def.kind, ...obj };
  }
}

/** How kube-apiserver's patch handler (apiserver/pkg/endpoints/handlers/patch.go) reports a failed patch. */
function patchFailure(error: PatchError, type: PatchType): StatusError {
  if (error.code === 400) return badRequest(error.message);
  if (error.code === 422 && type === "json") {
    return new StatusError(422, "Invalid", "the server rejected our request due to an error in our request", {
      causes: [{ reason: "UnexpectedServerResponse", message: error.message }],
    });
  }
  if (error.code === 422) return new StatusError(422, "Invalid", error.message);
  return new StatusError(500, "", error.message);
}

/** The store files objects under the qualified resource name (`pods`, `deployments.apps`). */
export function storeResource(def: Pick<ResourceDefinition, "group" | "resource">): string {
  return qualifiedResource(def);
}

function objectPosition(o: KubeObject): string {
  return `${o.metadata.namespace ?? ""}/${o.metadata.name ?? ""}`;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString("base64url");
}

function decodeContinue(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, "base64url").toString()) as ContinueToken;
    if (typeof token.rv === "string" && typeof token.start === "string") return token;
  } catch {
    // fall through
  }
  throw badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
}

/**
 * metav1.Time decodes any RFC 3339 time and encodes it to the second (apimachinery meta/v1 time.go):
 * a client that sends `2024-01-02T03:04:05.000Z` back has not changed the timestamp.
 */
function normaliseTimestamps(meta: KubeObject["metadata"]): void {
  for (const field of ["creationTimestamp", "deletionTimestamp"] as const) {
    const value = meta[field];
    if (typeof value !== "string") continue;
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) meta[field] = metaTime(parsed);
  }
}

function copyDeletionMarks(from: KubeObject, to: KubeObject): void {
  const { deletionTimestamp, deletionGracePeriodSeconds } = from.metadata;
  delete to.metadata.deletionTimestamp;
  delete to.metadata.deletionGracePeriodSeconds;
  if (deletionTimestamp !== undefined) to.metadata.deletionTimestamp = deletionTimestamp;
  if (deletionGracePeriodSeconds !== undefined) to.metadata.deletionGracePeriodSeconds = deletionGracePeriodSeconds;
}

/**
 * The update removes the last finalizer of an object whose deletion waits for nothing else (no
 * grace period left): it goes now (generic/registry/store.go ShouldDeleteDuringUpdate). Other
 * updates of an object being deleted, a label change while a pod terminates, are kept.
 */
function finalizersDone(current: KubeObject, next: KubeObject): boolean {
  return (
    current.metadata.deletionTimestamp !== undefined &&
    !current.metadata.deletionGracePeriodSeconds &&
    (current.metadata.finalizers ?? []).length > 0 &&
    (next.metadata.finalizers ?? []).length === 0
  );
}

function specChanged(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { metadata: _m, status: _s, ...rest } = o;
    return JSON.stringify(rest);
  };
  return strip(a) !== strip(b);
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  const normalise = (o: KubeObject) => {
    const { resourceVersion: _rv, managedFields: _mf, ...meta } = o.metadata;
    return stableStringify({ ...o, metadata: meta });
  };
  return normalise(a) === normalise(b);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (isJsonObject(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
