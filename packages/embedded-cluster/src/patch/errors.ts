/**
 * The HTTP status kube-apiserver answers with for the same failure
 * (apiserver pkg/endpoints/handlers/patch.go):
 * - 400: a malformed patch or directive (`interpretStrategicMergePatchError` → BadRequest);
 * - 422: a JSON patch operation that does not apply (NewGenericServerResponse 422: reason `Invalid`,
 *   message "the server rejected our request due to an error in our request", the text below as the
 *   cause), or a strategic merge patch with a list of lists;
 * - 500: strategic merge errors that apimachinery returns as plain Go errors (e.g. a missing merge
 *   key): kube-apiserver sends them as a Status with code 500, reason "" and this message.
 */
export type PatchErrorCode = 400 | 422 | 500;

/** A patch that cannot be applied; `message` is the text kube-apiserver reports for the same patch. */
export class PatchError extends Error {
  readonly code: PatchErrorCode;

  constructor(message: string, code: PatchErrorCode) {
    super(message);
    this.name = "PatchError";
    this.code = code;
  }
}
