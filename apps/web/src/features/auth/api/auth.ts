import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Login, Me } from "@paddock/contracts";
import { post } from "@/lib/api-client";
import { useSecretMutation } from "@/lib/secret-mutation";
import { meQuery } from "@/lib/access";

/** Logs in. The request holds the password: nothing keeps it once answered, refused or not (lib/secret-mutation.ts). */
export function useLogin() {
  const client = useQueryClient();
  return useSecretMutation<Me, Login>({
    mutationFn: (input) => post<Me>("/api/auth/login", input),
    // Login answers who logged in; their projects and roles come from GET /api/auth/me.
    onSuccess: async () => {
      client.clear();
      await client.prefetchQuery(meQuery());
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<void>("/api/auth/logout"),
    onSuccess: () => client.clear(),
  });
}
