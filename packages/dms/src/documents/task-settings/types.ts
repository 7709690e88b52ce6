/**
 * Task-settings types (the keys of the AWS DMS User Guide's task-settings pages; unknown keys are kept), and
 * the options a parse takes.
 */
import type { BEFORE_IMAGE_COLUMN_FILTERS, LogComponentId, LogSeverity, TargetTablePrepMode } from "./vocabulary.js";

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
  ApplyErrorInsertPolicy?: RecordErrorPolicy | "INSERT_RECORD" | "UPDATE_RECORD";
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

/** Data resync settings (DMS 3.6.1). */
export interface DataResyncSettings extends Open {
  EnableResync?: boolean;
  /** A cron expression: when resync may run. */
  ResyncSchedule?: string | null;
  /** Minutes, 5 to 14400. */
  MaxResyncTime?: number | null;
  /** The validation-only task whose report drives the resync, when this task does not validate. */
  ValidationTaskId?: string | null;
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
  ResyncSettings?: DataResyncSettings | null;
  PostProcessingRules?: unknown;
  FailTaskWhenCleanTaskResourceFailed?: boolean;
} & Record<string, unknown>;

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
