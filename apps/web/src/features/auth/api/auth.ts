import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { Login, Me } from "@paddock/contracts";
import { get, post } from "@/lib/api-client";

export const authKeys = { me: ["auth", "me"] as const };

export const meQuery = () => queryOptions({ queryKey: authKeys.me, queryFn: () => get<Me>("/api/auth/me"), staleTime: 60_000, retry: false });

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Login) => post<Me>("/api/auth/login", input),
    onSuccess: (me) => client.setQueryData(authKeys.me, me),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<void>("/api/auth/logout"),
    onSuccess: () => client.clear(),
  });
}
