import { useCallback, useState } from "react";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiToken, ApiTokenCreate, ApiTokenCreated, PasswordChange } from "@paddock/contracts";
import type { ApiError } from "@/lib/api-client";
import { del, enc, get, post, put } from "@/lib/api-client";
import { useSecretMutation } from "@/lib/secret-mutation";

/** The user's own API tokens; not a cluster's, so no cluster id in the keys. */
export const tokenKeys = {
  all: ["tokens"] as const,
  list: () => [...tokenKeys.all, "list"] as const,
};

export const apiTokensQuery = () => queryOptions({ queryKey: tokenKeys.list(), queryFn: () => get<{ items: ApiToken[] }>("/api/tokens").then((r) => r.items) });

/** Changes the user's own password; the server ends their other sessions. Nothing keeps the passwords once answered (lib/secret-mutation.ts). */
export function useChangePassword() {
  return useSecretMutation<void, PasswordChange>({
    mutationFn: (input) => put<void>("/api/auth/password", input),
  });
}

/**
 * Creates an API token. Deliberately not a `useMutation`: the answer holds the token itself, which
 * must never reach the query or mutation cache; the caller keeps it in its own state only while it
 * is shown.
 */
export function useCreateApiToken() {
  const client = useQueryClient();
  const [isPending, setPending] = useState(false);
  const create = useCallback(
    async (input: ApiTokenCreate): Promise<ApiTokenCreated> => {
      setPending(true);
      try {
        const created = await post<ApiTokenCreated>("/api/tokens", input);
        void client.invalidateQueries({ queryKey: tokenKeys.all });
        return created;
      } finally {
        setPending(false);
      }
    },
    [client],
  );
  return { create, isPending };
}

/** Revokes one of the user's API tokens: it stops working at once. */
export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => del<void>(`/api/tokens/${enc(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
