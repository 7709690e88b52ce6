import assert from "node:assert/strict";
import {
  LOG_COMPONENT_IDS,
  LOG_SEVERITIES,
  mergeTaskSettings,
  parseTaskSettings,
  parseTaskSettingsDetailed,
  serializeTaskSettings,
  severityRank,
  TASK_SETTINGS_CATALOGUE,
  TASK_SETTINGS_SECTIONS,
  type TaskMigrationType,
  type TaskSettings,
  TaskSettingsError,
  taskSettingsWarnings,
} from "./index.js";

function settingsError(fn: () => unknown): TaskSettingsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TaskSettingsError) return err;
    throw err;
  }
  assert.fail("expected a TaskSettingsError");
}

describe("log vocabulary", () => {
  it("knows the five documented components and the components DMS writes in saved settings", () => {
    for (const id of [
      "SOURCE_UNLOAD",
      "SOURCE_CAPTURE",
      "TARGET_LOAD",
      "TARGET_APPLY",
      "TASK_MANAGER",
      "VALIDATOR_EXT",
    ]) {
      assert.ok((LOG_COMPONENT_IDS as readonly string[]).includes(id), id);
    }
    assert.equal(new Set(LOG_COMPONENT_IDS).size, LOG_COMPONENT_IDS.length);
  });

  it("ranks severities by how much they log, DEFAULT above INFO, unknown values 0", () => {
    const ranks = LOG_SEVERITIES.map(severityRank);
    assert.deepEqual(ranks, [1, 2, 3, 4, 5, 6]);
    assert.ok(severityRank("LOGGER_SEVERITY_ERROR") < severityRank("LOGGER_SEVERITY_WARNING"));
    assert.ok(severityRank("LOGGER_SEVERITY_INFO") < severityRank("LOGGER_SEVERITY_DEFAULT"));
    assert.ok(severityRank("LOGGER_SEVERITY_DEFAULT") < severityRank("LOGGER_SEVERITY_DEBUG"));
    assert.ok(severityRank("LOGGER_SEVERITY_DEBUG") < severityRank("LOGGER_SEVERITY_DETAILED_DEBUG"));
    assert.equal(severityRank("LOGGER_SEVERITY_TRACE"), 0);
    const atDefaultOrAbove = (s: string) => severityRank(s) >= severityRank("LOGGER_SEVERITY_DEFAULT");
    assert.deepEqual(LOG_SEVERITIES.filter(atDefaultOrAbove), [
      "LOGGER_SEVERITY_DEFAULT",
      "LOGGER_SEVERITY_DEBUG",
      "LOGGER_SEVERITY_DETAILED_DEBUG",
    ]);
  });
});

describe("parseTaskSettings / serializeTaskSettings", () => {
  it("accepts the null log group and stream DMS returns, and never sends them", () => {
    const read = {
      Logging: { EnableLogging: true, CloudWatchLogGroup: null, CloudWatchLogStream: null, LogComponents: [] },
      ValidationSettings: { EnableValidation: true, ThreadCount: 5 },
    };
    const text = serializeTaskSettings(parseTaskSettings(read));
    assert.equal(
      text,
      '{"Logging":{"EnableLogging":true,"LogComponents":[]},"ValidationSettings":{"EnableValidation":true,"ThreadCount":5}}',
    );
  });

  it("drops a log group and stream set by hand when serialising (they are refused on create)", () => {
    const doc: TaskSettings = { Logging: { EnableLogging: true, CloudWatchLogGroup: "g", CloudWatchLogStream: "s" } };
    assert.equal(serializeTaskSettings(doc), '{"Logging":{"EnableLogging":true}}');
    assert.deepEqual(doc.Logging, { EnableLogging: true, CloudWatchLogGroup: "g", CloudWatchLogStream: "s" });
  });

  it("names the file and the path: Logging.LogComponents[2].Severity", () => {
    const err = settingsError(() =>
      parseTaskSettings(
        {
          Logging: {
            LogComponents: [
              { Id: "SOURCE_UNLOAD", Severity: "LOGGER_SEVERITY_DEFAULT" },
              { Id: "SOURCE_CAPTURE", Severity: "LOGGER_SEVERITY_DEFAULT" },
              { Id: "TARGET_LOAD", Severity: "LOGGER_SEVERITY_VERBOSE" },
            ],
          },
        },
        { file: "task-settings.json" },
      ),
    );
    assert.equal(err.path, "Logging.LogComponents[2].Severity");
    assert.match(
      err.message,
      /^task-settings\.json: Logging\.LogComponents\[2\]\.Severity: must be one of LOGGER_SEVERITY_ERROR, /,
    );
    assert.match(err.message, /\(got "LOGGER_SEVERITY_VERBOSE"\)$/);
  });

  it("refuses a LOB size of 0 for the chosen LOB mode", () => {
    assert.equal(
      settingsError(() =>
        parseTaskSettings({ TargetMetadata: { SupportLobs: true, LimitedSizeLobMode: true, LobMaxSize: 0 } }),
      ).path,
      "TargetMetadata.LobMaxSize",
    );
    assert.equal(
      settingsError(() => parseTaskSettings({ TargetMetadata: { FullLobMode: true, LobChunkSize: 0 } })).path,
      "TargetMetadata.LobChunkSize",
    );
  });

  it("refuses settings over 2 MB", () => {
    const err = settingsError(() => parseTaskSettings({ Notes: "x".repeat(2 * 1024 * 1024) }));
    assert.equal(err.path, "");
    assert.match(err.rule, /2 MB/);
  });
});

describe("mergeTaskSettings", () => {
  const base: TaskSettings = {
    FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING", MaxFullLoadSubTasks: 8 },
    Logging: {
      EnableLogging: true,
      LogComponents: [
        { Id: "SOURCE_UNLOAD", Severity: "LOGGER_SEVERITY_DEFAULT" },
        { Id: "TARGET_APPLY", Severity: "LOGGER_SEVERITY_DEFAULT" },
      ],
    },
    Tags: ["a", "b"],
  };

  it("merges objects key by key, replaces arrays and merges LogComponents by Id", () => {
    const merged = mergeTaskSettings(base, {
      FullLoadSettings: { MaxFullLoadSubTasks: 16 },
      Logging: {
        LogComponents: [
          { Id: "TARGET_APPLY", Severity: "LOGGER_SEVERITY_DEBUG" },
          { Id: "TASK_MANAGER", Severity: "LOGGER_SEVERITY_INFO" },
        ],
      },
      Tags: ["c"],
    });
    assert.deepEqual(merged, {
      FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING", MaxFullLoadSubTasks: 16 },
      Logging: {
        EnableLogging: true,
        LogComponents: [
          { Id: "SOURCE_UNLOAD", Severity: "LOGGER_SEVERITY_DEFAULT" },
          { Id: "TARGET_APPLY", Severity: "LOGGER_SEVERITY_DEBUG" },
          { Id: "TASK_MANAGER", Severity: "LOGGER_SEVERITY_INFO" },
        ],
      },
      Tags: ["c"],
    });
  });

  it("leaves both inputs untouched and copies the base when there is no override", () => {
    const snapshot = structuredClone(base);
    const override: Partial<TaskSettings> = { Logging: { EnableLogging: false } };
    const merged = mergeTaskSettings(base, override);
    assert.equal(merged.Logging?.EnableLogging, false);
    assert.deepEqual(base, snapshot);
    assert.deepEqual(override, { Logging: { EnableLogging: false } });
    const copy = mergeTaskSettings(base, undefined);
    assert.deepEqual(copy, base);
    assert.notEqual(copy.Logging, base.Logging);
  });

  it("lets an override null out a section", () => {
    assert.equal(mergeTaskSettings(base, { Logging: null }).Logging, null);
  });
});

describe("parseTaskSettings: keys held to the catalogue", () => {
  const refused = (doc: unknown, options = {}) => settingsError(() => parseTaskSettings(doc, options));

  it("names the section a misplaced setting belongs in", () => {
    const cases: Array<[unknown, string, string]> = [
      [
        { TargetMetadata: { TargetTablePrepMode: "DO_NOTHING" } },
        "TargetMetadata.TargetTablePrepMode",
        "not a TargetMetadata setting; it belongs in FullLoadSettings",
      ],
      [
        { FullLoadSettings: { LimitedSizeLobMode: true } },
        "FullLoadSettings.LimitedSizeLobMode",
        "not a FullLoadSettings setting; it belongs in TargetMetadata",
      ],
      [
        { Logging: { EnableLogging: true, ErrorBehavior: { DataErrorPolicy: "LOG_ERROR" } } },
        "Logging.ErrorBehavior",
        "not a Logging setting; ErrorBehavior is a section of its own, at the top level of the task settings",
      ],
      [
        { MaxFullLoadSubTasks: 8 },
        "MaxFullLoadSubTasks",
        "not a task-settings section; it belongs in FullLoadSettings (as FullLoadSettings.MaxFullLoadSubTasks)",
      ],
    ];
    for (const [doc, path, rule] of cases) {
      const err = refused(doc);
      assert.equal(err.path, path);
      assert.equal(err.rule, rule);
    }
  });

  it("suggests the closest documented key for a slip, in its own section or another", () => {
    assert.equal(
      refused({ Logging: { EnableLoging: true } }).rule,
      "not a Logging setting (did you mean `EnableLogging`?)",
    );
    assert.equal(
      refused({ Logging: { enableLogging: true } }).rule,
      "not a Logging setting (did you mean `EnableLogging`?)",
    );
    assert.equal(
      refused({ ErrorBehavior: { FulloadIgnoreConflicts: true } }).rule,
      "not an ErrorBehavior setting (did you mean `FullLoadIgnoreConflicts`?)",
    );
    assert.equal(
      refused({
        Logging: { LogComponents: [{ Id: "SOURCE_UNLOAD", Severity: "LOGGER_SEVERITY_DEFAULT", Sevrity: "x" }] },
      }).path,
      "Logging.LogComponents[0].Sevrity",
    );
  });

  it("names the enumerated value meant when the one given is a slip", () => {
    assert.equal(
      refused({ FullLoadSettings: { TargetTablePrepMode: "drop_and_create" } }).rule,
      'must be one of DO_NOTHING, DROP_AND_CREATE, TRUNCATE_BEFORE_LOAD (got "drop_and_create") (did you mean "DROP_AND_CREATE"?)',
    );
    assert.doesNotMatch(
      refused({ FullLoadSettings: { TargetTablePrepMode: "TRUNCATE" } }).rule,
      /did you mean/,
      "no guess when no value is close",
    );
  });

  it("records the engine version that added a key, where its page says so", () => {
    assert.equal(TASK_SETTINGS_CATALOGUE.keys.ResyncSettings?.since, "3.6.1");
    assert.equal(TASK_SETTINGS_SECTIONS.ErrorBehavior?.keys.DataMaskingErrorPolicy?.since, "3.5.4");
    const resync = parseTaskSettingsDetailed({ ResyncSettings: { EnableResync: false, MaxResyncTime: 60 } });
    assert.deepEqual(resync.warnings, []);
  });

  it("warns of an invented key near nothing known, keeps it, and points at the escape hatch", () => {
    const doc = { Logging: { EnableLogging: true, EnableLogTruncation: true }, CheckpointSettings: { Every: 1 } };
    const { document, warnings } = parseTaskSettingsDetailed(doc, { file: "Pulumi.dev.yaml" });
    assert.deepEqual(document, doc);
    assert.deepEqual(
      warnings.map((w) => w.path),
      ["Logging.EnableLogTruncation", "CheckpointSettings"],
    );
    assert.match(
      warnings[0]?.message ?? "",
      /^is not in the catalogue of DMS settings as of 3\.6\.x \(https:\/\/docs\.aws.*\); DMS ignores a key it does not know; if it is new, list "Logging\.EnableLogTruncation" in the task's allowUnknownSettings or add it to the catalogue$/,
    );
  });

  it("lets allowUnknownSettings through, each as a warning, and warns of an entry that matched nothing", () => {
    const doc = { TargetMetadata: { SupportLobs: true, LimitedSizeLobMode: true, LobMaxSize: 64, NewSetting: 3 } };
    const { document, warnings } = parseTaskSettingsDetailed(doc, {
      allowUnknownSettings: ["TargetMetadata.NewSetting", "Logging.Gone", "FullLoadSettings.CommitRate"],
    });
    assert.deepEqual(document, doc);
    assert.deepEqual(
      warnings.map((w) => w.path),
      ["TargetMetadata.NewSetting", "", ""],
    );
    assert.match(warnings[0]?.message ?? "", /allowUnknownSettings lists "TargetMetadata\.NewSetting"/);
    assert.match(warnings[1]?.message ?? "", /"Logging\.Gone", but the settings have no such key/);
    assert.match(warnings[2]?.message ?? "", /a documented setting that needs no allowance/);
  });

  it("lets a whole unknown section through when allowUnknownSettings names it", () => {
    const { warnings } = parseTaskSettingsDetailed(
      { NewSection: { AnyKey: 1, Nested: { Deeper: true } } },
      { allowUnknownSettings: ["NewSection"] },
    );
    assert.deepEqual(
      warnings.map((w) => w.path),
      ["NewSection"],
    );
  });

  it("checks the values of the sections DMS returns on read (before image, character set, loopback, time travel)", () => {
    assert.equal(
      refused({ BeforeImageSettings: { EnableBeforeImage: true, ColumnFilter: "everything" } }).path,
      "BeforeImageSettings.ColumnFilter",
    );
    assert.equal(refused({ FailTaskWhenCleanTaskResourceFailed: "no" }).rule, 'must be true or false (got "no")');
    assert.equal(
      refused({
        CharacterSetSettings: {
          CharacterReplacements: [{ SourceCharacterCodePoint: -1, TargetCharacterCodePoint: 52 }],
        },
      }).path,
      "CharacterSetSettings.CharacterReplacements[0].SourceCharacterCodePoint",
    );
  });
});

describe("parseTaskSettings: rules that span settings and the migration type", () => {
  const failsWith = (doc: object, migrationType: TaskMigrationType | undefined, path: string, rule: RegExp) => {
    const err = settingsError(() => parseTaskSettings(doc, migrationType ? { migrationType } : {}));
    assert.equal(err.path, path);
    assert.match(err.rule, rule);
  };

  it("holds a validation-only task to full-load or cdc, DO_NOTHING and validation on", () => {
    const validationOnly = { ValidationSettings: { EnableValidation: true, ValidationOnly: true } };
    assert.doesNotThrow(() => parseTaskSettings(validationOnly, { migrationType: "cdc" }));
    failsWith(validationOnly, "full-load-and-cdc", "ValidationSettings.ValidationOnly", /must be full-load or cdc/);
    failsWith(
      { ...validationOnly, FullLoadSettings: { TargetTablePrepMode: "TRUNCATE_BEFORE_LOAD" } },
      "full-load",
      "FullLoadSettings.TargetTablePrepMode",
      /^must be DO_NOTHING when ValidationSettings\.ValidationOnly is true \(got "TRUNCATE_BEFORE_LOAD"\)/,
    );
  });

  it("holds data resync to what its page requires of CDC and full-load tasks", () => {
    const resync = { EnableResync: true, ValidationTaskId: "JXPP94804DJOEWIJD9348R3049" };
    failsWith(
      { ResyncSettings: resync },
      "cdc",
      "ResyncSettings.ResyncSchedule",
      /is required when EnableResync is true/,
    );
    failsWith(
      { ResyncSettings: { ...resync, ResyncSchedule: "30 9 ? * MON-FRI" } },
      "full-load-and-cdc",
      "ResyncSettings.MaxResyncTime",
      /is required when EnableResync is true on a task with CDC/,
    );
    failsWith(
      { ResyncSettings: { ...resync, ResyncSchedule: "30 9 ? * MON-FRI", MaxResyncTime: 400 } },
      "full-load",
      "ResyncSettings.ResyncSchedule",
      /cannot be set on a full-load task/,
    );
    // Validation on in the same task: no ValidationTaskId needed.
    assert.doesNotThrow(() =>
      parseTaskSettings(
        {
          ResyncSettings: { EnableResync: true, ResyncSchedule: "30 9 ? * MON-FRI", MaxResyncTime: 400 },
          ValidationSettings: { EnableValidation: true },
        },
        { migrationType: "cdc" },
      ),
    );
  });
});

describe("taskSettingsWarnings: settings the migration type or target engine ignores", () => {
  const warningsOf = (doc: TaskSettings, context: Parameters<typeof taskSettingsWarnings>[1]) =>
    taskSettingsWarnings(doc, context).map((w) => w.path);

  it("warns of CDC-only settings on a full-load task and full-load settings on a cdc task", () => {
    const doc: TaskSettings = {
      TargetMetadata: { BatchApplyEnabled: true },
      FullLoadSettings: { StopTaskCachedChangesApplied: true, CreatePkAfterFullLoad: true },
      BeforeImageSettings: { EnableBeforeImage: true },
    };
    assert.deepEqual(warningsOf(doc, { migrationType: "full-load" }), [
      "FullLoadSettings.StopTaskCachedChangesApplied",
      "TargetMetadata.BatchApplyEnabled",
      "BeforeImageSettings.EnableBeforeImage",
    ]);
    assert.deepEqual(warningsOf(doc, { migrationType: "cdc" }), [
      "FullLoadSettings.CreatePkAfterFullLoad",
      "FullLoadSettings.StopTaskCachedChangesApplied",
    ]);
    assert.deepEqual(warningsOf(doc, { migrationType: "full-load-and-cdc" }), []);
  });

  it("warns of more parallel-load threads than a DynamoDB or streaming target takes", () => {
    const doc = { TargetMetadata: { ParallelLoadThreads: 64 } };
    assert.deepEqual(
      taskSettingsWarnings(doc, { targetEngine: "kinesis" }).map((w) => w.message),
      [
        "is 64; the maximum for a kinesis target is 32 unless AWS raised it for the account (Target metadata task settings)",
      ],
    );
    assert.deepEqual(taskSettingsWarnings(doc, { targetEngine: "dynamodb" }), []);
  });

  it("warns of settings a MySQL or PostgreSQL target ignores, and not of defaults exported from a real task", () => {
    const doc: TaskSettings = {
      TargetMetadata: { TargetSchema: "sales", ParallelLoadThreads: 32, ParallelLoadBufferSize: 500 },
      ChangeProcessingTuning: { BatchApplyPreserveTransaction: false },
    };
    assert.deepEqual(warningsOf(doc, { targetEngine: "mysql" }), [
      "TargetMetadata.TargetSchema",
      "TargetMetadata.ParallelLoadThreads",
      "TargetMetadata.ParallelLoadBufferSize",
      "ChangeProcessingTuning.BatchApplyPreserveTransaction",
    ]);
    assert.deepEqual(warningsOf(doc, { targetEngine: "oracle" }), []);
    const exported: TaskSettings = {
      TargetMetadata: { TargetSchema: "", ParallelLoadThreads: 0, ParallelLoadBufferSize: 0, BatchApplyEnabled: false },
      ChangeProcessingTuning: { BatchApplyPreserveTransaction: true },
      FullLoadSettings: { StopTaskCachedChangesApplied: false, CreatePkAfterFullLoad: false },
    };
    assert.deepEqual(warningsOf(exported, { targetEngine: "postgres", migrationType: "full-load" }), []);
  });
});
