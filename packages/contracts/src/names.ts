import { z } from "zod";

// The same rules kube-apiserver applies (apimachinery pkg/util/validation/validation.go), checked
// before a request reaches the cluster so that a form can say what is wrong as the user types.
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A Secret or ConfigMap name: a lowercase RFC 1123 subdomain of at most 253 characters. */
export const resourceNameSchema = z
  .string()
  .min(1, "Enter a name.")
  .max(253, "A name can have at most 253 characters.")
  .regex(
    DNS1123_SUBDOMAIN,
    "Use lowercase letters, digits, '-' and '.'; start and end with a letter or digit (e.g. 'my-registry').",
  );

/** A namespace name: a lowercase RFC 1123 label of at most 63 characters. */
export const namespaceNameSchema = z
  .string()
  .min(1, "Enter a namespace.")
  .max(63, "A namespace can have at most 63 characters.")
  .regex(DNS1123_LABEL, "Use lowercase letters, digits and '-'; start and end with a letter or digit (e.g. 'team-a').");

/** A container name: a DNS-1123 label. */
export const containerNameSchema = namespaceNameSchema.describe("container name");

export const projectIdSchema = z.string().regex(/^p-[a-z0-9]{5}$/, "A project id looks like 'p-ab12c'.");

export const clusterIdSchema = z.string().min(1).max(253).regex(/^[A-Za-z0-9][-A-Za-z0-9_.@]*$/, "Unknown cluster id.");
