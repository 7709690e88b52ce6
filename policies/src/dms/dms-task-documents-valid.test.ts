import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsTaskDocumentsValid } from "./dms-task-documents-valid.js";

// The reference lab's mapping (stacks/replication/Pulumi.dev.yaml): one selection rule for dmslab.customers.
const selection = (action: string) => ({
  "rule-type": "selection",
  "rule-id": "1",
  "rule-name": "1",
  "object-locator": { "schema-name": "dmslab", "table-name": "customers" },
  "rule-action": action,
});
const MAPPINGS = JSON.stringify({ rules: [selection("include")] });
const SETTINGS = JSON.stringify({ Logging: { EnableLogging: true }, FullLoadSettings: { MaxFullLoadSubTasks: 8 } });
const task = (inputs: Record<string, unknown>) => ({
  type: T.dmsReplicationTask,
  inputs: {
    replicationTaskId: "prod-orders-cdc-dms",
    tableMappings: MAPPINGS,
    replicationTaskSettings: SETTINGS,
    ...inputs,
  },
});

// Every valid document of the DMS document corpus (packages/dms/fixtures/valid; compiled to dist/dms/, so three levels
// up): what the parsers accept, the policy must not refuse.
const corpusDir = join(__dirname, "..", "..", "..", "packages", "dms", "fixtures", "valid");
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((name) => {
    const { kind, document } = JSON.parse(readFileSync(join(corpusDir, name), "utf8")) as {
      kind: string;
      document: unknown;
    };
    const property = kind === "table-mappings" ? "tableMappings" : "replicationTaskSettings";
    return { title: `the corpus document ${name}`, fixture: task({ [property]: JSON.stringify(document) }) };
  });

describePolicy(dmsTaskDocumentsValid, {
  passes: [
    ...corpus,
    { title: "the reference lab's mapping with valid settings", fixture: task({}) },
    { title: "a task without settings (DMS defaults)", fixture: task({ replicationTaskSettings: undefined }) },
    {
      title: "a Serverless config with valid documents",
      fixture: { type: T.dmsReplicationConfig, inputs: { tableMappings: MAPPINGS, replicationSettings: SETTINGS } },
    },
    {
      title: "a setting newer than the catalogue that the task's DmsAllowUnknownSettings tag lets through",
      fixture: task({
        replicationTaskSettings: JSON.stringify({ TargetMetadata: { NewerSetting: 1 } }),
        tags: { DmsAllowUnknownSettings: "TargetMetadata.NewerSetting" },
      }),
    },
  ],
  fails: [
    {
      title: "a selection rule with an unknown action",
      fixture: task({ tableMappings: JSON.stringify({ rules: [selection("keep")] }) }),
      messages: [
        'tableMappings: rules[0].rule-action: must be one of include, exclude, explicit for a selection rule (got "keep")',
      ],
    },
    {
      title: "mappings without a selection rule and settings out of range, on a Serverless config",
      fixture: {
        type: T.dmsReplicationConfig,
        inputs: {
          tableMappings: JSON.stringify({ rules: [] }),
          replicationSettings: JSON.stringify({ FullLoadSettings: { MaxFullLoadSubTasks: 100 } }),
        },
      },
      messages: [
        "tableMappings: rules: must contain at least one selection rule (DMS needs one to know which tables to migrate)",
        "replicationSettings: FullLoadSettings.MaxFullLoadSubTasks: must be an integer from 1 to 49 (got 100)",
      ],
    },
    {
      title: "a setting in the wrong section and a transformation field on a selection rule, which DMS would ignore",
      fixture: task({
        tableMappings: JSON.stringify({ rules: [{ ...selection("include"), "rule-target": "table" }] }),
        replicationTaskSettings: JSON.stringify({ TargetMetadata: { TargetTablePrepMode: "DO_NOTHING" } }),
      }),
      messages: [
        "tableMappings: rules[0].rule-target: not a field of a selection rule; rule-target belongs to transformation rules",
        "replicationTaskSettings: TargetMetadata.TargetTablePrepMode: not a TargetMetadata setting; it belongs in FullLoadSettings",
      ],
    },
  ],
  unknown: { fixture: task({ tableMappings: UNKNOWN }), path: "tableMappings" },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
