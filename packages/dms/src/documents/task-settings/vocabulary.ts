/**
 * Task-settings vocabulary: the log component ids, the severities and their order, the target table
 * preparation modes, the before-image column filters and the full-load subtask limit.
 */

/**
 * Log component ids. The five the Logging page describes (SOURCE_UNLOAD, SOURCE_CAPTURE, TARGET_LOAD,
 * TARGET_APPLY, TASK_MANAGER) and the others DMS itself writes in the settings of every task (the
 * "Saving task settings" example lists all nineteen).
 */
export const LOG_COMPONENT_IDS = [
  "SOURCE_UNLOAD",
  "SOURCE_CAPTURE",
  "TARGET_LOAD",
  "TARGET_APPLY",
  "TASK_MANAGER",
  "TRANSFORMATION",
  // "VALIDATOR/ VALIDATOR_EXT" (Logging task settings): both ids name the validator.
  "VALIDATOR",
  "IO",
  "PERFORMANCE",
  "SORTER",
  "REST_SERVER",
  "VALIDATOR_EXT",
  "TABLES_MANAGER",
  "METADATA_MANAGER",
  "FILE_FACTORY",
  "COMMON",
  "ADDONS",
  "DATA_STRUCTURE",
  "COMMUNICATION",
  "FILE_TRANSFER",
] as const;
export type LogComponentId = (typeof LOG_COMPONENT_IDS)[number];

/**
 * Log severities, in the order the Logging page lists them, "from the lowest level of information to
 * the highest; the higher levels always include information from the lower levels".
 */
export const LOG_SEVERITIES = [
  "LOGGER_SEVERITY_ERROR",
  "LOGGER_SEVERITY_WARNING",
  "LOGGER_SEVERITY_INFO",
  "LOGGER_SEVERITY_DEFAULT",
  "LOGGER_SEVERITY_DEBUG",
  "LOGGER_SEVERITY_DETAILED_DEBUG",
] as const;
export type LogSeverity = (typeof LOG_SEVERITIES)[number];

/**
 * The rank of a severity by how much it logs: ERROR 1, WARNING 2, INFO 3, DEFAULT 4, DEBUG 5,
 * DETAILED_DEBUG 6; 0 for anything else. DEFAULT ranks above INFO because the guide lists it after INFO
 * (the two log the same messages), and because Security Hub DMS.7/DMS.8 and the AWS Config rules
 * dms-replication-task-{source,target}db-logging accept only DEFAULT, DEBUG and DETAILED_DEBUG:
 * "at default severity or above" is `severityRank(s) >= severityRank("LOGGER_SEVERITY_DEFAULT")`.
 */
export function severityRank(severity: string): number {
  return (LOG_SEVERITIES as readonly string[]).indexOf(severity) + 1;
}

/** BeforeImageSettings.ColumnFilter (Before image task settings). */
export const BEFORE_IMAGE_COLUMN_FILTERS = ["pk-only", "non-lob", "all"] as const;

export const TARGET_TABLE_PREP_MODES = ["DO_NOTHING", "DROP_AND_CREATE", "TRUNCATE_BEFORE_LOAD"] as const;
export type TargetTablePrepMode = (typeof TARGET_TABLE_PREP_MODES)[number];

/**
 * MaxFullLoadSubTasks: "The default is 8; the maximum value is 49" — the same on every page that names it (Full-load
 * and Target metadata task settings, Tablesettings, the Kinesis, Kafka, DynamoDB and OpenSearch target pages).
 */
export const MAX_FULL_LOAD_SUBTASKS = 49;
