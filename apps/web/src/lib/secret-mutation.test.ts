import { describe, expect, it } from "vitest";
import { MutationObserver, type QueryClient } from "@tanstack/react-query";
import { createQueryClient } from "./query-client.ts";
import { runAndForget } from "./secret-mutation.ts";

interface Login {
  username: string;
  password: string;
}

/** A mutation as `useMutation` holds it: an observer of the app's query client. */
function loginMutation(client: QueryClient, answer: (input: Login) => Promise<string>) {
  const observer = new MutationObserver<string, Error, Login>(client, { mutationFn: answer });
  return { observer, mutation: { mutateAsync: (input: Login) => observer.mutate(input), reset: () => observer.reset() } };
}

/** Every password the mutation cache still holds, after the timers of a garbage collection ran. */
async function passwordsKept(client: QueryClient): Promise<unknown[]> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return client
    .getMutationCache()
    .getAll()
    .map((m) => (m.state.variables as Login | undefined)?.password);
}

const INPUT: Login = { username: "alice", password: "alice-secret-passphrase" };

describe("runAndForget", () => {
  it("answers the result, and no password stays in the mutation cache or the observer", async () => {
    const client = createQueryClient();
    const { observer, mutation } = loginMutation(client, async (input) => `hello ${input.username}`);
    await expect(runAndForget(mutation, INPUT)).resolves.toBe("hello alice");
    expect(observer.getCurrentResult()).toMatchObject({ status: "idle", variables: undefined, data: undefined });
    expect(await passwordsKept(client)).toEqual([]);
  });

  it("throws the refusal, and forgets the password all the same", async () => {
    const client = createQueryClient();
    const refusal = new Error("The username or password is not right.");
    const { observer, mutation } = loginMutation(client, () => Promise.reject(refusal));
    await expect(runAndForget(mutation, INPUT)).rejects.toBe(refusal);
    expect(observer.getCurrentResult()).toMatchObject({ status: "idle", variables: undefined, error: null });
    expect(await passwordsKept(client)).toEqual([]);
  });

  it("is needed: a settled mutation that is not reset keeps what was sent while its component lives", async () => {
    const client = createQueryClient();
    const { observer, mutation } = loginMutation(client, () => Promise.reject(new Error("refused")));
    await expect(mutation.mutateAsync(INPUT)).rejects.toThrow("refused");
    expect(await passwordsKept(client)).toEqual([INPUT.password]);
    // the component going away (the observer letting go) drops it at once: mutations' gcTime is 0
    observer.reset();
    expect(await passwordsKept(client)).toEqual([]);
  });
});
