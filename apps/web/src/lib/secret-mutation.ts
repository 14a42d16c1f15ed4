import { useCallback, useEffect, useState } from "react";
import { MutationObserver, useQueryClient, type MutationObserverOptions } from "@tanstack/react-query";
import type { ApiError } from "./api-client";

/** The part of a mutation (a `useMutation` result, a MutationObserver) that `runAndForget` uses. */
export interface ForgettableMutation<TData, TVariables> {
  mutateAsync: (variables: TVariables) => Promise<TData>;
  reset: () => void;
}

/**
 * Runs a mutation whose request holds a secret and forgets it once it has settled: `reset()` lets
 * go of the finished mutation, and with the default `gcTime: 0` of mutations (query-client.ts) the
 * mutation cache drops it, `variables` and all. The answer is returned and a refusal thrown as usual.
 */
export async function runAndForget<TData, TVariables>(mutation: ForgettableMutation<TData, TVariables>, variables: TVariables): Promise<TData> {
  try {
    return await mutation.mutateAsync(variables);
  } finally {
    mutation.reset();
  }
}

export interface SecretMutation<TData, TVariables> {
  /** sends the request; answers the result, throws the refusal (an ApiError) */
  run: (variables: TVariables) => Promise<TData>;
  isPending: boolean;
}

/**
 * A mutation whose request holds a secret (a password, a secret's values, a private key): the
 * `useMutation` options (`mutationFn`, `onSuccess`, …), without `useMutation`'s state. A component
 * that renders `useMutation` keeps its result, `variables` included, in React's state, and React
 * keeps the previous render's state (the other fiber) until the component renders again: the
 * password stays in memory while the form or dialog is open. Here React holds only `isPending`;
 * the mutation runs in the query client (defaults, callbacks, `useIsMutating`) and is forgotten as
 * soon as it settles. The caller keeps what it shows (a result, errors at the fields) in its own state.
 */
export function useSecretMutation<TData, TVariables>(options: MutationObserverOptions<TData, ApiError, TVariables>): SecretMutation<TData, TVariables> {
  const client = useQueryClient();
  const [observer] = useState(() => new MutationObserver<TData, ApiError, TVariables>(client, options));
  useEffect(() => observer.setOptions(options), [observer, options]);
  const [isPending, setPending] = useState(false);
  const run = useCallback(
    async (variables: TVariables) => {
      setPending(true);
      try {
        return await runAndForget({ mutateAsync: (v: TVariables) => observer.mutate(v), reset: () => observer.reset() }, variables);
      } finally {
        setPending(false);
      }
    },
    [observer],
  );
  return { run, isPending };
}
