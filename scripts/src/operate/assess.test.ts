import assert from "node:assert/strict";
import {
  DatabaseMigrationServiceClient,
  DescribeReplicationTaskAssessmentRunsCommand,
  DescribeReplicationTaskIndividualAssessmentsCommand,
  DescribeReplicationTasksCommand,
  ListTagsForResourceCommand,
  StartReplicationTaskAssessmentRunCommand,
  StartReplicationTaskCommand,
} from "@aws-sdk/client-database-migration-service";
import { GetBucketEncryptionCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { main } from "../cli.js";
import { namedObjects, taskDigest } from "./assess.js";
import { assessAws } from "./assess-aws.js";
import { applicableAssessments, selectAssessments } from "./assessment-catalogue.js";
import {
  BUCKET,
  individual,
  KMS_KEY,
  noPrimaryKeyResult,
  RUN_ARN,
  readyTask,
  resultKey,
  run,
} from "./testing/assessment-responses.js";
import { REGION, TASK_ARN } from "./testing/aws-responses.js";

let dms = mockClient(DatabaseMigrationServiceClient);
let s3 = mockClient(S3Client);
const NOW = new Date("2026-11-29T09:00:00Z");

async function cli(args: string[], options: { sleeps?: number[]; stderrTTY?: boolean } = {}) {
  const out = { stdout: "", stderr: "" };
  let clock = NOW.getTime();
  const code = await main(["node", "dms-platform", ...args], {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: false },
    stderr: { write: (s: string) => (out.stderr += s), isTTY: options.stderrTTY ?? false },
    env: { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "example" },
    now: () => new Date(clock),
    sleep: async (ms) => {
      options.sleeps?.push(ms);
      clock += ms;
    },
    assessAws: (region) =>
      assessAws(region, {
        dms: new DatabaseMigrationServiceClient({ region, maxAttempts: 1 }),
        s3: new S3Client({ region, maxAttempts: 1 }),
      }),
  });
  return { code, ...out };
}

/** DMS and S3 answering a run that goes starting -> running -> `final`. */
function answer(final: string, statuses: Record<string, string>) {
  dms.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [readyTask] });
  s3.on(GetBucketEncryptionCommand).resolves({
    ServerSideEncryptionConfiguration: {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: KMS_KEY } }],
    },
  });
  dms.on(StartReplicationTaskAssessmentRunCommand).resolves({ ReplicationTaskAssessmentRun: run("starting") });
  dms
    .on(DescribeReplicationTaskAssessmentRunsCommand)
    .resolvesOnce({ ReplicationTaskAssessmentRuns: [run("running", 2)] })
    .resolves({ ReplicationTaskAssessmentRuns: [run(final, 4)] });
  dms
    .on(DescribeReplicationTaskIndividualAssessmentsCommand)
    .resolves({ ReplicationTaskIndividualAssessments: individual(statuses) });
}

describe("dms-platform assess (AWS mocked)", () => {
  before(() => {
    dms = mockClient(DatabaseMigrationServiceClient);
    s3 = mockClient(S3Client);
  });
  beforeEach(() => {
    dms.reset();
    s3.reset();
  });
  after(() => {
    dms.restore();
    s3.restore();
  });

  it("starts a run into the stack's bucket with its role and key, waits, and passes (exit 0)", async () => {
    answer("passed", {
      "unsupported-data-types-in-source": "passed",
      "table-with-no-primary-key-or-unique-constraint": "passed",
    });
    const sleeps: number[] = [];
    const r = await cli(["assess", "--env", "dev", "--migration", "dmslab"], { sleeps });
    assert.equal(r.code, 0, r.stderr);
    const [start] = dms.commandCalls(StartReplicationTaskAssessmentRunCommand);
    const input = start?.args[0].input;
    assert.equal(input?.ReplicationTaskArn, TASK_ARN);
    assert.equal(input?.ServiceAccessRoleArn, "arn:aws:iam::123456789012:role/dev-dmslab-dms-assessment");
    assert.equal(input?.ResultLocationBucket, BUCKET);
    assert.equal(input?.ResultLocationFolder, "assessments/dev-dmslab-customers-dms");
    assert.equal(input?.ResultEncryptionMode, "SSE_KMS");
    assert.equal(input?.ResultKmsKeyArn, KMS_KEY);
    assert.equal(input?.AssessmentRunName, "dev-dmslab-customers-dms-20261129-090000");
    assert.deepEqual(input?.Tags, [{ Key: "dms-platform:task-digest", Value: taskDigest(readyTask) }]);
    assert.equal(input?.IncludeOnly, undefined);
    assert.deepEqual(sleeps, [15_000, 15_000], "polled until the run ended");
    assert.match(r.stdout, /^PASSED {2}premigration assessment of migration dmslab \(dev, eu-west-1\)/);
    assert.match(r.stdout, /run dev-dmslab-customers-dms-20261129-090000: passed \(4\/4\)/);
    assert.match(r.stderr, /dmslab: 2026-11-29T09:00:15.000Z customers=running 2\/4\n/);
  });

  it("lists the objects a failed assessment names, with the fix, and exits 1", async () => {
    answer("failed", {
      "unsupported-data-types-in-source": "passed",
      "table-with-no-primary-key-or-unique-constraint": "failed",
    });
    s3.on(ListObjectsV2Command).resolves({
      Contents: [
        { Key: resultKey("summary"), LastModified: NOW },
        { Key: resultKey("table-with-no-primary-key-or-unique-constraint"), LastModified: NOW },
      ],
      IsTruncated: false,
    });
    s3.on(GetObjectCommand, { Key: resultKey("table-with-no-primary-key-or-unique-constraint") }).resolves({
      Body: { transformToString: async () => noPrimaryKeyResult } as never,
    });
    const r = await cli(["assess", "--env", "dev", "--migration", "dmslab"]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^NOT PASSED/);
    assert.match(r.stdout, /! the run ended failed/);
    assert.match(
      r.stdout,
      /!failed {5}table-with-no-primary-key-or-unique-constraint {2}\(Source table without primary key for CDC or full load and CDC tasks only\)\n {16}dmslab\.audit_log\n {16}dmslab\.events\n {16}fix: add a primary key/,
    );
    assert.match(r.stdout, /docs\/runbook\.md, "Premigration assessments"/);
    const json = await cli(["assess", "--env", "dev", "--migration", "dmslab", "--format", "json"]);
    const doc = JSON.parse(json.stdout) as {
      migrations: Array<{ ok: boolean; tasks: Array<{ assessments: Array<{ name: string; objects: string[] }> }> }>;
    };
    assert.equal(doc.migrations[0]?.ok, false);
    assert.deepEqual(doc.migrations[0]?.tasks[0]?.assessments[1]?.objects, ["dmslab.audit_log", "dmslab.events"]);
    const md = await cli(["assess", "--env", "dev", "--migration", "dmslab", "--format", "markdown"]);
    assert.match(
      md.stdout,
      /\| `dev-dmslab-customers-dms` \| `table-with-no-primary-key-or-unique-constraint` \| ❌ failed \| dmslab\.audit_log, dmslab\.events \|/,
    );
  });

  it("passes a run that ended warning, and says so per assessment", async () => {
    answer("warning", { "unsupported-data-types-in-source": "warning" });
    s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false });
    const r = await cli(["assess", "--env", "dev", "--migration", "dmslab"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /~warning {4}unsupported-data-types-in-source/);
    assert.match(r.stdout, /result file unavailable: no unsupported-data-types-in-source\.json under s3:\/\//);
  });

  it("fails a run still going after --max-minutes, and an errored run (exit 1)", async () => {
    dms.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [readyTask] });
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: KMS_KEY } }],
      },
    });
    dms.on(StartReplicationTaskAssessmentRunCommand).resolves({ ReplicationTaskAssessmentRun: run("starting") });
    dms
      .on(DescribeReplicationTaskAssessmentRunsCommand)
      .resolves({ ReplicationTaskAssessmentRuns: [run("running", 1)] });
    const r = await cli(["assess", "--env", "dev", "--migration", "dmslab", "--max-minutes", "1"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /the run is still running after 1 min \(--max-minutes\)/);

    dms.reset();
    answer("error-executing", {});
    const errored = await cli(["assess", "--env", "dev", "--migration", "dmslab"]);
    assert.equal(errored.code, 1);
    assert.match(errored.stdout, /the run ended error-executing/);
  });

  it("refuses an unknown assessment name with the one meant, before any AWS call (exit 2)", async () => {
    const r = await cli([
      "assess",
      "--env",
      "dev",
      "--migration",
      "dmslab",
      "--include",
      "unsuported-data-types-in-source",
    ]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /error: --include: unknown assessment "unsuported-data-types-in-source"; did you mean unsupported-data-types-in-source\?/,
    );
    assert.equal(dms.commandCalls(StartReplicationTaskAssessmentRunCommand).length, 0);
    const both = await cli(["assess", "--env", "dev", "--include", "a", "--exclude", "b"]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /give one or the other/);
  });

  it("sends --include as IncludeOnly", async () => {
    answer("passed", { "mysql-check-binlog-image": "passed" });
    const r = await cli([
      "assess",
      "--env",
      "dev",
      // The mock answers for the dmslab task only.
      "--migration",
      "dmslab",
      "--include",
      "mysql-check-binlog-image,unsupported-data-types-in-source",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(dms.commandCalls(StartReplicationTaskAssessmentRunCommand)[0]?.args[0].input.IncludeOnly, [
      "mysql-check-binlog-image",
      "unsupported-data-types-in-source",
    ]);
  });

  it("--unstarted skips a task that ran before (the deploy workflow's gate), exit 0", async () => {
    dms.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [{ ...readyTask, Status: "running" }] });
    const r = await cli(["assess", "--env", "dev", "--migration", "dmslab", "--unstarted"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /skipped \(running: --unstarted assesses only tasks that never ran \(ready\)\)/);
    assert.equal(dms.commandCalls(StartReplicationTaskAssessmentRunCommand).length, 0);
  });

  it("exits 2 with one line when AWS refuses credentials", async () => {
    dms.on(DescribeReplicationTasksCommand).rejects(
      Object.assign(new Error("The security token included in the request is invalid."), {
        name: "UnrecognizedClientException",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const r = await cli(["assess", "--env", "dev", "--migration", "dmslab"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: no usable AWS credentials \(UnrecognizedClientException\)/);
  });

  it("runs on the one region of the stack file (a run for the lab's one task)", () => {
    assert.equal(REGION, "eu-west-1");
    assert.equal(RUN_ARN.split(":")[3], REGION);
  });
});

describe("dms-platform start-migration (AWS mocked)", () => {
  before(() => {
    dms = mockClient(DatabaseMigrationServiceClient);
    s3 = mockClient(S3Client);
  });
  beforeEach(() => {
    dms.reset();
    s3.reset();
  });
  after(() => {
    dms.restore();
    s3.restore();
  });

  /** The task, and its runs (API_DescribeReplicationTaskAssessmentRuns) tagged with a digest (API_ListTagsForResource). */
  function answerStart(runs: Array<{ status: string; digest: string; minutes: number }>) {
    dms.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [readyTask] });
    dms.on(DescribeReplicationTaskAssessmentRunsCommand).resolves({
      ReplicationTaskAssessmentRuns: runs.map((r, i) =>
        run(r.status, 4, {
          ReplicationTaskAssessmentRunArn: `${RUN_ARN}${i}`,
          AssessmentRunName: `run-${i}`,
          ReplicationTaskAssessmentRunCreationDate: new Date(NOW.getTime() + r.minutes * 60_000),
        }),
      ),
    });
    runs.forEach((r, i) => {
      dms
        .on(ListTagsForResourceCommand, { ResourceArn: `${RUN_ARN}${i}` })
        .resolves({ TagList: [{ Key: "dms-platform:task-digest", Value: r.digest }] });
    });
    dms.on(StartReplicationTaskCommand).resolves({ ReplicationTask: { ...readyTask, Status: "starting" } });
  }

  it("starts the task after a passing run of its current documents (exit 0)", async () => {
    answerStart([
      { status: "failed", digest: taskDigest(readyTask), minutes: 1 },
      { status: "passed", digest: taskDigest(readyTask), minutes: 5 },
    ]);
    const r = await cli(["start-migration", "--env", "dev", "--migration", "dmslab"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /task customers {2}dev-dmslab-customers-dms {2}started: assessment run run-1 passed/);
    const [start] = dms.commandCalls(StartReplicationTaskCommand);
    assert.deepEqual(start?.args[0].input, {
      ReplicationTaskArn: TASK_ARN,
      StartReplicationTaskType: "start-replication",
    });
  });

  it("refuses when the newest run failed, or when the task changed since the passing run (exit 1, nothing started)", async () => {
    answerStart([
      { status: "passed", digest: taskDigest(readyTask), minutes: 1 },
      { status: "failed", digest: taskDigest(readyTask), minutes: 5 },
    ]);
    const failed = await cli(["start-migration", "--env", "dev", "--migration", "dmslab"]);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /REFUSED: its newest assessment run run-1 is failed: fix what it found/);
    dms.reset();
    answerStart([{ status: "passed", digest: "a-digest-of-other-settings", minutes: 5 }]);
    const changed = await cli(["start-migration", "--env", "dev", "--migration", "dmslab"]);
    assert.equal(changed.code, 1);
    assert.match(changed.stdout, /no assessment run of its current table mappings and settings/);
    assert.equal(dms.commandCalls(StartReplicationTaskCommand).length, 0);
  });

  it("refuses a task with no run at all, and leaves one that ran before stopped", async () => {
    answerStart([]);
    const none = await cli(["start-migration", "--env", "dev", "--migration", "dmslab"]);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /has no premigration assessment run: run `npm run assess` first/);
    dms.reset();
    dms.on(DescribeReplicationTasksCommand).resolves({
      ReplicationTasks: [{ ...readyTask, Status: "stopped", ReplicationTaskStartDate: NOW }],
    });
    dms.on(DescribeReplicationTaskAssessmentRunsCommand).resolves({ ReplicationTaskAssessmentRuns: [] });
    const ran = await cli(["start-migration", "--env", "dev", "--migration", "dmslab"]);
    assert.equal(ran.code, 0, "a task that ran before is left as it is");
    assert.match(ran.stdout, /ran-before: left stopped: it ran before, and start-migration makes first starts only/);
    assert.equal(dms.commandCalls(StartReplicationTaskCommand).length, 0);
  });
});

describe("which assessments apply (DMS User Guide, Specifying individual assessments)", () => {
  it("gives a full-load MySQL task no CDC assessment, and a CDC one the source-key and binlog checks", () => {
    const names = (migrationType: "full-load" | "full-load-and-cdc" | "cdc") =>
      applicableAssessments({ sourceEngine: "mysql", targetEngine: "mysql", migrationType }).map((a) => a.name);
    assert.ok(!names("full-load").includes("table-with-no-primary-key-or-unique-constraint"));
    assert.ok(!names("full-load").includes("mysql-check-binlog-image"));
    assert.ok(names("full-load-and-cdc").includes("table-with-no-primary-key-or-unique-constraint"));
    assert.ok(names("cdc").includes("target-table-has-unique-key-or-primary-key-for-cdc"));
    assert.ok(!names("cdc").includes("unsupported-source-pk-type-for-elasticsearch-target"));
    const pg = applicableAssessments({
      sourceEngine: "postgres",
      targetEngine: "aurora-postgresql",
      migrationType: "cdc",
    });
    assert.ok(pg.every((a) => !a.name.startsWith("mysql-")));
  });

  it("refuses a known assessment that applies to no task, and passes an engine assessment it does not know with a warning", () => {
    const fullLoad = [{ sourceEngine: "postgres", targetEngine: "postgres", migrationType: "full-load" as const }];
    assert.throws(
      () => selectAssessments(["table-with-no-primary-key-or-unique-constraint"], [], fullLoad),
      /--include: table-with-no-primary-key-or-unique-constraint does not apply to this migration \(it needs a migration type that performs CDC\)/,
    );
    const s = selectAssessments(["postgres-check-some-new-thing"], [], fullLoad);
    assert.deepEqual(s.includeOnly, ["postgres-check-some-new-thing"]);
    assert.match(s.warnings[0] ?? "", /not in the platform's catalogue/);
    assert.throws(() => selectAssessments(["make-coffee"], [], fullLoad), /unknown assessment "make-coffee" \(known: /);
  });

  it("reads schema, table and column names at any depth of a result file", () => {
    assert.deepEqual(
      namedObjects({ a: [{ SchemaName: "s", TableName: "t", ColumnName: "c" }], b: { nested: { table: "u" } } }),
      ["s.t.c", "u"],
    );
  });
});
