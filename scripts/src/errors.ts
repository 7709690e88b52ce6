/** Exit codes of the `dms-platform` command line (documented in `--help` and docs/plan.md). */
export const EXIT = {
  /** Success: no mandatory policy violated. */
  ok: 0,
  /** At least one mandatory policy violated, or (against state) a change certain to fail `pulumi up`. */
  violations: 1,
  /** Bad usage or bad configuration (a stack config, a policy config, a program refusing its config). */
  usage: 2,
  /** Internal error: a bug in a program, a policy or the CLI (a stack trace follows). */
  internal: 3,
} as const;

/** An error the user can fix (bad usage, a missing build); printed as one line, exit code 2. */
export class CliError extends Error {
  override readonly name = "CliError";
}

interface NamedLocation {
  name: string;
  message: string;
  file?: unknown;
  path?: unknown;
  rule?: unknown;
  cause?: unknown;
}

function named(err: unknown, ...names: string[]): err is NamedLocation {
  return err instanceof Error && names.includes(err.name);
}

/** Whether an error is a ConfigError (matched by name: packages may hold their own copy of the class). */
export function isConfigError(err: unknown): err is Error & { file: string; path: string; rule: string } {
  return named(err, "ConfigError") && typeof err.file === "string" && typeof err.rule === "string";
}

/** Collapse a multi-line message (Pulumi's "please set a value using ..." hints) into one line. */
export function oneLine(message: string): string {
  return message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("; ");
}

/**
 * How an error ends the command: the exit code and the one line printed after `error: `.
 * Errors the user caused (config, policy config, a program rejecting its inputs, usage) are one line
 * without a stack trace; anything else is a bug and keeps its stack.
 */
export function classifyError(err: unknown): { code: number; message: string; stack?: string } {
  if (named(err, "CliError", "ConfigError", "PolicyConfigError", "ProgramError", "CheckpointError")) {
    return { code: EXIT.usage, message: oneLine(err.message) };
  }
  if (named(err, "PolicyEvaluationError")) return { code: EXIT.internal, message: oneLine(err.message) };
  if (err instanceof Error) {
    return { code: EXIT.internal, message: oneLine(err.message), ...(err.stack ? { stack: err.stack } : {}) };
  }
  return { code: EXIT.internal, message: String(err) };
}

/** The exit codes, as `--help` prints them. */
export const EXIT_CODES_HELP = `
Exit codes:
  0  no mandatory policy violated
  1  at least one mandatory policy violated, or (--state/--base) a change certain to fail \`pulumi up\`
  2  bad usage or bad configuration (the message names the file and the key)
  3  internal error (a bug in a program, a policy or the CLI)`;
