import { X509Certificate, createPrivateKey } from "node:crypto";
import { InvalidError } from "../errors.ts";

export interface CertificateFacts {
  subject: string;
  issuer: string;
  dnsNames: string[];
  notBefore: string;
  notAfter: string;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** Subject, issuer, names and validity of the first certificate of a PEM bundle (the leaf). */
export function describeCertificate(pem: string): CertificateFacts {
  const first = PEM_CERTIFICATE.exec(pem)?.[0];
  if (!first) throw new Error("no PEM certificate (-----BEGIN CERTIFICATE-----) found");
  const cert = new X509Certificate(first);
  const dnsNames = (cert.subjectAltName ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith("DNS:") || entry.startsWith("IP Address:"))
    .map((entry) => entry.replace(/^DNS:|^IP Address:/, ""));
  return {
    subject: cert.subject.replace(/\n/g, ", "),
    issuer: cert.issuer.replace(/\n/g, ", "),
    dnsNames,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
  };
}

/** Checks a certificate and key pair before it is stored, saying what is wrong at which field. */
export function checkCertificatePair(certificatePem: string, keyPem: string): CertificateFacts {
  let facts: CertificateFacts;
  let cert: X509Certificate;
  try {
    facts = describeCertificate(certificatePem);
    cert = new X509Certificate(PEM_CERTIFICATE.exec(certificatePem)![0]);
  } catch (error) {
    throw new InvalidError(`The certificate is not a valid PEM certificate: ${(error as Error).message}.`, [
      { path: "body.certificate", message: "Paste a PEM certificate, starting with -----BEGIN CERTIFICATE-----." },
    ]);
  }
  let matches: boolean;
  try {
    matches = cert.checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    // Never echo the key, not even in part.
    throw new InvalidError("The private key is not a valid PEM private key.", [
      { path: "body.privateKey", message: "Paste the PEM private key, starting with -----BEGIN … PRIVATE KEY-----." },
    ]);
  }
  if (!matches) {
    throw new InvalidError("The private key does not belong to the certificate.", [
      { path: "body.privateKey", message: "This key does not match the certificate: paste the key the certificate was issued for." },
    ]);
  }
  return facts;
}
