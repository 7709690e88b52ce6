/**
 * Errors of the live commands. Both end the command with exit code 2 and print one line:
 * a usage error names the option and the rule, a connection error the side, host, port and
 * what failed. Neither carries a stack trace to the user.
 */
export class LiveUsageError extends Error {
  override readonly name = "LiveUsageError";
  readonly exitCode = 2;
}

export class LiveConnectionError extends Error {
  override readonly name = "LiveConnectionError";
  readonly exitCode = 2;
}

/** The one-line message of an unknown thrown value (driver errors included), without a stack. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const text = error.message.split("\n")[0] ?? error.message;
    return typeof code === "string" && code !== "" && !text.includes(code) ? `${text} (${code})` : text;
  }
  return String(error);
}
