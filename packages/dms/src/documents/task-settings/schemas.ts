/**
 * Task-settings zod schemas, one per section, written from the AWS DMS User Guide's task-settings pages.
 */
import { z } from "zod";
import { bool, intIn, mustBe, oneOf, text } from "../schema-helpers.js";
import {
  BEFORE_IMAGE_COLUMN_FILTERS,
  LOG_COMPONENT_IDS,
  LOG_SEVERITIES,
  MAX_FULL_LOAD_SUBTASKS,
  TARGET_TABLE_PREP_MODES,
} from "./vocabulary.js";

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
  // "The default value is 10000, and the maximum value is 50000" (Full-load task settings).
  CommitRate: intIn(1, 50000).optional(),
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
  // "The value is in megabytes, and can be 1–8" (Stream buffer task settings).
  CtrlStreamBufferSizeInMB: intIn(1, 8).optional(),
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
  // The Error handling page lists INSERT_RECORD for inserts; UPDATE_RECORD is what earlier versions of the page and
  // settings in use write for the same policy. The guide and practice disagree: accept both.
  ApplyErrorInsertPolicy: oneOf([...RECORD_POLICIES, "INSERT_RECORD", "UPDATE_RECORD"] as const).optional(),
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
    // "You can specify either "SSE_S3" (the default) or "SSE_KMS"" (Time Travel task settings).
    EncryptionMode: oneOf(["SSE_S3", "SSE_KMS"] as const).optional(),
    EnableDeletingFromS3OnTaskDelete: flag(),
  }),
  TTRecordSettings: nullableObject({
    EnableRawData: flag(),
    // One of INSERT, UPDATE, DELETE, COMMIT, ROLLBACK, ALL — and the page's own example writes "DELETE,UPDATE", so a
    // comma-separated list of them (Time Travel task settings; …TimeTravel.TaskEnabling).
    OperationsToLog: z
      .string({ error: mustBe("a string") })
      .regex(/^(INSERT|UPDATE|DELETE|COMMIT|ROLLBACK|ALL)(,(INSERT|UPDATE|DELETE|COMMIT|ROLLBACK|ALL))*$/, {
        error: mustBe("INSERT, UPDATE, DELETE, COMMIT, ROLLBACK or ALL, or a comma-separated list of them"),
      })
      .optional(),
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

// Data resync settings (3.6.1): MaxResyncTime "Minimum value: 5 minutes, maximum value: 14400 minutes (10 days)".
const dataResync = section({
  EnableResync: flag(),
  ResyncSchedule: text("a cron expression").nullable().optional(),
  MaxResyncTime: intIn(5, 14400).nullable().optional(),
  ValidationTaskId: z
    .string({ error: mustBe("a string") })
    .nullable()
    .optional(),
});

export const taskSettingsSchema = z.looseObject({
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
  ResyncSettings: dataResync,
  FailTaskWhenCleanTaskResourceFailed: flag(),
});

/** Task settings are sent in the same request as the table mappings; we hold them to the same 2 MB. */
export const TASK_SETTINGS_MAX_BYTES = 2 * 1024 * 1024;
