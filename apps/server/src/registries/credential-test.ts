import type { CredentialTestResult } from "@paddock/contracts";
import { checkCredentials, InvalidRegistryAddressError, normaliseRegistryAddress } from "@paddock/registry-auth";
import { InvalidError } from "../errors.ts";

export interface CredentialTestInput {
  address: string;
  username?: string | undefined;
  password?: string | undefined;
}

/**
 * Rule 4 of ../shared/DESIGN.md: asks the registry at `address` (Registry v2 `GET /v2/`, Basic and
 * Bearer flows) whether it accepts the credentials, and says in words what it answered. The message
 * never holds the password (checkCredentials redacts it).
 */
export async function testCredentials(input: CredentialTestInput, options: { timeoutMs?: number } = {}): Promise<CredentialTestResult> {
  const result = await checkCredentials({
    address: input.address,
    ...(input.username ? { username: input.username } : {}),
    ...(input.password ? { password: input.password } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return {
    ok: result.ok,
    message: result.message,
    ...(result.status !== undefined ? { status: result.status } : {}),
    result: result.kind,
    address: input.address,
  };
}

/** An address typed into the test form, cleaned up as it would be stored; Invalid when it cannot be. */
export function addressToTest(address: string, path = "body.address"): string {
  try {
    return normaliseRegistryAddress(address).address;
  } catch (error) {
    if (!(error instanceof InvalidRegistryAddressError)) throw error;
    const message = `${error.message}.`.replace(/\.\.$/, ".");
    throw new InvalidError(`The address "${withoutUserinfo(address)}" cannot be tested: ${message}`, [{ path, message }]);
  }
}

/** The address as typed, echoed back without the `user:password@` someone may have pasted into it (rule 5). */
function withoutUserinfo(address: string): string {
  return address.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/]*@/i, "$1…@");
}
