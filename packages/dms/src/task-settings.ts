import type { EnvironmentProfile } from "@dms-platform/config";
import { severityRank, type TaskSettings } from "./documents/index.js";

/** Log components the platform turns on for every task (the CrossGuard pack requires the first four). */
export const REQUIRED_LOG_COMPONENTS = [
  "SOURCE_UNLOAD",
  "SOURCE_CAPTURE",
  "TARGET_LOAD",
  "TARGET_APPLY",
  "TASK_MANAGER",
] as const;

/**
 * Whether a severity logs at "default or above" (DEFAULT, DEBUG, DETAILED_DEBUG), the levels AWS
 * Config's dms-replication-task-sourcedb-logging / -targetdb-logging rules (Security Hub DMS.7, DMS.8) accept.
 */
export function atDefaultOrAbove(severity: unknown): boolean {
  return typeof severity === "string" && severityRank(severity) >= severityRank("LOGGER_SEVERITY_DEFAULT");
}

/**
 * The platform's task settings for an environment, the base every task's partial settings are
 * merged over (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.html):
 * - logging on, the five components at LOGGER_SEVERITY_DEFAULT (the log group is created up front);
 * - validation from the profile;
 * - limited-size LOB mode with DMS's 32 KB default (full LOB mode is much slower; raise
 *   `TargetMetadata.LobMaxSize` for larger LOBs, which are otherwise truncated);
 * - `DROP_AND_CREATE` target table preparation (DMS's default: tables are created on the target;
 *   use `DO_NOTHING` when the target schema is created beforehand).
 */
export function platformTaskSettings(profile: Pick<EnvironmentProfile, "validationEnabled">): TaskSettings {
  return {
    TargetMetadata: { SupportLobs: true, FullLobMode: false, LimitedSizeLobMode: true, LobMaxSize: 32 },
    FullLoadSettings: { TargetTablePrepMode: "DROP_AND_CREATE" },
    Logging: {
      EnableLogging: true,
      LogComponents: REQUIRED_LOG_COMPONENTS.map((Id) => ({ Id, Severity: "LOGGER_SEVERITY_DEFAULT" })),
    },
    ValidationSettings: { EnableValidation: profile.validationEnabled },
  };
}

/**
 * Where merged task settings break the platform's logging rule, as `{ path, rule }` pairs relative to
 * the settings document (empty when they don't). A user override may raise verbosity, never lower it.
 */
export function loggingProblems(settings: TaskSettings): Array<{ path: string; rule: string }> {
  const logging = settings.Logging as { EnableLogging?: unknown; LogComponents?: unknown } | undefined;
  if (logging?.EnableLogging !== true) {
    return [{ path: "Logging.EnableLogging", rule: `must be true (got ${JSON.stringify(logging?.EnableLogging)})` }];
  }
  const components = Array.isArray(logging.LogComponents) ? (logging.LogComponents as unknown[]) : [];
  const problems: Array<{ path: string; rule: string }> = [];
  for (const id of REQUIRED_LOG_COMPONENTS) {
    const index = components.findIndex((c) => (c as { Id?: unknown } | null)?.Id === id);
    const severity = index >= 0 ? (components[index] as { Severity?: unknown }).Severity : undefined;
    if (index < 0) {
      problems.push({ path: "Logging.LogComponents", rule: `must include ${id}` });
    } else if (!atDefaultOrAbove(severity)) {
      problems.push({
        path: `Logging.LogComponents[${index}].Severity`,
        rule: `${id} must log at LOGGER_SEVERITY_DEFAULT or above (got ${JSON.stringify(severity)})`,
      });
    }
  }
  return problems;
}
