// A minimal, deterministic container image (one gzip layer holding one file, a config, a manifest),
// for seeding the demo registry and for tests.

import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

export const MEDIA_TYPES = {
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayer: "application/vnd.oci.image.layer.v1.tar+gzip",
} as const;

export interface Blob {
  digest: string;
  size: number;
  mediaType: string;
  content: Buffer;
}

export interface TinyImage {
  layer: Blob;
  config: Blob;
  manifest: Blob;
}

export interface TinyImageOptions {
  /** `docker` (schema 2, the default) or `oci`. */
  format?: "docker" | "oci";
  /** Files of the single layer; default `hello.txt`. */
  files?: Record<string, string>;
  architecture?: string;
  os?: string;
}

export function sha256Digest(content: Buffer): string {
  return `sha256:${createHash("sha256").update(content).digest("hex")}`;
}

function blob(content: Buffer, mediaType: string): Blob {
  return { digest: sha256Digest(content), size: content.length, mediaType, content };
}

export function buildTinyImage(options: TinyImageOptions = {}): TinyImage {
  const oci = options.format === "oci";
  const files = options.files ?? { "hello.txt": "Hello from Paddock\n" };
  const tar = buildTar(files);
  const layer = blob(gzipSync(tar), oci ? MEDIA_TYPES.ociLayer : MEDIA_TYPES.dockerLayer);
  const configJson = {
    architecture: options.architecture ?? "amd64",
    os: options.os ?? "linux",
    config: { Cmd: ["/hello.txt"] },
    rootfs: { type: "layers", diff_ids: [sha256Digest(tar)] },
    history: [{ created_by: "paddock tiny image" }],
  };
  const config = blob(Buffer.from(JSON.stringify(configJson)), oci ? MEDIA_TYPES.ociConfig : MEDIA_TYPES.dockerConfig);
  const manifestMediaType = oci ? MEDIA_TYPES.ociManifest : MEDIA_TYPES.dockerManifest;
  const manifestJson = {
    schemaVersion: 2,
    mediaType: manifestMediaType,
    config: { mediaType: config.mediaType, size: config.size, digest: config.digest },
    layers: [{ mediaType: layer.mediaType, size: layer.size, digest: layer.digest }],
  };
  const manifest = blob(Buffer.from(JSON.stringify(manifestJson)), manifestMediaType);
  return { layer, config, manifest };
}

/** An OCI index pointing at manifests, each with its platform. */
export function buildImageIndex(entries: ReadonlyArray<{ manifest: Blob; os: string; architecture: string }>): Blob {
  const index = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociIndex,
    manifests: entries.map(({ manifest, os, architecture }) => ({
      mediaType: manifest.mediaType,
      size: manifest.size,
      digest: manifest.digest,
      platform: { architecture, os },
    })),
  };
  return blob(Buffer.from(JSON.stringify(index)), MEDIA_TYPES.ociIndex);
}

// A ustar archive of regular files (POSIX.1-1988 header, 512-byte blocks, two zero blocks at the end).
function buildTar(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const content = Buffer.from(text, "utf8");
    const header = Buffer.alloc(512);
    header.write(name, 0, 100, "utf8");
    header.write("0000644\0", 100, "ascii"); // mode
    header.write("0000000\0", 108, "ascii"); // uid
    header.write("0000000\0", 116, "ascii"); // gid
    header.write(`${content.length.toString(8).padStart(11, "0")}\0`, 124, "ascii");
    header.write("00000000000\0", 136, "ascii"); // mtime: fixed for reproducible digests
    header.write("        ", 148, "ascii"); // checksum placeholder
    header.write("0", 156, "ascii"); // regular file
    header.write("ustar\0", 257, "ascii");
    header.write("00", 263, "ascii");
    let checksum = 0;
    for (const byte of header) checksum += byte;
    header.write(`${checksum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
    blocks.push(header, content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
