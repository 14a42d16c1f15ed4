import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { UserAccount, UserCreate, UserUpdate } from "@paddock/contracts";
import type { ApiError } from "@/lib/api-client";
import { del, enc, get, post, put } from "@/lib/api-client";
import { useSecretMutation } from "@/lib/secret-mutation";

/** Users are Paddock's own, not a cluster's: their keys hold no cluster id (live updates leave them alone). */
export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};

export const usersQuery = () => queryOptions({ queryKey: userKeys.list(), queryFn: () => get<{ items: UserAccount[] }>("/api/users").then((r) => r.items) });

export type UserChange = Omit<UserUpdate, "password"> & { username: string };

function useInvalidateUsers() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: userKeys.all });
}

/** Creates a user. The request holds a password: nothing keeps it once answered (lib/secret-mutation.ts). */
export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useSecretMutation<UserAccount, UserCreate>({
    mutationFn: (input) => post<UserAccount>("/api/users", input),
    onSuccess: invalidate,
  });
}

/** Sets a new password for a user, ending their sessions; nothing keeps the password once answered (lib/secret-mutation.ts). */
export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useSecretMutation<UserAccount, { username: string; password: string }>({
    mutationFn: ({ username, password }) => put<UserAccount>(`/api/users/${enc(username)}`, { password }),
    onSuccess: invalidate,
  });
}

/** Changes the administrator role, disables or enables a user (passwords: `useResetPassword`). */
export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation<UserAccount, ApiError, UserChange>({
    mutationFn: ({ username, ...change }) => put<UserAccount>(`/api/users/${enc(username)}`, change),
    onSuccess: invalidate,
  });
}

/** Deletes a user with their API tokens and project memberships. */
export function useDeleteUser() {
  const invalidate = useInvalidateUsers();
  return useMutation<void, ApiError, string>({
    mutationFn: (username) => del<void>(`/api/users/${enc(username)}`),
    onSuccess: invalidate,
  });
}
