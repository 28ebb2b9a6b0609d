/** Bad arguments: exit code 2, with a message that says what to do. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    /** The command whose help the message points to. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A document that cannot be used: exit code 2, one line per problem. */
export class DocumentError extends Error {
  override name = "DocumentError";
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
  }
}
