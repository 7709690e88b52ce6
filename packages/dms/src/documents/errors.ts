import { describeValue, formatPath, joinPath } from "@dms-platform/config";
import type { z } from "zod";

function render(path: string, rule: string, file: string | undefined): string {
  const where = path || "(root)";
  return file ? `${file}: ${where}: ${rule}` : `${where}: ${rule}`;
}

/**
 * A table-mapping document broke a rule. `path` is a JSON path into the document
 * (`rules[3].rule-action`), `rule` says what was expected; the message reads
 * `<file>: <path>: <rule>` when the document came from a file, `<path>: <rule>` otherwise.
 */
export class MappingError extends Error {
  override readonly name = "MappingError";
  constructor(
    /** JSON path inside the document, e.g. `rules[3].rule-action`; "" for the document itself. */
    readonly path: string,
    /** The rule that was broken, in words. */
    readonly rule: string,
    /** The file the document came from, when known. */
    readonly file?: string,
  ) {
    super(render(path, rule, file));
  }
}

/** A task-settings document broke a rule; same shape as {@link MappingError} (`Logging.LogComponents[2].Severity`). */
export class TaskSettingsError extends Error {
  override readonly name = "TaskSettingsError";
  constructor(
    /** JSON path inside the document, e.g. `Logging.LogComponents[2].Severity`. */
    readonly path: string,
    /** The rule that was broken, in words. */
    readonly rule: string,
    /** The file the document came from, when known. */
    readonly file?: string,
  ) {
    super(render(path, rule, file));
  }
}

/** A short JSON rendering of an offending value for `(got ...)`: the config package's, so all errors read alike. */
export { describeValue };

/** The path and rule of the first zod issue, relative to `prefix`. */
export function firstIssue(error: z.ZodError, prefix: string): { path: string; rule: string } {
  const issue = error.issues[0];
  if (!issue) return { path: prefix, rule: "invalid" };
  const path = joinPath(prefix, formatPath(issue.path));
  let rule = issue.message;
  if (issue.code === "unrecognized_keys") {
    rule = `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  } else if (issue.code === "invalid_type" && issue.input === undefined) {
    rule = "is required";
  } else if ("input" in issue && !/\(got /.test(rule)) {
    rule = `${rule} (got ${describeValue(issue.input)})`;
  }
  return { path, rule };
}

/** Render a path segment list as `a.b[2].c` (re-exported helper for callers building paths). */
export function pathOf(...parts: PropertyKey[]): string {
  return formatPath(parts);
}

/**
 * Something DMS accepts but that is very likely a mistake (a duplicate rule-name, a setting the task's migration
 * type or target engine ignores, a key let through by allowUnknownSettings): `path` is a JSON path into the
 * document, as for errors.
 */
export interface DocumentWarning {
  /** JSON path inside the document; "" for the document itself. */
  path: string;
  /** What DMS will do with it, and what to change. */
  message: string;
}

/** A parsed document and the warnings it drew. */
export interface ParsedDocument<T> {
  document: T;
  warnings: DocumentWarning[];
}
