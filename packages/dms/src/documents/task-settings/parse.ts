/**
 * Parsing task settings with errors that name the JSON path and the rule, and canonical serialisation.
 */
import { canonicalJson } from "../canonical.js";
import { describeValue, firstIssue, type ParsedDocument, TaskSettingsError } from "../errors.js";
import { cloneJson, isPlainObject } from "../schema-helpers.js";
import { checkKeys, crossChecks } from "./checks.js";
import { TASK_SETTINGS_MAX_BYTES, taskSettingsSchema } from "./schemas.js";
import type { TaskSettings, TaskSettingsParseOptions } from "./types.js";
import { taskSettingsWarnings } from "./warnings.js";

/**
 * Parse and validate a DMS task-settings document (a JSON string or an already-decoded value), and collect the
 * warnings it draws (allowed unknown keys, settings the migration type or target engine ignores).
 * Throws a {@link TaskSettingsError} naming the JSON path and the rule.
 */
export function parseTaskSettingsDetailed(
  json: unknown,
  options: TaskSettingsParseOptions = {},
): ParsedDocument<TaskSettings> {
  const fail = (path: string, rule: string) => new TaskSettingsError(path, rule, options.file);
  let doc: unknown = json;
  if (typeof json === "string") {
    try {
      doc = JSON.parse(json) as unknown;
    } catch (err) {
      throw fail("", `not valid JSON: ${(err as Error).message}`);
    }
  }
  if (!isPlainObject(doc)) throw fail("", `must be a JSON object of task-setting sections (got ${describeValue(doc)})`);
  const size = Buffer.byteLength(canonicalJson(doc), "utf8");
  if (size > TASK_SETTINGS_MAX_BYTES) {
    throw fail("", `is ${size} bytes; the limit is 2 MB (${TASK_SETTINGS_MAX_BYTES} bytes)`);
  }
  const keyWarnings = checkKeys(doc, options.allowUnknownSettings ?? [], fail);
  const result = taskSettingsSchema.safeParse(doc, { reportInput: true });
  if (!result.success) {
    const { path, rule } = firstIssue(result.error, "");
    throw fail(path, rule);
  }
  crossChecks(doc, fail, options.migrationType);
  const document = cloneJson(doc) as TaskSettings;
  return { document, warnings: [...keyWarnings, ...taskSettingsWarnings(document, options)] };
}

/**
 * Parse and validate a DMS task-settings document (a JSON string or an already-decoded value).
 * Returns a copy with every key kept; throws a {@link TaskSettingsError} naming the JSON path and the rule.
 * {@link parseTaskSettingsDetailed} also returns the warnings.
 */
export function parseTaskSettings(json: unknown, options: TaskSettingsParseOptions = {}): TaskSettings {
  return parseTaskSettingsDetailed(json, options).document;
}

/**
 * The canonical JSON of task settings, as sent to DMS: keys sorted, and without Logging.CloudWatchLogGroup /
 * CloudWatchLogStream, which AWS rejects on create ("Task Settings CloudWatchLogGroup or CloudWatchLogStream
 * cannot be set on create", Saving task settings) yet returns on read.
 */
export function serializeTaskSettings(doc: TaskSettings): string {
  const copy = cloneJson(doc) as Record<string, unknown>;
  const logging = copy.Logging;
  if (isPlainObject(logging)) {
    delete logging.CloudWatchLogGroup;
    delete logging.CloudWatchLogStream;
  }
  return canonicalJson(copy);
}
