import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { UserAccount, UserCreate, UserUpdate } from "@paddock/contracts";
import type { ApiError } from "@/lib/api-client";
import { del, enc, get, post, put } from "@/lib/api-client";

/** Users are Paddock's own, not a cluster's: their keys hold no cluster id (live updates leave them alone). */
export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};

export const usersQuery = () => queryOptions({ queryKey: userKeys.list(), queryFn: () => get<{ items: UserAccount[] }>("/api/users").then((r) => r.items) });

export type UserChange = UserUpdate & { username: string };

function useInvalidateUsers() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: userKeys.all });
}

/** Creates a user. The request holds a password: the finished mutation is dropped at once (`gcTime: 0`). */
export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation<UserAccount, ApiError, UserCreate>({
    mutationFn: (input) => post<UserAccount>("/api/users", input),
    onSuccess: invalidate,
    gcTime: 0,
  });
}

/** Resets a password, changes the administrator role, disables or enables a user. */
export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation<UserAccount, ApiError, UserChange>({
    mutationFn: ({ username, ...change }) => put<UserAccount>(`/api/users/${enc(username)}`, change),
    onSuccess: invalidate,
    gcTime: 0,
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
