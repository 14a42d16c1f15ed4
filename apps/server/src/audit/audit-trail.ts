import type { RequestHandler } from "express";
import type { Logger } from "pino";
import type { ClusterRegistry } from "../kube/cluster-registry.ts";
import { POLICY } from "../auth/policy-table.ts";
import { RouteTable, type RouteRule } from "../auth/route-table.ts";
import type { AuditFacts, AuditTarget } from "./audit-spec.ts";
import { outcomeOf, uidOf, type AuditRecorder } from "./audit-recorder.ts";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function errorOf(body: unknown): { code: string; message: string } | undefined {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.code === "string" && typeof error.message === "string" ? { code: error.code, message: error.message } : undefined;
}

async function eventually<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined || Date.now() > giveUp) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Records every write through /api once answered (who, what, which object, when, the result),
 * by the audit part of the policy table. Mounted after authentication and before the policy, so
 * that refusals are recorded too. It reads names from the path and body, never values.
 */
export function auditTrail(options: { recorder: AuditRecorder; clusters: ClusterRegistry; home: string; log: Logger; rules?: readonly RouteRule[] }): RequestHandler {
  const table = new RouteTable(options.rules ?? POLICY);
  const { clusters } = options;
  return (req, res, next) => {
    if (!WRITES.has(req.method) || !req.user) return next();
    const match = table.match(req.method, req.path);
    if (match?.rule.audit === false) return next();
    const spec = match?.rule.audit || undefined;
    const started = Date.now();
    const facts: AuditFacts = {
      params: match?.params ?? {},
      body: req.body,
      cluster: (id) => clusters.list().find((c) => c.id === id && c.state === "Active"),
      home: options.home,
      user: req.user.username,
    };
    let targets: AuditTarget[] = [];
    let detail = "";
    try {
      targets = spec?.targets(facts) ?? [];
      detail = spec?.detail?.(facts) ?? "";
    } catch (error) {
      options.log.warn({ err: { message: (error as Error).message }, path: req.path }, "could not tell the audit targets of a write");
    }
    // Before the write: a deleted object's uid is gone from the caches afterwards.
    const uidsBefore = targets.map((t) => uidOf(clusters, t));

    let response: unknown;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      response = body;
      return json(body);
    };

    res.on("finish", () => {
      const user = req.user!.username;
      const credential = req.credential;
      const status = res.statusCode;
      void (async () => {
        let settled = targets;
        let uids = uidsBefore;
        if (outcomeOf(status) === "succeeded" && spec) {
          if (spec.settle) {
            settled = spec.settle(targets, response, facts);
            uids = settled.map((t) => (targets.includes(t) ? uidsBefore[targets.indexOf(t)] : uidOf(clusters, t)));
          }
          // A created object reaches the caches a moment after the answer.
          if (spec.verb === "create") uids = await Promise.all(settled.map((t, i) => uids[i] ?? eventually(() => uidOf(clusters, t), 2000)));
        }
        await options.recorder.record({
          user,
          credential,
          method: req.method,
          path: req.path,
          status,
          durationMs: Date.now() - started,
          spec,
          targets: settled,
          uids,
          detail,
          ...(status >= 400 && errorOf(response) ? { error: errorOf(response)! } : {}),
        });
      })().catch((error: unknown) => options.log.warn({ err: { message: (error as Error).message } }, "could not record a write in the audit trail"));
    });
    next();
  };
}
