import { useQuery } from "@tanstack/react-query";
import { PageHeader } from "@/components/ui/page-header";
import { meQuery } from "@/lib/access";
import { ApiKeysCard } from "./api-keys-card";
import { ChangePasswordCard } from "./change-password-card";

/** Rancher's "Account & API Keys": the logged-in user's password and API keys. */
export function AccountPage() {
  const me = useQuery(meQuery());
  return (
    <main id="main" className="main account">
      <PageHeader title="Account & API Keys" />
      {me.data && (
        <p className="account-intro">
          You are logged in as <strong>{me.data.username}</strong> ({me.data.admin ? "Administrator" : "User"}).
        </p>
      )}
      <ChangePasswordCard />
      <ApiKeysCard />
    </main>
  );
}
