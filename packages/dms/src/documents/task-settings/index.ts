/**
 * DMS replication-task settings: types and zod schemas written from the AWS DMS User Guide
 * ("Specifying task settings for AWS Database Migration Service tasks" and its sub-pages),
 * parsing with errors that name the JSON path and the rule, canonical serialisation and merging.
 *
 * Every key is held to the catalogue (../task-settings-catalogue.ts): a key the guide does not document for its
 * section is an error naming where it belongs or what it was probably meant to be, unless the task lists it in
 * `allowUnknownSettings` (for settings DMS added after the catalogue). Values are checked by the zod schemas in
 * schemas.ts.
 */

export {
  ALLOW_UNKNOWN_SETTING_PATTERN,
  ALLOW_UNKNOWN_SETTINGS_TAG,
  allowUnknownSettingsFromTags,
  allowUnknownSettingsSchema,
  allowUnknownSettingsTagValue,
  TAG_VALUE_MAX_LENGTH,
} from "./allow-unknown.js";
export { mergeTaskSettings } from "./merge.js";
export { parseTaskSettings, parseTaskSettingsDetailed, serializeTaskSettings } from "./parse.js";
export { TASK_SETTINGS_MAX_BYTES } from "./schemas.js";
export type {
  BeforeImageSettings,
  ChangeProcessingDdlHandlingPolicy,
  ChangeProcessingTuning,
  CharacterSetSettings,
  ControlTablesSettings,
  DataResyncSettings,
  ErrorBehaviorSettings,
  EscalationPolicy,
  FullLoadSettings,
  LogComponent,
  LoggingSettings,
  LoopbackPreventionSettings,
  RecordErrorPolicy,
  StreamBufferSettings,
  TargetMetadataSettings,
  TaskMigrationType,
  TaskSettings,
  TaskSettingsParseOptions,
  TimeTravelSettings,
  ValidationSettings,
} from "./types.js";
export {
  BEFORE_IMAGE_COLUMN_FILTERS,
  LOG_COMPONENT_IDS,
  LOG_SEVERITIES,
  type LogComponentId,
  type LogSeverity,
  MAX_FULL_LOAD_SUBTASKS,
  severityRank,
  TARGET_TABLE_PREP_MODES,
  type TargetTablePrepMode,
} from "./vocabulary.js";
export { taskSettingsWarnings } from "./warnings.js";
