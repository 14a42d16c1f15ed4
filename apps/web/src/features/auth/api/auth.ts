import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Login, Me } from "@paddock/contracts";
import { post } from "@/lib/api-client";
import { meQuery } from "@/lib/access";

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Login) => post<Me>("/api/auth/login", input),
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
