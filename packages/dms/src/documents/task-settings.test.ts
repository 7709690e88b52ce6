import assert from "node:assert/strict";
import {
  LOG_COMPONENT_IDS,
  LOG_SEVERITIES,
  mergeTaskSettings,
  parseTaskSettings,
  serializeTaskSettings,
  severityRank,
  type TaskSettings,
  TaskSettingsError,
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
