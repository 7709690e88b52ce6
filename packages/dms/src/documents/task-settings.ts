/**
 * DMS replication-task settings: types and zod schemas written from the AWS DMS User Guide
 * ("Specifying task settings for AWS Database Migration Service tasks" and its sub-pages),
 * parsing with errors that name the JSON path and the rule, canonical serialisation and merging.
 *
 * Every section is loose: settings the guide does not list (or that DMS added later) are kept.
 */
import { z } from "zod";
import { canonicalJson } from "./canonical.js";
import { describeValue, firstIssue, TaskSettingsError } from "./errors.js";
import { bool, cloneJson, intIn, isPlainObject, mustBe, oneOf, text } from "./schema-helpers.js";

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
  StatementCacheSize: count(),
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

/**
 * Parse and validate a DMS task-settings document (a JSON string or an already-decoded value).
 * Returns a copy with every key kept; throws a {@link TaskSettingsError} naming the JSON path and the rule.
 */
export function parseTaskSettings(json: unknown, options: { file?: string } = {}): TaskSettings {
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
  const result = taskSettingsSchema.safeParse(doc, { reportInput: true });
  if (!result.success) {
    const { path, rule } = firstIssue(result.error, "");
    throw fail(path, rule);
  }
  crossChecks(doc, fail);
  return cloneJson(doc) as TaskSettings;
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
