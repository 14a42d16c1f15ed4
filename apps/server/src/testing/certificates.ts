import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A self-signed certificate for `cn` (also its DNS name) and its private key, made by the real openssl. */
export function makeCertificate(cn: string): { certificate: string; privateKey: string } {
  const dir = mkdtempSync(join(tmpdir(), "paddock-cert-"));
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", join(dir, "k.pem"), "-out", join(dir, "c.pem"), "-days", "30", "-subj", `/CN=${cn}`, "-addext", `subjectAltName=DNS:${cn}`],
      { stdio: "ignore" },
    );
    return { certificate: readFileSync(join(dir, "c.pem"), "utf8"), privateKey: readFileSync(join(dir, "k.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
