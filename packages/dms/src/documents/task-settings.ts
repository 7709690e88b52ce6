/**
 * DMS replication-task settings: types and zod schemas written from the AWS DMS User Guide
 * ("Specifying task settings for AWS Database Migration Service tasks" and its sub-pages),
 * parsing with errors that name the JSON path and the rule, canonical serialisation and merging.
 *
 * Every key is held to the catalogue (task-settings-catalogue.ts): a key the guide does not document for its
 * section is an error naming where it belongs or what it was probably meant to be, unless the task lists it in
 * `allowUnknownSettings` (for settings DMS added after the catalogue). Values are checked by the zod schemas below.
 */
import { z } from "zod";
import { canonicalJson } from "./canonical.js";
import { type DocumentWarning, describeValue, firstIssue, type ParsedDocument, TaskSettingsError } from "./errors.js";
import { bool, cloneJson, intIn, isPlainObject, mustBe, oneOf, text } from "./schema-helpers.js";
import {
  cataloguedPaths,
  closestKey,
  type SettingsShape,
  sectionsWithKey,
  TASK_SETTINGS_CATALOGUE,
  TASK_SETTINGS_SECTIONS,
} from "./task-settings-catalogue.js";

// ---------------------------------------------------------------------------------------------
// Logging vocabulary
// ---------------------------------------------------------------------------------------------

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

/** MaxFullLoadSubTasks: "The default is 8; the maximum value is 49" (Full-load task settings). */
export const MAX_FULL_LOAD_SUBTASKS = 49;

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

type Open = { [key: string]: unknown };

export interface TargetMetadataSettings extends Open {
  TargetSchema?: string;
  SupportLobs?: boolean;
  FullLobMode?: boolean;
  LobChunkSize?: number;
  LimitedSizeLobMode?: boolean;
  LobMaxSize?: number;
  InlineLobMaxSize?: number;
  LoadMaxFileSize?: number;
  ParallelLoadThreads?: number;
  ParallelLoadBufferSize?: number;
  ParallelLoadQueuesPerThread?: number;
  ParallelApplyThreads?: number;
  ParallelApplyBufferSize?: number;
  ParallelApplyQueuesPerThread?: number;
  BatchApplyEnabled?: boolean;
  TaskRecoveryTableEnabled?: boolean;
}

export interface FullLoadSettings extends Open {
  TargetTablePrepMode?: TargetTablePrepMode;
  CreatePkAfterFullLoad?: boolean;
  StopTaskCachedChangesApplied?: boolean;
  StopTaskCachedChangesNotApplied?: boolean;
  MaxFullLoadSubTasks?: number;
  TransactionConsistencyTimeout?: number;
  CommitRate?: number;
}

export interface LogComponent extends Open {
  Id: LogComponentId;
  Severity: LogSeverity;
}

export interface LoggingSettings extends Open {
  EnableLogging?: boolean;
  EnableLogContext?: boolean;
  DeleteTaskLogs?: boolean;
  LogComponents?: LogComponent[];
  /** Returned by DMS on read; must not be sent (serializeTaskSettings drops it). */
  CloudWatchLogGroup?: string | null;
  /** Returned by DMS on read; must not be sent (serializeTaskSettings drops it). */
  CloudWatchLogStream?: string | null;
}

export interface ControlTablesSettings extends Open {
  ControlSchema?: string;
  HistoryTimeslotInMinutes?: number;
  HistoryTableEnabled?: boolean;
  SuspendedTablesTableEnabled?: boolean;
  StatusTableEnabled?: boolean;
  FullLoadExceptionTableEnabled?: boolean;
}

export interface StreamBufferSettings extends Open {
  StreamBufferCount?: number;
  StreamBufferSizeInMB?: number;
  CtrlStreamBufferSizeInMB?: number;
}

export interface ChangeProcessingTuning extends Open {
  BatchApplyPreserveTransaction?: boolean;
  BatchApplyTimeoutMin?: number;
  BatchApplyTimeoutMax?: number;
  BatchApplyMemoryLimit?: number;
  BatchSplitSize?: number;
  MinTransactionSize?: number;
  CommitTimeout?: number;
  MemoryLimitTotal?: number;
  MemoryKeepTime?: number;
  StatementCacheSize?: number;
}

export interface ChangeProcessingDdlHandlingPolicy extends Open {
  HandleSourceTableDropped?: boolean;
  HandleSourceTableTruncated?: boolean;
  HandleSourceTableAltered?: boolean;
}

export type RecordErrorPolicy = "IGNORE_RECORD" | "LOG_ERROR" | "SUSPEND_TABLE" | "STOP_TASK";
export type EscalationPolicy = "LOG_ERROR" | "SUSPEND_TABLE" | "STOP_TASK";

export interface ErrorBehaviorSettings extends Open {
  DataErrorPolicy?: RecordErrorPolicy;
  DataTruncationErrorPolicy?: RecordErrorPolicy;
  DataErrorEscalationPolicy?: EscalationPolicy;
  DataErrorEscalationCount?: number;
  TableErrorPolicy?: "SUSPEND_TABLE" | "STOP_TASK";
  TableErrorEscalationPolicy?: "STOP_TASK";
  TableErrorEscalationCount?: number;
  RecoverableErrorCount?: number;
  RecoverableErrorInterval?: number;
  RecoverableErrorThrottling?: boolean;
  RecoverableErrorThrottlingMax?: number;
  RecoverableErrorStopRetryAfterThrottlingMax?: boolean;
  ApplyErrorDeletePolicy?: RecordErrorPolicy;
  ApplyErrorInsertPolicy?: RecordErrorPolicy | "UPDATE_RECORD";
  ApplyErrorUpdatePolicy?: RecordErrorPolicy | "UPDATE_RECORD";
  ApplyErrorEscalationPolicy?: EscalationPolicy;
  ApplyErrorEscalationCount?: number;
  ApplyErrorFailOnTruncationDdl?: boolean;
  FullLoadIgnoreConflicts?: boolean;
  FailOnTransactionConsistencyBreached?: boolean;
  FailOnNoTablesCaptured?: boolean;
}

export interface ValidationSettings extends Open {
  EnableValidation?: boolean;
  ValidationMode?: string;
  ThreadCount?: number;
  PartitionSize?: number;
  FailureMaxCount?: number;
  TableFailureMaxCount?: number;
  RecordFailureDelayInMinutes?: number;
  RecordSuspendDelayInMinutes?: number;
  RecordFailureDelayLimitInMinutes?: number;
  ValidationOnly?: boolean;
  SkipLobColumns?: boolean;
  HandleCollationDiff?: boolean;
  MaxKeyColumnSize?: number;
  ValidationPartialLobSize?: number;
  ValidationQueryCdcDelaySeconds?: number;
}

export interface TimeTravelSettings extends Open {
  EnableTT?: boolean;
  TTS3Settings?: Open | null;
  TTRecordSettings?: Open | null;
}

export interface LoopbackPreventionSettings extends Open {
  EnableLoopbackPrevention?: boolean;
  SourceSchema?: string;
  TargetSchema?: string;
}

export interface CharacterSetSettings extends Open {
  CharacterReplacements?: Array<{ SourceCharacterCodePoint: number; TargetCharacterCodePoint: number }> | null;
  CharacterSetSupport?: { CharacterSet?: string; ReplaceWithCharacterCodePoint?: number } | null;
}

export interface BeforeImageSettings extends Open {
  EnableBeforeImage?: boolean;
  FieldName?: string;
  ColumnFilter?: (typeof BEFORE_IMAGE_COLUMN_FILTERS)[number];
}

/** A task-settings document. Sections may be null (DMS returns `"BeforeImageSettings": null` and the like). */
export type TaskSettings = {
  TargetMetadata?: TargetMetadataSettings | null;
  FullLoadSettings?: FullLoadSettings | null;
  Logging?: LoggingSettings | null;
  ControlTablesSettings?: ControlTablesSettings | null;
  StreamBufferSettings?: StreamBufferSettings | null;
  ChangeProcessingTuning?: ChangeProcessingTuning | null;
  ChangeProcessingDdlHandlingPolicy?: ChangeProcessingDdlHandlingPolicy | null;
  ErrorBehavior?: ErrorBehaviorSettings | null;
  ValidationSettings?: ValidationSettings | null;
  TTSettings?: TimeTravelSettings | null;
  LoopbackPreventionSettings?: LoopbackPreventionSettings | null;
  CharacterSetSettings?: CharacterSetSettings | null;
  BeforeImageSettings?: BeforeImageSettings | null;
  PostProcessingRules?: unknown;
  FailTaskWhenCleanTaskResourceFailed?: boolean;
} & Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

const count = () => intIn(0).optional();
const flag = () => bool().optional();

const RECORD_POLICIES = ["IGNORE_RECORD", "LOG_ERROR", "SUSPEND_TABLE", "STOP_TASK"] as const;
const ESCALATION_POLICIES = ["LOG_ERROR", "SUSPEND_TABLE", "STOP_TASK"] as const;

function section<S extends z.ZodRawShape>(shape: S) {
  return z
    .looseObject(shape, { error: mustBe("an object (or null)") })
    .nullable()
    .optional();
}

const targetMetadata = section({
  TargetSchema: z.string({ error: mustBe("a string") }).optional(),
  SupportLobs: flag(),
  FullLobMode: flag(),
  LobChunkSize: count(),
  LimitedSizeLobMode: flag(),
  LobMaxSize: count(),
  // Ranges from Target metadata task settings: InlineLobMaxSize up to 102400 KB, LoadMaxFileSize 0..100,000 KB,
  // ParallelLoadBufferSize "The maximum value is 1,000".
  InlineLobMaxSize: intIn(0, 102400).optional(),
  LoadMaxFileSize: intIn(0, 100000).optional(),
  ParallelLoadThreads: count(),
  ParallelLoadBufferSize: intIn(0, 1000).optional(),
  ParallelLoadQueuesPerThread: count(),
  ParallelApplyThreads: count(),
  ParallelApplyBufferSize: count(),
  ParallelApplyQueuesPerThread: count(),
  BatchApplyEnabled: flag(),
  TaskRecoveryTableEnabled: flag(),
});

const fullLoadSettings = section({
  TargetTablePrepMode: oneOf(TARGET_TABLE_PREP_MODES).optional(),
  CreatePkAfterFullLoad: flag(),
  StopTaskCachedChangesApplied: flag(),
  StopTaskCachedChangesNotApplied: flag(),
  MaxFullLoadSubTasks: intIn(1, MAX_FULL_LOAD_SUBTASKS).optional(),
  TransactionConsistencyTimeout: count(),
  CommitRate: count(),
});

const logComponent = z.looseObject(
  {
    Id: oneOf(LOG_COMPONENT_IDS),
    Severity: oneOf(LOG_SEVERITIES),
  },
  { error: mustBe("an object with Id and Severity") },
);

const logging = section({
  EnableLogging: flag(),
  EnableLogContext: flag(),
  DeleteTaskLogs: flag(),
  LogComponents: z.array(logComponent, { error: mustBe("an array of {Id, Severity}") }).optional(),
});

const controlTables = section({
  ControlSchema: z.string({ error: mustBe("a string") }).optional(),
  HistoryTimeslotInMinutes: count(),
  HistoryTableEnabled: flag(),
  SuspendedTablesTableEnabled: flag(),
  StatusTableEnabled: flag(),
  FullLoadExceptionTableEnabled: flag(),
});

const streamBuffer = section({
  StreamBufferCount: count(),
  StreamBufferSizeInMB: count(),
  CtrlStreamBufferSizeInMB: count(),
});

const changeProcessingTuning = section({
  BatchApplyPreserveTransaction: flag(),
  BatchApplyTimeoutMin: count(),
  BatchApplyTimeoutMax: count(),
  BatchApplyMemoryLimit: count(),
  BatchSplitSize: count(),
  MinTransactionSize: count(),
  CommitTimeout: count(),
  MemoryLimitTotal: count(),
  MemoryKeepTime: count(),
  // "The maximum value is 200" (Change processing tuning settings).
  StatementCacheSize: intIn(0, 200).optional(),
  // DMS returns -1 (DescribeReplicationTasks).
  RecoveryTimeout: intIn(-1).optional(),
});

const ddlHandling = section({
  HandleSourceTableDropped: flag(),
  HandleSourceTableTruncated: flag(),
  HandleSourceTableAltered: flag(),
});

const errorBehavior = section({
  DataErrorPolicy: oneOf(RECORD_POLICIES).optional(),
  DataTruncationErrorPolicy: oneOf(RECORD_POLICIES).optional(),
  DataErrorEscalationPolicy: oneOf(ESCALATION_POLICIES).optional(),
  DataErrorEscalationCount: count(),
  TableErrorPolicy: oneOf(["SUSPEND_TABLE", "STOP_TASK"] as const).optional(),
  TableErrorEscalationPolicy: oneOf(["STOP_TASK"] as const).optional(),
  TableErrorEscalationCount: count(),
  // -1 means "restart six times" (Error handling task settings).
  RecoverableErrorCount: intIn(-1).optional(),
  RecoverableErrorInterval: count(),
  RecoverableErrorThrottling: flag(),
  RecoverableErrorThrottlingMax: count(),
  RecoverableErrorStopRetryAfterThrottlingMax: flag(),
  ApplyErrorDeletePolicy: oneOf(RECORD_POLICIES).optional(),
  ApplyErrorInsertPolicy: oneOf([...RECORD_POLICIES, "UPDATE_RECORD"] as const).optional(),
  ApplyErrorUpdatePolicy: oneOf([...RECORD_POLICIES, "UPDATE_RECORD"] as const).optional(),
  ApplyErrorEscalationPolicy: oneOf(ESCALATION_POLICIES).optional(),
  ApplyErrorEscalationCount: count(),
  ApplyErrorFailOnTruncationDdl: flag(),
  FullLoadIgnoreConflicts: flag(),
  FailOnTransactionConsistencyBreached: flag(),
  FailOnNoTablesCaptured: flag(),
});

const validationSettings = section({
  EnableValidation: flag(),
  ValidationMode: text().optional(),
  ThreadCount: intIn(1).optional(),
  PartitionSize: intIn(1).optional(),
  FailureMaxCount: count(),
  TableFailureMaxCount: count(),
  RecordFailureDelayInMinutes: count(),
  RecordSuspendDelayInMinutes: count(),
  RecordFailureDelayLimitInMinutes: count(),
  ValidationOnly: flag(),
  SkipLobColumns: flag(),
  HandleCollationDiff: flag(),
  MaxKeyColumnSize: count(),
  ValidationPartialLobSize: count(),
  ValidationQueryCdcDelaySeconds: count(),
});

const nullableObject = <S extends z.ZodRawShape>(shape: S) =>
  z
    .looseObject(shape, { error: mustBe("an object (or null)") })
    .nullable()
    .optional();

const timeTravel = section({
  EnableTT: flag(),
  TTS3Settings: nullableObject({
    BucketName: z.string({ error: mustBe("a string") }).optional(),
    BucketFolder: z.string({ error: mustBe("a string") }).optional(),
    ServiceAccessRoleArn: z.string({ error: mustBe("a string") }).optional(),
    ServerSideEncryptionKmsKeyId: z.string({ error: mustBe("a string") }).optional(),
    EncryptionMode: z.string({ error: mustBe("a string") }).optional(),
    EnableDeletingFromS3OnTaskDelete: flag(),
  }),
  TTRecordSettings: nullableObject({
    EnableRawData: flag(),
    OperationsToLog: z.string({ error: mustBe("a string") }).optional(),
    MaxRecordSize: count(),
  }),
});

const loopbackPrevention = section({
  EnableLoopbackPrevention: flag(),
  SourceSchema: z.string({ error: mustBe("a string") }).optional(),
  TargetSchema: z.string({ error: mustBe("a string") }).optional(),
});

const characterSet = section({
  CharacterReplacements: z
    .array(
      z.looseObject(
        { SourceCharacterCodePoint: intIn(0), TargetCharacterCodePoint: intIn(0) },
        { error: mustBe("an object with SourceCharacterCodePoint and TargetCharacterCodePoint") },
      ),
      { error: mustBe("an array of character replacements") },
    )
    .nullable()
    .optional(),
  CharacterSetSupport: nullableObject({
    CharacterSet: z.string({ error: mustBe("a string") }).optional(),
    ReplaceWithCharacterCodePoint: intIn(0).optional(),
  }),
});

const beforeImage = section({
  EnableBeforeImage: flag(),
  FieldName: z.string({ error: mustBe("a string") }).optional(),
  ColumnFilter: oneOf(BEFORE_IMAGE_COLUMN_FILTERS).optional(),
});

const taskSettingsSchema = z.looseObject({
  TargetMetadata: targetMetadata,
  FullLoadSettings: fullLoadSettings,
  Logging: logging,
  ControlTablesSettings: controlTables,
  StreamBufferSettings: streamBuffer,
  ChangeProcessingTuning: changeProcessingTuning,
  ChangeProcessingDdlHandlingPolicy: ddlHandling,
  ErrorBehavior: errorBehavior,
  ValidationSettings: validationSettings,
  TTSettings: timeTravel,
  LoopbackPreventionSettings: loopbackPrevention,
  CharacterSetSettings: characterSet,
  BeforeImageSettings: beforeImage,
  FailTaskWhenCleanTaskResourceFailed: flag(),
});

/** Task settings are sent in the same request as the table mappings; we hold them to the same 2 MB. */
export const TASK_SETTINGS_MAX_BYTES = 2 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

function crossChecks(doc: Record<string, unknown>, fail: (p: string, r: string) => Error): void {
  const tm = doc.TargetMetadata;
  if (isPlainObject(tm)) {
    // Target metadata task settings: "If you set SupportLobs=true, you must set one of the following to true:
    // FullLobMode ... LimitedSizeLobMode"; each mode needs its size.
    if (tm.FullLobMode === true && tm.LimitedSizeLobMode === true) {
      throw fail(
        "TargetMetadata.LimitedSizeLobMode",
        "more than one LOB mode: FullLobMode and LimitedSizeLobMode are both true; choose one",
      );
    }
    if (tm.SupportLobs === true && tm.FullLobMode === false && tm.LimitedSizeLobMode === false) {
      throw fail(
        "TargetMetadata.SupportLobs",
        "is true but FullLobMode and LimitedSizeLobMode are both false; set one of them to true",
      );
    }
    if (tm.FullLobMode === true && tm.LobChunkSize === 0) {
      throw fail(
        "TargetMetadata.LobChunkSize",
        "must be a size in KB (64 is recommended) when FullLobMode is true (got 0)",
      );
    }
    if (tm.LimitedSizeLobMode === true && tm.LobMaxSize === 0) {
      throw fail("TargetMetadata.LobMaxSize", "must be a size in KB when LimitedSizeLobMode is true (got 0)");
    }
  }
  const beforeImage = doc.BeforeImageSettings;
  // Before image task settings: "When EnableBeforeImage is true, FieldName is required and can't be empty".
  if (isPlainObject(beforeImage) && beforeImage.EnableBeforeImage === true) {
    const fieldName = beforeImage.FieldName;
    if (typeof fieldName !== "string" || fieldName === "") {
      throw fail(
        "BeforeImageSettings.FieldName",
        `is required and must not be empty when EnableBeforeImage is true: the name of the JSON attribute that holds the before image (got ${describeValue(fieldName)})`,
      );
    }
  }
  const logging = doc.Logging;
  if (isPlainObject(logging)) {
    for (const key of ["CloudWatchLogGroup", "CloudWatchLogStream"]) {
      const v = logging[key];
      if (v !== undefined && v !== null) {
        throw fail(
          `Logging.${key}`,
          `must not be set: DMS names the log group and stream itself and rejects them on create (got ${describeValue(v)})`,
        );
      }
    }
    const components = logging.LogComponents;
    if (Array.isArray(components)) {
      const seen = new Map<string, number>();
      components.forEach((c, i) => {
        const id = String((c as Record<string, unknown>).Id);
        const first = seen.get(id);
        if (first !== undefined) {
          throw fail(`Logging.LogComponents[${i}].Id`, `duplicates LogComponents[${first}] (${describeValue(id)})`);
        }
        seen.set(id, i);
      });
    }
  }
}

/** DMS migration types (the task's `migrationType`; a Serverless config's `replicationType`). */
export type TaskMigrationType = "full-load" | "cdc" | "full-load-and-cdc";

/** Options of {@link parseTaskSettings} / {@link parseTaskSettingsDetailed}. */
export interface TaskSettingsParseOptions {
  /** The file the document came from; named in error messages. */
  file?: string;
  /**
   * Keys the catalogue does not know that the task sends anyway (settings DMS added after it), as dotted paths
   * without array indexes: `TargetMetadata.NewSetting`, `Logging.LogComponents.NewField`. Each one let through is
   * a warning; an entry that matches no unknown key of the document is a warning too.
   */
  allowUnknownSettings?: readonly string[];
  /** The task's migration type: settings it ignores become warnings. */
  migrationType?: TaskMigrationType;
  /** The DMS engine name of the target endpoint (`mysql`, `aurora-postgresql`, …): settings it ignores become warnings. */
  targetEngine?: string;
}

/** An `allowUnknownSettings` entry: dotted setting names, no indexes (`TargetMetadata.NewSetting`). */
export const ALLOW_UNKNOWN_SETTING_PATTERN = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

function unknownKeyRule(key: string, where: SettingsShape, plainPath: string, section: string | undefined): string {
  const atRoot = where === TASK_SETTINGS_CATALOGUE;
  const what = atRoot
    ? "not a task-settings section"
    : where.label.startsWith("a ")
      ? `not a key of ${where.label}`
      : `not ${/^[AEIOU]/.test(where.label) ? "an" : "a"} ${where.label} setting`;
  if (!atRoot && Object.hasOwn(TASK_SETTINGS_SECTIONS, key)) {
    return `${what}; ${key} is a section of its own, at the top level of the task settings`;
  }
  const homes = sectionsWithKey(key).filter((s) => s !== section);
  if (homes.length > 0) {
    return `${what}; it belongs in ${homes.join(" or ")}${atRoot ? ` (as ${homes[0]}.${key})` : ""}`;
  }
  const near = closestKey(key, Object.keys(where.keys));
  if (near !== undefined) return `${what} (did you mean \`${near}\`?)`;
  for (const [name, s] of Object.entries(TASK_SETTINGS_SECTIONS)) {
    if (name === section) continue;
    const elsewhere = closestKey(key, Object.keys(s.keys));
    if (elsewhere !== undefined) return `${what} (did you mean \`${name}.${elsewhere}\`?)`;
  }
  return `${what}: the DMS User Guide does not document it (${where.page}); if DMS added it after this catalogue, list "${plainPath}" in the task's allowUnknownSettings`;
}

/**
 * Hold every key of the document to the catalogue. Throws on the first key that is neither catalogued nor
 * allowed; returns a warning for each allowed one and for each allowUnknownSettings entry that matched nothing.
 */
function checkKeys(
  doc: Record<string, unknown>,
  allow: readonly string[],
  fail: (p: string, r: string) => Error,
): DocumentWarning[] {
  const allowed = new Set(allow);
  const used = new Set<string>();
  const warnings: DocumentWarning[] = [];
  const visit = (value: unknown, where: SettingsShape, at: string, plain: string, section: string | undefined) => {
    if (!isPlainObject(value)) return;
    for (const key of Object.keys(value)) {
      const path = at ? `${at}.${key}` : key;
      const plainPath = plain ? `${plain}.${key}` : key;
      const spec = Object.hasOwn(where.keys, key) ? where.keys[key] : undefined;
      if (spec === undefined) {
        if (!allowed.has(plainPath)) throw fail(path, unknownKeyRule(key, where, plainPath, section));
        used.add(plainPath);
        warnings.push({
          path,
          message: `is not in the catalogue of DMS task settings; sent as written because allowUnknownSettings lists "${plainPath}" (check that DMS documents it)`,
        });
        continue;
      }
      const inner = value[key];
      const nextSection = section ?? key;
      if (spec.object) visit(inner, spec.object, path, plainPath, nextSection);
      const items = spec.items;
      if (items && Array.isArray(inner)) {
        inner.forEach((item, i) => {
          visit(item, items, `${path}[${i}]`, plainPath, nextSection);
        });
      }
    }
  };
  visit(doc, TASK_SETTINGS_CATALOGUE, "", "", undefined);
  const documented = new Set(cataloguedPaths());
  for (const entry of allowed) {
    if (used.has(entry)) continue;
    warnings.push({
      path: "",
      message: documented.has(entry)
        ? `allowUnknownSettings lists "${entry}", a documented setting that needs no allowance: remove it from the list`
        : `allowUnknownSettings lists "${entry}", but the settings have no such key: remove it from the list`,
    });
  }
  return warnings;
}

const MYSQL_TARGETS = new Set(["mysql", "mariadb", "aurora"]);
const RELATIONAL_TARGETS = new Set([...MYSQL_TARGETS, "postgres", "aurora-postgresql"]);

/**
 * Settings that DMS accepts but that the task's migration type or target engine ignores (or that the guide says to
 * leave alone for that engine). Only values that show intent are reported (a flag set to true, a non-empty schema),
 * so settings exported from a real task, which carry every key at its default, draw no warning.
 */
export function taskSettingsWarnings(
  doc: TaskSettings,
  context: Pick<TaskSettingsParseOptions, "migrationType" | "targetEngine">,
): DocumentWarning[] {
  const out: DocumentWarning[] = [];
  const get = (section: string, key: string): unknown => {
    const s = doc[section];
    return isPlainObject(s) ? s[key] : undefined;
  };
  const type = context.migrationType;
  if (type === "full-load") {
    for (const key of ["StopTaskCachedChangesApplied", "StopTaskCachedChangesNotApplied"]) {
      if (get("FullLoadSettings", key) === true) {
        out.push({
          path: `FullLoadSettings.${key}`,
          message:
            'applies only to a task that also replicates changes ("For full load and CDC-enabled tasks", Full-load task settings); this task is full-load, so DMS ignores it',
        });
      }
    }
    if (get("TargetMetadata", "BatchApplyEnabled") === true) {
      out.push({
        path: "TargetMetadata.BatchApplyEnabled",
        message: "batch apply is how DMS applies captured changes; this task is full-load (no CDC), so DMS ignores it",
      });
    }
    for (const key of ["StatusTableEnabled", "SuspendedTablesTableEnabled", "HistoryTableEnabled"]) {
      if (get("ControlTablesSettings", key) === true) {
        out.push({
          path: `ControlTablesSettings.${key}`,
          message:
            "DMS creates this control table only for full-load-and-cdc and cdc tasks (Control table task settings); this task is full-load",
        });
      }
    }
    if (get("LoopbackPreventionSettings", "EnableLoopbackPrevention") === true) {
      out.push({
        path: "LoopbackPreventionSettings.EnableLoopbackPrevention",
        message: "loopback prevention guards ongoing replication; this task is full-load, so DMS ignores it",
      });
    }
    if (get("BeforeImageSettings", "EnableBeforeImage") === true) {
      out.push({
        path: "BeforeImageSettings.EnableBeforeImage",
        message: "before images are written for captured changes (CDC); this task is full-load, so DMS ignores it",
      });
    }
  }
  if (type === "cdc") {
    for (const key of ["CreatePkAfterFullLoad", "StopTaskCachedChangesApplied", "StopTaskCachedChangesNotApplied"]) {
      if (get("FullLoadSettings", key) === true) {
        out.push({
          path: `FullLoadSettings.${key}`,
          message: "applies to the full load; this task is cdc (no full load), so DMS ignores it",
        });
      }
    }
  }
  const engine = context.targetEngine;
  if (engine !== undefined) {
    const targetSchema = get("TargetMetadata", "TargetSchema");
    if (MYSQL_TARGETS.has(engine) && typeof targetSchema === "string" && targetSchema !== "") {
      out.push({
        path: "TargetMetadata.TargetSchema",
        message: `should be left empty for MySQL-type target endpoints (Target metadata task settings); the target is ${engine}: rename schemas with a transformation rule instead`,
      });
    }
    const threads = get("TargetMetadata", "ParallelLoadThreads");
    if (MYSQL_TARGETS.has(engine) && typeof threads === "number" && threads > 16) {
      out.push({
        path: "TargetMetadata.ParallelLoadThreads",
        message: `is ${threads}; the maximum for a MySQL target is 16 unless AWS raised it for the account (Target metadata task settings)`,
      });
    }
    const buffer = get("TargetMetadata", "ParallelLoadBufferSize");
    if (RELATIONAL_TARGETS.has(engine) && typeof buffer === "number" && buffer > 0) {
      out.push({
        path: "TargetMetadata.ParallelLoadBufferSize",
        message: `is valid only when DynamoDB is the target (Target metadata task settings); the target is ${engine}, so DMS ignores it`,
      });
    }
    if (engine !== "oracle" && get("ChangeProcessingTuning", "BatchApplyPreserveTransaction") === false) {
      out.push({
        path: "ChangeProcessingTuning.BatchApplyPreserveTransaction",
        message: `applies only to Oracle target endpoints (Change processing tuning settings); the target is ${engine}, so DMS ignores it`,
      });
    }
  }
  return out;
}

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
  crossChecks(doc, fail);
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

// ---------------------------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------------------------

function mergeValues(base: unknown, override: unknown, path: string): unknown {
  if (override === undefined) return cloneJson(base);
  if (path === "Logging.LogComponents" && Array.isArray(base) && Array.isArray(override)) {
    return mergeLogComponents(base, override);
  }
  if (isPlainObject(base) && isPlainObject(override)) {
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a JSON key "__proto__" must stay a key.
    const put = (k: string, v: unknown) =>
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, v] of Object.entries(base)) if (v !== undefined) put(k, cloneJson(v));
    for (const [k, v] of Object.entries(override)) {
      if (v === undefined) continue;
      put(k, mergeValues(Object.hasOwn(base, k) ? base[k] : undefined, v, path ? `${path}.${k}` : k));
    }
    return out;
  }
  return cloneJson(override);
}

function mergeLogComponents(base: unknown[], override: unknown[]): unknown[] {
  const out = base.map((c) => cloneJson(c));
  for (const c of override) {
    const id = isPlainObject(c) ? c.Id : undefined;
    const at = id === undefined ? -1 : out.findIndex((b) => isPlainObject(b) && b.Id === id);
    if (at >= 0) out[at] = mergeValues(out[at], c, "");
    else out.push(cloneJson(c));
  }
  return out;
}

/**
 * Deep-merge task settings: objects are merged key by key, arrays are replaced, except
 * Logging.LogComponents, which is merged by Id (an override entry replaces the base entry with the same
 * Id in place; new Ids are appended). Neither input is modified.
 */
export function mergeTaskSettings(base: TaskSettings, override: Partial<TaskSettings> | undefined): TaskSettings {
  return mergeValues(base, override, "") as TaskSettings;
}

// ---------------------------------------------------------------------------------------------
// allowUnknownSettings on the resource
// ---------------------------------------------------------------------------------------------

/**
 * The tag that carries a task's allowUnknownSettings on the task (or Serverless config) itself, space-separated,
 * so the policy pack, which sees only resources, lets the same keys through under `pulumi preview` as the
 * component did. AWS tag values allow letters, digits, spaces and `_ . : / = + - @`, and 256 characters.
 */
export const ALLOW_UNKNOWN_SETTINGS_TAG = "DmsAllowUnknownSettings";

/** The most characters an AWS tag value may have. */
export const TAG_VALUE_MAX_LENGTH = 256;

/** allowUnknownSettings in args and stack config: dotted setting paths, small enough to travel as one tag value. */
export const allowUnknownSettingsSchema = z
  .array(
    z
      .string()
      .regex(
        ALLOW_UNKNOWN_SETTING_PATTERN,
        "must be a dotted settings path such as TargetMetadata.NewSetting (letters, digits and _ between dots)",
      ),
  )
  .refine(
    (entries) => entries.join(" ").length <= TAG_VALUE_MAX_LENGTH,
    `must fit in one tag value: at most ${TAG_VALUE_MAX_LENGTH} characters joined by spaces`,
  );

/** The tag value for a list of allowUnknownSettings entries (undefined for none). */
export function allowUnknownSettingsTagValue(entries: readonly string[] | undefined): string | undefined {
  return entries && entries.length > 0 ? entries.join(" ") : undefined;
}

/** The allowUnknownSettings entries a resource's tags carry (none when the tag is absent or not a string). */
export function allowUnknownSettingsFromTags(tags: unknown): string[] {
  const value = isPlainObject(tags) ? tags[ALLOW_UNKNOWN_SETTINGS_TAG] : undefined;
  return typeof value === "string" ? value.split(" ").filter((entry) => entry.length > 0) : [];
}
