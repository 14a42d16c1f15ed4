export class ProtobufDecodeError extends Error {
  constructor(
    message: string,
    /** The kind named by the envelope, when the failure is about an unsupported kind. */
    readonly kind?: string,
    readonly apiVersion?: string,
  ) {
    super(message);
    this.name = "ProtobufDecodeError";
  }
}
