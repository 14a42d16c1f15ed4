export {
  applyDefaultImageTag,
  DEFAULT_TAG,
  DOCKER_HUB_DOMAIN,
  imageReferenceError,
  InvalidImageReferenceError,
  parseImageReference,
  registryApiHost,
  type ImageReference,
} from "./image-reference.ts";
export {
  buildDockerCfg,
  buildDockerConfigJson,
  decodeAuthField,
  DOCKER_HUB_SERVER,
  DockerConfigAuthFieldError,
  DockerConfigParseError,
  encodeAuthField,
  parseDockerCfg,
  parseDockerConfigJson,
  type DockerConfigEntry,
} from "./docker-config.ts";
export {
  DOCKER_CONFIG_JSON_KEY,
  DOCKERCFG_KEY,
  DockerKeyring,
  keyringKey,
  makeKeyringFromSecrets,
  SECRET_TYPE_DOCKER_CONFIG_JSON,
  SECRET_TYPE_DOCKERCFG,
  urlsMatchStr,
  type Credential,
  type CredentialSource,
  type IgnoredEntry,
  type PullSecret,
} from "./keyring.ts";
export {
  InvalidRegistryAddressError,
  isLoopbackHost,
  normaliseRegistryAddress,
  registryApiBase,
  registryApiHostPort,
  WELL_KNOWN_REGISTRIES,
  type NormalisedRegistryAddress,
  type WellKnownRegistry,
} from "./registry-host.ts";
export {
  aggregateMessages,
  checkCredentials,
  MANIFEST_ACCEPT,
  pullManifest,
  pushImage,
  RegistryPushError,
  type CheckCredentialsOptions,
  type CheckCredentialsResult,
  type CredentialCheckKind,
  type PullAttempt,
  type PullFailureReason,
  type PullManifestOptions,
  type PullManifestResult,
  type PushImageOptions,
  type PushImageResult,
  type RegistryCredential,
} from "./registry-client.ts";
export { buildImageIndex, buildTinyImage, MEDIA_TYPES, type Blob, type TinyImage, type TinyImageOptions } from "./tiny-image.ts";
export {
  bcryptHtpasswdLine,
  findDockerRegistryBinary,
  RegistryPortInUseError,
  startDockerRegistryProcess,
  type DockerRegistryProcess,
  type DockerRegistryProcessOptions,
  type RegistryLogLevel,
} from "./docker-registry-process.ts";
// Go's own error texts, shared with the embedded cluster's API server.
export { goBase64Decode, type GoBase64Result } from "./go-base64.ts";
export { goJsonKind, goJsonSyntaxError, goUnmarshalIntoMapError, type GoJsonKind } from "./go-json.ts";
export { goQuote } from "./go-quote.ts";
