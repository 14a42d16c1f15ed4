import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-client";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A refusal will not change by asking again; a network blip may.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
      // A mutation's `variables` are what was sent, passwords included: a finished mutation that no
      // component holds any more is dropped at once (requests that hold secrets: secret-mutation.ts).
      mutations: { gcTime: 0 },
    },
  });
}
