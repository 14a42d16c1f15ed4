import { ResourcePage } from "./resource-page";

export const SecretsPage = () => <ResourcePage kind="secrets" />;
export const CertificatesPage = () => <ResourcePage kind="certificates" />;
export const ConfigMapsPage = () => <ResourcePage kind="configmaps" />;
