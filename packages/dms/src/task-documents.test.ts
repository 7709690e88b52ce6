import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, getProfile } from "@dms-platform/config";
import type { MigrationType } from "./args.js";
import { parseTableMappings, parseTaskSettings } from "./documents/index.js";
import { labTask } from "./lab.test.fixture.js";
import { taskDocuments, unixSeconds } from "./task-documents.js";
import { loggingProblems, platformTaskSettings, REQUIRED_LOG_COMPONENTS } from "./task-settings.js";

/** The same JSON value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .reverse()
        .map((k) => [k, reverseKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const where = 'DmsReplication "lab"';
const dev = getProfile("dev");

describe("platform task settings", () => {
  it("log the five components at the default severity, validate per profile, use limited LOB mode", () => {
    const settings = platformTaskSettings({ validationEnabled: false });
    assert.deepEqual(loggingProblems(settings), []);
    assert.deepEqual(
      settings.Logging?.LogComponents?.map((c) => c.Id),
      [...REQUIRED_LOG_COMPONENTS],
    );
    assert.equal(settings.ValidationSettings?.EnableValidation, false);
    assert.equal(settings.TargetMetadata?.LimitedSizeLobMode, true);
    assert.equal(settings.FullLoadSettings?.TargetTablePrepMode, "DROP_AND_CREATE");
  });

  it("report logging turned off or a required component missing", () => {
    assert.deepEqual(loggingProblems({ Logging: { EnableLogging: false } }), [
      { path: "Logging.EnableLogging", rule: "must be true (got false)" },
    ]);
    const problems = loggingProblems({
      Logging: { EnableLogging: true, LogComponents: [{ Id: "SOURCE_UNLOAD", Severity: "LOGGER_SEVERITY_DEBUG" }] },
    });
    assert.deepEqual(
      problems.map((p) => p.rule),
      [
        "must include SOURCE_CAPTURE",
        "must include TARGET_LOAD",
        "must include TARGET_APPLY",
        "must include TASK_MANAGER",
      ],
    );
  });
});

describe("taskDocuments", () => {
  it("produce the same canonical JSON whatever the key order of the documents given", () => {
    const settings = {
      TargetMetadata: { LobMaxSize: 64, SupportLobs: true },
      ErrorBehavior: { DataErrorPolicy: "LOG_ERROR" },
    };
    const a = taskDocuments({ ...labTask(), settings }, 0, dev, where);
    const shuffled = {
      ...labTask(),
      tableMappings: reverseKeys(JSON.parse(JSON.stringify(labTask().tableMappings))) as object,
      settings: reverseKeys(settings) as object,
    };
    const b = taskDocuments(shuffled, 0, dev, where);
    assert.equal(b.tableMappingsJson, a.tableMappingsJson);
    assert.equal(b.settingsJson, a.settingsJson);
    assert.equal(JSON.parse(a.settingsJson).TargetMetadata.LobMaxSize, 64, "the override wins");
    const fromText = taskDocuments({ ...labTask(), tableMappings: a.tableMappingsJson }, 0, dev, where);
    assert.equal(fromText.tableMappingsJson, a.tableMappingsJson, "a JSON text gives the same document");
  });

  it("never send the log group and stream AWS adds to saved settings", () => {
    const saved = { Logging: { EnableLogging: true, CloudWatchLogGroup: null, CloudWatchLogStream: null } };
    const docs = taskDocuments({ ...labTask(), settings: saved }, 0, dev, where);
    assert.doesNotMatch(docs.settingsJson, /CloudWatchLog/);
  });

  it("name the task and the JSON path of a broken settings rule", () => {
    assert.throws(
      () => taskDocuments({ ...labTask(), settings: { Logging: { EnableLogging: false } } }, 2, dev, where),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.path === "tasks[2].settings.Logging.EnableLogging" &&
        err.message.startsWith('DmsReplication "lab": tasks[2].settings.Logging.EnableLogging: must be true'),
    );
  });

  it("send a CDC start time as Unix seconds", () => {
    assert.equal(unixSeconds("2026-11-25T10:00:00Z"), "1795600800");
    assert.equal(unixSeconds(new Date(Date.UTC(2026, 10, 25, 10))), "1795600800");
    const docs = taskDocuments(
      { ...labTask(), migrationType: "cdc", cdcStartTime: "2026-11-25T10:00:00+00:00" },
      0,
      dev,
      where,
    );
    assert.equal(docs.cdcStartTime, "1795600800");
  });
});

describe("taskDocuments on the document corpus (packages/dms/fixtures/valid)", () => {
  // Compiled to dist/, so the fixtures are one level up.
  const dir = join(__dirname, "..", "fixtures", "valid");
  const fixtures = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((name) => ({
      name,
      fixture: JSON.parse(readFileSync(join(dir, name), "utf8")) as {
        kind: "table-mappings" | "task-settings";
        migrationType?: MigrationType;
        document: object;
      },
    }));

  it("has documents of both kinds to run", () => {
    assert.ok(fixtures.some((f) => f.fixture.kind === "table-mappings"));
    assert.ok(fixtures.some((f) => f.fixture.kind === "task-settings"));
  });

  // What the parsers accept, the component must send and the dms-task-documents-valid policy (which parses what is
  // sent) must accept: the only refusal left is the platform's own logging rule (Security Hub DMS.7/DMS.8), which
  // exported settings logging below the default severity break on purpose.
  for (const { name, fixture } of fixtures) {
    it(`sends ${name} and parses back what it sends`, () => {
      const task = {
        ...labTask(),
        migrationType: fixture.migrationType ?? "full-load-and-cdc",
        ...(fixture.kind === "table-mappings"
          ? { tableMappings: fixture.document }
          : { settings: fixture.document, allowUnknownSettings: [] }),
      };
      let docs: ReturnType<typeof taskDocuments>;
      try {
        docs = taskDocuments(task, 0, dev, where);
      } catch (err) {
        assert.ok(err instanceof ConfigError, String(err));
        assert.match(
          err.message,
          /tasks\[0\]\.settings\.Logging(\.LogComponents(\[\d+\]\.Severity)?|\.EnableLogging)?: /,
        );
        return;
      }
      assert.doesNotThrow(() => parseTableMappings(docs.tableMappingsJson, { file: "tableMappings" }));
      assert.doesNotThrow(() => parseTaskSettings(docs.settingsJson, { file: "replicationTaskSettings" }));
    });
  }
});
