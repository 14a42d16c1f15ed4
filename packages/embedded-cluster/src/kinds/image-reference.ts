/**
 * Just enough of the container image reference grammar (distribution/reference, as used by
 * kubernetes pkg/util/parsers/parsers.go ParseImageName) to default `imagePullPolicy`.
 */

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}";

const PATH_ONLY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const DOMAIN_ONLY = new RegExp(`^${DOMAIN}$`);
const TAG_ONLY = new RegExp(`^${TAG}$`);
const DIGEST_ONLY = new RegExp(`^${DIGEST}$`);
const HEX_IDENTIFIER = /^[a-f0-9]{64}$/;

export interface ImageReference {
  /** the repository with its registry domain, e.g. `docker.io/library/nginx` */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Parses a reference the way ParseNormalizedNamed does; undefined when it is not a valid reference. */
export function parseImageReference(image: string): ImageReference | undefined {
  if (image === "" || HEX_IDENTIFIER.test(image)) return undefined;
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_ONLY.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_ONLY.test(tag)) return undefined;
  }
  const { domain, path } = splitDomain(rest);
  if (!DOMAIN_ONLY.test(domain) || !PATH_ONLY.test(path)) return undefined;
  return { repository: `${domain}/${path}`, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

// distribution/reference normalize.go splitDockerDomain: the first component is a registry only if it
// looks like a host (has `.` or `:`, is `localhost`, or has upper-case letters).
function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  if (slash === -1 || (!/[.:]/.test(first) && first !== "localhost" && first.toLowerCase() === first)) {
    const path = name.includes("/") ? name : `library/${name}`;
    return { domain: "docker.io", path };
  }
  return { domain: first, path: name.slice(slash + 1) };
}

/**
 * SetDefaults_Container (kubernetes pkg/apis/core/v1/defaults.go): `Always` when the tag is
 * `latest`, or when there is neither tag nor digest (the tag then defaults to `latest`);
 * otherwise, and for references that do not parse, `IfNotPresent`.
 */
export function defaultImagePullPolicy(image: string): "Always" | "IfNotPresent" {
  const reference = parseImageReference(image);
  if (!reference) return "IfNotPresent";
  const tag = reference.tag ?? (reference.digest ? undefined : "latest");
  return tag === "latest" ? "Always" : "IfNotPresent";
}
