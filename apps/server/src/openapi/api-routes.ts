import type { z } from "zod";
import {
  bulkDeleteResultSchema,
  bulkDeleteSchema,
  certificateCreateSchema,
  certificateSchema,
  clusterSchema,
  configMapCreateSchema,
  configMapSchema,
  credentialTestResultSchema,
  credentialTestSchema,
  deployCreateSchema,
  deployUpdateSchema,
  eventSchema,
  eventsQuerySchema,
  loginSchema,
  meSchema,
  nameAvailabilityQuerySchema,
  nameAvailabilitySchema,
  podSchema,
  podsQuerySchema,
  namespaceCreateSchema,
  namespaceMoveSchema,
  namespaceSchema,
  projectCreateSchema,
  projectSchema,
  projectUpdateSchema,
  pullSecretPreviewRequestSchema,
  pullSecretPreviewSchema,
  registryCreateSchema,
  registrySavedSchema,
  registrySchema,
  registryUpdateSchema,
  scaleSchema,
  secretCreateSchema,
  secretSchema,
  storedCredentialTestSchema,
  workloadDetailSchema,
  workloadSchema,
  type ErrorCode,
} from "@paddock/contracts";
import { securityApiRoutes } from "../auth/security-api-routes.ts";

export type HttpMethod = "get" | "post" | "put" | "delete";

/**
 * One route of the HTTP API, as the OpenAPI document (GET /api/openapi.json) describes it. Every
 * route a feature serves must be listed here, with the contracts schemas it validates and answers
 * with: `openapi.test.ts` compares this table with the routers.
 */
export interface ApiRoute {
  method: HttpMethod;
  /** the Express path under /api, e.g. `/clusters/:cluster/projects/:project` */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  /** more words for the reader, when the summary is not enough */
  description?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** the body may be left out */
  bodyOptional?: boolean;
  /** the success answer; a list answers `{"items": [item]}`; contentType when it is not JSON */
  response: { status: 200 | 201 | 204; schema?: z.ZodType; list?: z.ZodType; description?: string; contentType?: string };
  /**
   * Refusals this route makes beyond the ones every route of its kind can answer (Unauthenticated
   * without a session, Invalid for a bad body/query/path, NotFound and ClusterUnavailable under a
   * cluster, Forbidden for writes from another origin, Internal): e.g. NameInUse, Conflict.
   */
  errors?: ErrorCode[];
  /** served without a session */
  public?: boolean;
}

const CLUSTER = "/clusters/:cluster";
const PROJECT = `${CLUSTER}/projects/:project`;
const REGISTRIES = `${PROJECT}/registries`;

const noContent = { status: 204 as const, description: "Done: no content." };

/** The resources of a project (secrets, certificates, ConfigMaps) share one shape of routes. */
function projectResourceRoutes(segment: string, tag: string, noun: string, create: z.ZodType, item: z.ZodType, id: string): ApiRoute[] {
  return [
    { method: "get", path: `${PROJECT}/${segment}`, operationId: `list${id}s`, tag, summary: `List the ${noun}s of the project's namespaces.`, response: { status: 200, list: item } },
    {
      method: "post",
      path: `${PROJECT}/${segment}`,
      operationId: `create${id}`,
      tag,
      summary: `Create a ${noun} in a namespace of the project (its name must be free in the namespace: rule 1).`,
      body: create,
      response: { status: 201, schema: item },
      errors: ["NameInUse", "Conflict"],
    },
    { method: "delete", path: `${PROJECT}/${segment}/:namespace/:name`, operationId: `delete${id}`, tag, summary: `Delete a ${noun}.`, response: noContent },
  ];
}

export const apiRoutes: ApiRoute[] = [
  // Login
  {
    method: "post",
    path: "/auth/login",
    operationId: "login",
    tag: "Login",
    summary: "Log in: sets the HttpOnly, SameSite=Strict session cookie.",
    body: loginSchema,
    response: { status: 200, schema: meSchema },
    errors: ["Unauthenticated", "TooManyRequests"],
    public: true,
  },
  { method: "post", path: "/auth/logout", operationId: "logout", tag: "Login", summary: "Log out: clears the session cookie.", response: noContent, public: true },
  { method: "get", path: "/auth/me", operationId: "me", tag: "Login", summary: "Who is logged in.", response: { status: 200, schema: meSchema } },
  {
    method: "get",
    path: "/openapi.json",
    operationId: "openApi",
    tag: "API",
    summary: "This document (served without a session: it holds no data of any cluster).",
    response: { status: 200, description: "An OpenAPI 3.1 document." },
    public: true,
  },

  {
    method: "get",
    path: "/live",
    operationId: "live",
    tag: "API",
    summary: "Server-sent events: one `change` event ({\"cluster\",\"resource\"}, nothing of the object) per change seen, so that open lists refetch.",
    response: { status: 200, contentType: "text/event-stream", description: "A stream of `event: change` messages." },
  },

  // Clusters
  { method: "get", path: "/clusters", operationId: "listClusters", tag: "Clusters", summary: "List the clusters, each Active or Unavailable with the reason.", response: { status: 200, list: clusterSchema } },

  // Projects and namespaces
  {
    method: "get",
    path: `${CLUSTER}/projects`,
    operationId: "listProjects",
    tag: "Projects",
    summary: "List the cluster's projects with their namespaces.",
    description: "A cluster without the Project CRD answers NotFound, telling to apply deploy/crds.yaml.",
    response: { status: 200, list: projectSchema },
  },
  {
    method: "post",
    path: `${CLUSTER}/projects`,
    operationId: "createProject",
    tag: "Projects",
    summary: "Create a project (a management.cattle.io/v3 Project named p-xxxxx) and its backing namespace.",
    description: "The display name must be unique in the cluster (compared case-insensitively): a taken one is refused with Conflict.",
    body: projectCreateSchema,
    response: { status: 201, schema: projectSchema },
    errors: ["Conflict"],
  },
  {
    method: "put",
    path: `${PROJECT}`,
    operationId: "updateProject",
    tag: "Projects",
    summary: "Rename a project or change its description.",
    body: projectUpdateSchema,
    response: { status: 200, schema: projectSchema },
    errors: ["Conflict"],
  },
  {
    method: "delete",
    path: `${PROJECT}`,
    operationId: "deleteProject",
    tag: "Projects",
    summary: "Delete an empty project.",
    description:
      "Refused (Conflict) while namespaces belong to the project, naming them; the System project cannot be deleted. Deleting a project also deletes its backing namespace, and with it every project registry of the project.",
    response: noContent,
    errors: ["Conflict"],
  },
  {
    method: "get",
    path: `${CLUSTER}/namespaces`,
    operationId: "listNamespaces",
    tag: "Namespaces",
    summary: "List every namespace of the cluster with the project it belongs to (null: in no project).",
    response: { status: 200, list: namespaceSchema },
  },
  {
    method: "post",
    path: `${CLUSTER}/namespaces`,
    operationId: "createNamespace",
    tag: "Namespaces",
    summary: "Create a namespace, in a project when projectId is given.",
    body: namespaceCreateSchema,
    response: { status: 201, schema: namespaceSchema },
    errors: ["Conflict"],
  },
  {
    method: "put",
    path: `${CLUSTER}/namespaces/:namespace`,
    operationId: "moveNamespace",
    tag: "Namespaces",
    summary: "Move a namespace to another project, or (projectId null) out of every project.",
    description: "The cluster-id namespace, paddock-system and backing namespaces never belong to a project: moving them is refused (Conflict).",
    body: namespaceMoveSchema,
    response: { status: 200, schema: namespaceSchema },
    errors: ["Conflict"],
  },

  // Registries
  {
    method: "get",
    path: REGISTRIES,
    operationId: "listRegistries",
    tag: "Registries",
    summary: "List the project's registries: project registries and the registries of its namespaces (no password anywhere).",
    response: { status: 200, list: registrySchema },
  },
  {
    method: "post",
    path: REGISTRIES,
    operationId: "createRegistry",
    tag: "Registries",
    summary: "Create a registry in the project or in one of its namespaces (or clone one, with cloneFrom).",
    body: registryCreateSchema,
    response: { status: 201, schema: registrySavedSchema },
    errors: ["NameInUse", "Conflict"],
  },
  {
    method: "post",
    path: `${REGISTRIES}/bulk-delete`,
    operationId: "bulkDeleteRegistries",
    tag: "Registries",
    summary: "Delete several registries; answers one line per registry, in the order asked.",
    body: bulkDeleteSchema,
    response: { status: 200, schema: bulkDeleteResultSchema },
  },
  { method: "get", path: `${REGISTRIES}/project/:name`, operationId: "getProjectRegistry", tag: "Registries", summary: "Read a project registry, with the state of each copy.", response: { status: 200, schema: registrySchema } },
  {
    method: "put",
    path: `${REGISTRIES}/project/:name`,
    operationId: "updateProjectRegistry",
    tag: "Registries",
    summary: "Edit a project registry (an empty password keeps the stored one).",
    body: registryUpdateSchema,
    response: { status: 200, schema: registrySavedSchema },
    errors: ["Conflict"],
  },
  { method: "delete", path: `${REGISTRIES}/project/:name`, operationId: "deleteProjectRegistry", tag: "Registries", summary: "Delete a project registry and its copies.", response: noContent },
  { method: "get", path: `${REGISTRIES}/namespaces/:namespace/:name`, operationId: "getNamespacedRegistry", tag: "Registries", summary: "Read a namespaced registry.", response: { status: 200, schema: registrySchema } },
  {
    method: "put",
    path: `${REGISTRIES}/namespaces/:namespace/:name`,
    operationId: "updateNamespacedRegistry",
    tag: "Registries",
    summary: "Edit a namespaced registry (an empty password keeps the stored one).",
    body: registryUpdateSchema,
    response: { status: 200, schema: registrySavedSchema },
    errors: ["Conflict"],
  },
  { method: "delete", path: `${REGISTRIES}/namespaces/:namespace/:name`, operationId: "deleteNamespacedRegistry", tag: "Registries", summary: "Delete a namespaced registry.", response: noContent },
  {
    method: "get",
    path: `${PROJECT}/name-availability`,
    operationId: "nameAvailability",
    tag: "Registries",
    summary: "Is a name free in the project or in one of its namespaces (rule 1)? Names every conflicting object.",
    query: nameAvailabilityQuerySchema,
    response: { status: 200, schema: nameAvailabilitySchema },
  },
  {
    method: "post",
    path: "/registry-test",
    operationId: "testCredentials",
    tag: "Registries",
    summary: "Test an address and credentials against the registry (Registry v2 /v2/ check, Basic and Bearer).",
    body: credentialTestSchema,
    response: { status: 200, schema: credentialTestResultSchema },
  },
  {
    method: "post",
    path: `${REGISTRIES}/project/:name/test`,
    operationId: "testProjectRegistry",
    tag: "Registries",
    summary: "Test a stored project registry's credentials, without resending its password.",
    body: storedCredentialTestSchema,
    bodyOptional: true,
    response: { status: 200, schema: credentialTestResultSchema },
  },
  {
    method: "post",
    path: `${REGISTRIES}/namespaces/:namespace/:name/test`,
    operationId: "testNamespacedRegistry",
    tag: "Registries",
    summary: "Test a stored namespaced registry's credentials, without resending its password.",
    body: storedCredentialTestSchema,
    bodyOptional: true,
    response: { status: 200, schema: credentialTestResultSchema },
  },

  // Secrets, certificates, ConfigMaps
  ...projectResourceRoutes("secrets", "Secrets", "secret", secretCreateSchema, secretSchema, "Secret"),
  ...projectResourceRoutes("certificates", "Certificates", "certificate", certificateCreateSchema, certificateSchema, "Certificate"),
  ...projectResourceRoutes("configmaps", "ConfigMaps", "ConfigMap", configMapCreateSchema, configMapSchema, "ConfigMap"),

  // Workloads
  { method: "get", path: `${PROJECT}/workloads`, operationId: "listWorkloads", tag: "Workloads", summary: "List the Deployments of the project's namespaces.", response: { status: 200, list: workloadSchema } },
  {
    method: "post",
    path: `${PROJECT}/workloads`,
    operationId: "deployWorkload",
    tag: "Workloads",
    summary: "Deploy a workload; the matching pull secrets are attached (rule 3).",
    body: deployCreateSchema,
    response: { status: 201, schema: workloadSchema },
    errors: ["Conflict"],
  },
  { method: "get", path: `${PROJECT}/workloads/:namespace/:name`, operationId: "getWorkload", tag: "Workloads", summary: "Read a workload, with its containers and pods.", response: { status: 200, schema: workloadDetailSchema } },
  {
    method: "put",
    path: `${PROJECT}/workloads/:namespace/:name`,
    operationId: "updateWorkload",
    tag: "Workloads",
    summary: "Change a workload's containers or replicas; pull secrets are attached again when images change.",
    body: deployUpdateSchema,
    response: { status: 200, schema: workloadSchema },
    errors: ["Conflict"],
  },
  { method: "delete", path: `${PROJECT}/workloads/:namespace/:name`, operationId: "deleteWorkload", tag: "Workloads", summary: "Delete a workload.", response: noContent },
  {
    method: "post",
    path: `${PROJECT}/workloads/:namespace/:name/redeploy`,
    operationId: "redeployWorkload",
    tag: "Workloads",
    summary: "Redeploy (Rancher's cattle.io/timestamp annotation), attaching the matching pull secrets again.",
    response: { status: 200, schema: workloadSchema },
    errors: ["Conflict"],
  },
  {
    method: "post",
    path: `${PROJECT}/workloads/:namespace/:name/scale`,
    operationId: "scaleWorkload",
    tag: "Workloads",
    summary: "Set a workload's number of replicas.",
    body: scaleSchema,
    response: { status: 200, schema: workloadSchema },
    errors: ["Conflict"],
  },
  {
    method: "get",
    path: `${PROJECT}/workloads/:namespace/:name/events`,
    operationId: "listWorkloadEvents",
    tag: "Workloads",
    summary: "Events of a workload, its ReplicaSets and its pods.",
    response: { status: 200, list: eventSchema },
  },
  {
    method: "get",
    path: `${PROJECT}/pods`,
    operationId: "listPods",
    tag: "Workloads",
    summary: "Pods of the project's namespaces, optionally of one namespace.",
    query: podsQuerySchema,
    response: { status: 200, list: podSchema },
  },
  {
    method: "post",
    path: `${PROJECT}/pull-secret-preview`,
    operationId: "previewPullSecrets",
    tag: "Workloads",
    summary: "Which pull secrets would be attached to which image, and why (rule 3).",
    body: pullSecretPreviewRequestSchema,
    response: { status: 200, schema: pullSecretPreviewSchema },
  },
  {
    method: "get",
    path: `${PROJECT}/events`,
    operationId: "listEvents",
    tag: "Workloads",
    summary: "Events of the project's namespaces, optionally of one namespace, kind or object.",
    query: eventsQuerySchema,
    response: { status: 200, list: eventSchema },
  },

  // Users, members, API tokens, audit (issue 6)
  ...securityApiRoutes,
];
