/**
 * The catalogue of DMS task settings: every key of every section, and the page it is documented on.
 *
 * Built from the AWS DMS User Guide's task-settings pages (read from the guide's source,
 * github.com/awsdocs/aws-dms-user-guide `doc_source/CHAP_Tasks.CustomizingTasks.TaskSettings*.md`, at commits
 * c23e9e6b5f98b4eaec4c0557c755a8c48276b703 (TaskSettings, TargetMetadata), 0a38dfe5da528f3f1b4c8f7363eafe03dee0bc09
 * (FullLoad, ErrorHandling, DataValidation, ChangeProcessingTuning), 1d64dd9a033b6b08d42778bee6b02ad777bf9dca
 * (ControlTable, CharacterSubstitution), cd466c07d5616f8741e452b8a60f790d693981a1 (BeforeImage), and the page
 * version whose "Task settings example" lists TTSettings, LoopbackPreventionSettings, CharacterSetSettings and
 * BeforeImageSettings), plus the keys DMS itself returns for a task (`DescribeReplicationTasks`, as the settings of
 * a real PostgreSQL task print them in github.com/gi-no/zenn_paiza `articles/redash-migration.md`): the lower-case
 * `historyTimeslotInMinutes`, `ChangeProcessingTuning.RecoveryTimeout`, `ErrorBehavior.DataMaskingErrorPolicy` and
 * `EventErrorPolicy`, `PostProcessingRules`, `FailTaskWhenCleanTaskResourceFailed`.
 *
 * Pure data and lookups: the parser (task-settings/checks.ts) walks a document against it.
 */

const GUIDE = "https://docs.aws.amazon.com/dms/latest/userguide/";
const page = (name: string) => `${GUIDE}CHAP_Tasks.CustomizingTasks.TaskSettings${name}.html`;

/** The pages the catalogue was written from, by what they document. */
export const TASK_SETTINGS_PAGES = {
  overview: page(""),
  targetMetadata: page(".TargetMetadata"),
  fullLoad: page(".FullLoad"),
  timeTravel: page(".TimeTravel"),
  logging: page(".Logging"),
  controlTable: page(".ControlTable"),
  streamBuffer: page(".StreamBuffer"),
  changeProcessingTuning: page(".ChangeProcessingTuning"),
  dataValidation: page(".DataValidation"),
  ddlHandling: page(".DDLHandling"),
  characterSubstitution: page(".CharacterSubstitution"),
  beforeImage: page(".BeforeImage"),
  errorHandling: page(".ErrorHandling"),
  dataResync: page(".DataResyncSettings"),
  saving: page(".Saving"),
  /** Keys DMS returns on read that no section page lists (DescribeReplicationTasks). */
  described: "https://docs.aws.amazon.com/dms/latest/APIReference/API_DescribeReplicationTasks.html",
} as const;

/**
 * The DMS engine version the catalogue describes: a key it does not know is reported as "not in the catalogue of DMS
 * settings as of" this version (a warning, so a setting DMS adds later never blocks a plan).
 */
export const CATALOGUE_ENGINE_VERSION = "3.6.x";

/** One key of a settings object: where it is documented, and the shape of its value when that is an object. */
export interface SettingSpec {
  /** The page that documents the key (or says DMS returns it). */
  readonly page: string;
  /** The engine version that added the key, where its page or the release notes say so ("3.6.1"). */
  readonly since?: string;
  /** The value is an object with these keys. */
  readonly object?: SettingsShape;
  /** The value is an array of objects with these keys. */
  readonly items?: SettingsShape;
}

/** The keys an object of task settings may have. */
export interface SettingsShape {
  /** How messages name the object ("TargetMetadata", "a Logging.LogComponents entry"). */
  readonly label: string;
  /** The page that documents the object's keys. */
  readonly page: string;
  readonly keys: Readonly<Record<string, SettingSpec>>;
}

function shape(label: string, pageOfKeys: string, keys: readonly string[], extra: Record<string, SettingSpec> = {}) {
  const out: Record<string, SettingSpec> = {};
  for (const key of keys) out[key] = { page: pageOfKeys };
  return { label, page: pageOfKeys, keys: { ...out, ...extra } } satisfies SettingsShape;
}

const P = TASK_SETTINGS_PAGES;

const targetMetadata = shape("TargetMetadata", P.targetMetadata, [
  "TargetSchema",
  "SupportLobs",
  "FullLobMode",
  "LobChunkSize",
  "LimitedSizeLobMode",
  "LobMaxSize",
  "InlineLobMaxSize",
  "LoadMaxFileSize",
  "ParallelLoadThreads",
  "ParallelLoadBufferSize",
  "ParallelLoadQueuesPerThread",
  "ParallelApplyThreads",
  "ParallelApplyBufferSize",
  "ParallelApplyQueuesPerThread",
  "BatchApplyEnabled",
  "TaskRecoveryTableEnabled",
]);

const fullLoad = shape("FullLoadSettings", P.fullLoad, [
  "TargetTablePrepMode",
  "CreatePkAfterFullLoad",
  "StopTaskCachedChangesApplied",
  "StopTaskCachedChangesNotApplied",
  "MaxFullLoadSubTasks",
  "TransactionConsistencyTimeout",
  "CommitRate",
]);

const timeTravel = shape("TTSettings", P.timeTravel, ["EnableTT"], {
  TTS3Settings: {
    page: P.timeTravel,
    object: shape("TTSettings.TTS3Settings", P.timeTravel, [
      "EncryptionMode",
      "ServerSideEncryptionKmsKeyId",
      "ServiceAccessRoleArn",
      "BucketName",
      "BucketFolder",
      "EnableDeletingFromS3OnTaskDelete",
    ]),
  },
  TTRecordSettings: {
    page: P.timeTravel,
    object: shape("TTSettings.TTRecordSettings", P.timeTravel, ["EnableRawData", "OperationsToLog", "MaxRecordSize"]),
  },
});

const logging = shape("Logging", P.logging, ["EnableLogging", "EnableLogContext", "DeleteTaskLogs"], {
  LogComponents: { page: P.logging, items: shape("a Logging.LogComponents entry", P.logging, ["Id", "Severity"]) },
  // Returned on read; refused on create (Saving task settings).
  CloudWatchLogGroup: { page: P.saving },
  CloudWatchLogStream: { page: P.saving },
});

const controlTables = shape(
  "ControlTablesSettings",
  P.controlTable,
  [
    "ControlSchema",
    "HistoryTimeslotInMinutes",
    "HistoryTableEnabled",
    "SuspendedTablesTableEnabled",
    "StatusTableEnabled",
    "FullLoadExceptionTableEnabled",
  ],
  // DMS writes both spellings in the settings it saves (Saving task settings, and DescribeReplicationTasks).
  { historyTimeslotInMinutes: { page: P.saving } },
);

const streamBuffer = shape("StreamBufferSettings", P.streamBuffer, [
  "StreamBufferCount",
  "StreamBufferSizeInMB",
  "CtrlStreamBufferSizeInMB",
]);

const changeProcessingTuning = shape(
  "ChangeProcessingTuning",
  P.changeProcessingTuning,
  [
    "BatchApplyPreserveTransaction",
    "BatchApplyTimeoutMin",
    "BatchApplyTimeoutMax",
    "BatchApplyMemoryLimit",
    "BatchSplitSize",
    "MinTransactionSize",
    "CommitTimeout",
    "MemoryLimitTotal",
    "MemoryKeepTime",
    "StatementCacheSize",
  ],
  { RecoveryTimeout: { page: P.described } },
);

const ddlHandling = shape("ChangeProcessingDdlHandlingPolicy", P.ddlHandling, [
  "HandleSourceTableDropped",
  "HandleSourceTableTruncated",
  "HandleSourceTableAltered",
]);

const errorBehavior = shape(
  "ErrorBehavior",
  P.errorHandling,
  [
    "DataErrorPolicy",
    "DataTruncationErrorPolicy",
    "DataErrorEscalationPolicy",
    "DataErrorEscalationCount",
    "TableErrorPolicy",
    "TableErrorEscalationPolicy",
    "TableErrorEscalationCount",
    "RecoverableErrorCount",
    "RecoverableErrorInterval",
    "RecoverableErrorThrottling",
    "RecoverableErrorThrottlingMax",
    "RecoverableErrorStopRetryAfterThrottlingMax",
    "ApplyErrorDeletePolicy",
    "ApplyErrorInsertPolicy",
    "ApplyErrorUpdatePolicy",
    "ApplyErrorEscalationPolicy",
    "ApplyErrorEscalationCount",
    "ApplyErrorFailOnTruncationDdl",
    "FullLoadIgnoreConflicts",
    "FailOnTransactionConsistencyBreached",
    "FailOnNoTablesCaptured",
  ],
  {
    // Data masking transformation actions came with 3.5.4 (…SelectionTransformation.Masking: "Starting from version
    // 3.5.4"); DMS returns their error policy with every task of that engine.
    DataMaskingErrorPolicy: { page: P.described, since: "3.5.4" },
    EventErrorPolicy: { page: P.described },
  },
);

const validation = shape("ValidationSettings", P.dataValidation, [
  "EnableValidation",
  "ValidationMode",
  "ThreadCount",
  "PartitionSize",
  "FailureMaxCount",
  "TableFailureMaxCount",
  "RecordFailureDelayInMinutes",
  "RecordSuspendDelayInMinutes",
  "RecordFailureDelayLimitInMinutes",
  "ValidationOnly",
  "SkipLobColumns",
  "HandleCollationDiff",
  "MaxKeyColumnSize",
  "ValidationPartialLobSize",
  "ValidationQueryCdcDelaySeconds",
]);

const loopback = shape("LoopbackPreventionSettings", P.overview, [
  "EnableLoopbackPrevention",
  "SourceSchema",
  "TargetSchema",
]);

const characterSet = shape("CharacterSetSettings", P.characterSubstitution, [], {
  CharacterReplacements: {
    page: P.characterSubstitution,
    items: shape("a CharacterSetSettings.CharacterReplacements entry", P.characterSubstitution, [
      "SourceCharacterCodePoint",
      "TargetCharacterCodePoint",
    ]),
  },
  CharacterSetSupport: {
    page: P.characterSubstitution,
    object: shape("CharacterSetSettings.CharacterSetSupport", P.characterSubstitution, [
      "CharacterSet",
      "ReplaceWithCharacterCodePoint",
    ]),
  },
});

// Data resync settings (3.6.1, "DMS data resync" in the release notes): resync the target from the validation report.
const dataResync = shape(
  "ResyncSettings",
  P.dataResync,
  [],
  Object.fromEntries(
    ["EnableResync", "ResyncSchedule", "MaxResyncTime", "ValidationTaskId"].map((k) => [
      k,
      { page: P.dataResync, since: "3.6.1" },
    ]),
  ),
);

const beforeImage = shape("BeforeImageSettings", P.beforeImage, ["EnableBeforeImage", "FieldName", "ColumnFilter"]);

/** The sections of a task-settings document, each with its keys (an object value, or null). */
export const TASK_SETTINGS_SECTIONS: Readonly<Record<string, SettingsShape>> = {
  TargetMetadata: targetMetadata,
  FullLoadSettings: fullLoad,
  TTSettings: timeTravel,
  Logging: logging,
  ControlTablesSettings: controlTables,
  StreamBufferSettings: streamBuffer,
  ChangeProcessingTuning: changeProcessingTuning,
  ChangeProcessingDdlHandlingPolicy: ddlHandling,
  ErrorBehavior: errorBehavior,
  ValidationSettings: validation,
  LoopbackPreventionSettings: loopback,
  CharacterSetSettings: characterSet,
  BeforeImageSettings: beforeImage,
  ResyncSettings: dataResync,
};

/** The engine version that added a section, where known. */
const sectionSince: Record<string, string> = { ResyncSettings: "3.6.1" };

const sectionPages: Record<string, string> = {
  TargetMetadata: P.targetMetadata,
  FullLoadSettings: P.fullLoad,
  TTSettings: P.timeTravel,
  Logging: P.logging,
  ControlTablesSettings: P.controlTable,
  StreamBufferSettings: P.streamBuffer,
  ChangeProcessingTuning: P.changeProcessingTuning,
  ChangeProcessingDdlHandlingPolicy: P.ddlHandling,
  ErrorBehavior: P.errorHandling,
  ValidationSettings: P.dataValidation,
  LoopbackPreventionSettings: P.overview,
  CharacterSetSettings: P.characterSubstitution,
  BeforeImageSettings: P.beforeImage,
  ResyncSettings: P.dataResync,
};

/** The whole document: the sections, and the two top-level keys DMS returns that are not sections. */
export const TASK_SETTINGS_CATALOGUE: SettingsShape = {
  label: "task-settings",
  page: P.overview,
  keys: {
    ...Object.fromEntries(
      Object.entries(TASK_SETTINGS_SECTIONS).map(([name, s]) => [
        name,
        {
          page: sectionPages[name] ?? P.overview,
          object: s,
          ...(sectionSince[name] ? { since: sectionSince[name] } : {}),
        },
      ]),
    ),
    // Returned by DescribeReplicationTasks (null for tasks without them); their content is not catalogued.
    PostProcessingRules: { page: P.described },
    FailTaskWhenCleanTaskResourceFailed: { page: P.described },
  },
};

/** Every section that has `key` among its own keys (`TargetTablePrepMode` -> ["FullLoadSettings"]). */
export function sectionsWithKey(key: string): string[] {
  return Object.entries(TASK_SETTINGS_SECTIONS)
    .filter(([, s]) => Object.hasOwn(s.keys, key))
    .map(([name]) => name);
}

/** The documented keys of every section, as `Section.Key` paths (nested objects included). */
export function cataloguedPaths(): string[] {
  const out: string[] = [];
  const walk = (s: SettingsShape, prefix: string) => {
    for (const [key, spec] of Object.entries(s.keys)) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.push(path);
      const inner = spec.object ?? spec.items;
      if (inner) walk(inner, path);
    }
  };
  walk(TASK_SETTINGS_CATALOGUE, "");
  return out;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), case-insensitive: how far a key
 * typed by hand is from a documented one.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
    }
  }
  return (d[s.length] as number[])[t.length] as number;
}

/**
 * The candidate closest to `key`, when close enough to be a slip (a different case, a typo or two, a swapped
 * pair: at most a third of the key's length, and at most 3 edits); undefined otherwise.
 */
export function closestKey(key: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const distance = editDistance(key, c);
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  const limit = Math.min(3, Math.max(1, Math.floor(key.length / 3)));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}
