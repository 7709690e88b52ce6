import { ConfigError, type EnvironmentProfile, joinPath } from "@dms-platform/config";
import type { DmsTaskArgs } from "./args.js";
import {
  MappingError,
  mergeTaskSettings,
  parseTableMappings,
  parseTaskSettings,
  serializeTableMappings,
  serializeTaskSettings,
  type TableMappings,
  type TaskSettings,
  TaskSettingsError,
} from "./documents/index.js";
import { redshiftTaskSettings } from "./redshift-endpoint.js";
import { s3TargetTaskSettings, s3TaskSettingsProblem } from "./s3-target.js";
import { loggingProblems, platformTaskSettings } from "./task-settings.js";

/** What a task sends to AWS: canonical JSON, so a second preview shows no diff. */
export interface TaskDocuments {
  tableMappings: TableMappings;
  /** Canonical table mappings. */
  tableMappingsJson: string;
  /** Canonical task settings (platform defaults merged with the task's), without the read-only log group keys. */
  settingsJson: string;
  /** `cdcStartTime` as Unix seconds, the form the provider sends. */
  cdcStartTime?: string;
}

/**
 * Validate and serialise one task's documents. A bad document is a ConfigError naming the
 * component, the task and the JSON path (`DmsReplication "lab": tasks[0].tableMappings.rules[0].rule-action: ...`).
 */
export function taskDocuments(
  task: DmsTaskArgs,
  index: number,
  profile: Pick<EnvironmentProfile, "validationEnabled">,
  where: string,
  /** The target's engine ("s3" for an Amazon S3 target): its defaults and limits. @default a database target */
  targetEngine?: string,
): TaskDocuments {
  const at = (field: string, path: string) => joinPath(`tasks[${index}].${field}`, path);
  try {
    const tableMappings = parseTableMappings(task.tableMappings);
    const settings = mergedSettings(task, profile, targetEngine);
    const [problem] = loggingProblems(settings);
    if (problem) throw new ConfigError(where, at("settings", problem.path), problem.rule);
    const s3Problem = targetEngine === "s3" ? s3TaskSettingsProblem(settings) : undefined;
    if (s3Problem) throw new ConfigError(where, at("settings", s3Problem[0]), s3Problem[1]);
    return {
      tableMappings,
      tableMappingsJson: serializeTableMappings(tableMappings),
      settingsJson: serializeTaskSettings(settings),
      ...(task.cdcStartTime !== undefined ? { cdcStartTime: unixSeconds(task.cdcStartTime) } : {}),
    };
  } catch (err) {
    if (err instanceof MappingError) throw new ConfigError(where, at("tableMappings", err.path), err.rule);
    if (err instanceof TaskSettingsError) throw new ConfigError(where, at("settings", err.path), err.rule);
    throw err;
  }
}

/**
 * The task's settings merged over the platform's, validated as a whole: rules that span settings (a validation-only
 * task, data resync) hold for what is sent, not for the override alone, and error paths are the override's own.
 * A validation-only task gets DO_NOTHING as its default table preparation, "the default for a validation only task"
 * (Data validation task settings), instead of the platform's DROP_AND_CREATE.
 */
function mergedSettings(
  task: DmsTaskArgs,
  profile: Pick<EnvironmentProfile, "validationEnabled">,
  targetEngine?: string,
): TaskSettings {
  const options = { allowUnknownSettings: task.allowUnknownSettings ?? [], migrationType: task.migrationType };
  const platform = platformTaskSettings(profile);
  // A Redshift target starts from the guide's settings for it (batch apply, 31 KB LOBs); an S3
  // target from its own (s3-target.ts).
  const base =
    targetEngine === "redshift"
      ? mergeTaskSettings(platform, redshiftTaskSettings())
      : targetEngine === "s3"
        ? s3TargetTaskSettings(platform)
        : platform;
  if (task.settings === undefined) return base;
  let override: unknown = task.settings;
  if (typeof override === "string") {
    try {
      override = JSON.parse(override) as unknown;
    } catch {
      return parseTaskSettings(task.settings, options); // throws, naming the syntax error
    }
  }
  if (override === null || typeof override !== "object" || Array.isArray(override)) {
    return parseTaskSettings(override, options); // throws: not a settings object
  }
  const validation = (override as TaskSettings).ValidationSettings;
  if (validation?.ValidationOnly === true && base.FullLoadSettings) {
    base.FullLoadSettings.TargetTablePrepMode = "DO_NOTHING";
  }
  return parseTaskSettings(mergeTaskSettings(base, override as TaskSettings), options);
}

/** A Date or ISO 8601 string as Unix seconds (what aws.dms.ReplicationTask accepts in every provider version). */
export function unixSeconds(time: string | Date): string {
  const ms = time instanceof Date ? time.getTime() : Date.parse(time);
  return String(Math.floor(ms / 1000));
}
