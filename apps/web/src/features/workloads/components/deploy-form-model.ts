import type { DeployCreate } from "@paddock/contracts";

export type Protocol = "TCP" | "UDP" | "SCTP";
export const PROTOCOLS: Protocol[] = ["TCP", "UDP", "SCTP"];

export interface PortRow {
  containerPort: number;
  protocol: Protocol;
}

export interface EnvRow {
  name: string;
  value: string;
}

/**
 * The Deploy form's values: shaped like the request (`containers.0.image`…) so that the contract's
 * errors and the server's refusals land on the field that caused them. The container takes the
 * workload's name, as Rancher's form does; the command is typed as one line.
 */
export interface DeployFormValues {
  name: string;
  namespace: string;
  replicas: number;
  containers: Array<{ image: string; ports: PortRow[]; env: EnvRow[] }>;
  commandLine: string;
  imagePullSecrets: string[];
}

export function emptyDeployForm(namespace: string): DeployFormValues {
  return { name: "", namespace, replicas: 1, containers: [{ image: "", ports: [], env: [] }], commandLine: "", imagePullSecrets: [] };
}

/**
 * Splits a command line as a shell would for `exec`: words apart on spaces, quotes keep spaces,
 * a backslash keeps the next character (not inside single quotes).
 */
export function splitCommand(line: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === "\\" && quote === '"' && i + 1 < line.length && (line[i + 1] === '"' || line[i + 1] === "\\")) word += line[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === "\\" && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return { error: `A ${quote === '"' ? "double" : "single"} quote is not closed: close it, or remove it.` };
  if (inWord) words.push(word);
  return { words };
}

/** The request the form's values make. Rows are kept as typed, so that an error's index is the row's. */
export function toDeployRequest(values: DeployFormValues): DeployCreate {
  const container = values.containers[0] ?? { image: "", ports: [], env: [] };
  const split = splitCommand(values.commandLine);
  const command = "words" in split ? split.words : [];
  const name = values.name.trim();
  return {
    name,
    namespace: values.namespace,
    replicas: values.replicas,
    containers: [
      {
        name,
        image: container.image.trim(),
        ...(container.ports.length > 0 ? { ports: container.ports.map((p) => ({ containerPort: p.containerPort, protocol: p.protocol })) } : {}),
        ...(container.env.length > 0 ? { env: container.env.map((e) => ({ name: e.name.trim(), value: e.value })) } : {}),
        ...(command.length > 0 ? { command } : {}),
      },
    ],
    ...(values.imagePullSecrets.length > 0 ? { imagePullSecrets: [...values.imagePullSecrets] } : {}),
  };
}

/**
 * The form field a refusal's path points at (`body.containers.0.image` → `containers.0.image`), or
 * null when it is about nothing the form shows.
 */
export function fieldOfIssue(path: string): string | null {
  const parts = path.replace(/^body\./, "").split(".");
  const [head, index, field, ...rest] = parts;
  if (head === "name" || head === "namespace" || head === "replicas") return head;
  if (head === "imagePullSecrets") return "imagePullSecrets";
  if (head !== "containers") return null;
  if (index !== "0" || field === undefined) return "containers.0.image";
  if (field === "name") return "name";
  if (field === "image") return "containers.0.image";
  if (field === "command") return "commandLine";
  if (field === "ports" || field === "env") {
    const [row, key] = rest;
    if (row === undefined) return null;
    const keyed = field === "ports" ? (key === "protocol" ? "protocol" : "containerPort") : key === "value" ? "value" : "name";
    return `containers.0.${field}.${row}.${keyed}`;
  }
  return null;
}

/** The contract's number errors in a person's words. */
export function numberMessage(message: string | undefined, what: string): string | undefined {
  if (message === undefined) return undefined;
  return /expected number/i.test(message) ? `Enter ${what}.` : message;
}
