import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  type ListMetricsInput,
  type Metric,
  type MetricDataResult,
} from "@aws-sdk/client-cloudwatch";
import {
  DatabaseMigrationServiceClient,
  DescribeReplicationsCommand,
  DescribeReplicationTableStatisticsCommand,
  DescribeReplicationTasksCommand,
  DescribeTableStatisticsCommand,
  type ReplicationTask,
  type TableStatistics,
} from "@aws-sdk/client-database-migration-service";
import { mockClient } from "aws-sdk-client-mock";
import { main } from "../cli.js";
import { awsClients, operateAws } from "./aws.js";
import {
  DOCUMENTED_TABLE_STATES,
  DOCUMENTED_TASK_STATUSES,
  fullLoadInProgress,
  healthyCdcTask,
  latencyAt,
  latencyAtThreshold,
  lowLatency,
  REGION,
  SERVERLESS_CONFIG_ARN,
  SERVERLESS_METRIC_ID,
  serverlessReplication,
  TASK_RESOURCE_ID,
  table,
  tables,
  taskAt,
} from "./testing/aws-responses.js";
import { tableTroubleOf } from "./verdicts.js";

// Status, tables, latency and errors as AWS documents them, through the CLI a user runs.

const REPO = resolve(__dirname, "..", "..", "..");
const NOW = new Date("2026-11-29T09:00:00Z");
let dms = mockClient(DatabaseMigrationServiceClient);
let cloudwatch = mockClient(CloudWatchClient);

async function cli(args: string[], overrides: Parameters<typeof main>[1] = {}, sleeps: number[] = []) {
  const out = { stdout: "", stderr: "" };
  let clock = NOW.getTime();
  const code = await main(["node", "dms-platform", ...args], {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: false },
    stderr: { write: (s: string) => (out.stderr += s) },
    env: {
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    },
    now: () => new Date(clock),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    ...overrides,
  });
  return { code, ...out };
}

const status = (...extra: string[]) => cli(["status", "--env", "dev", "--migration", "dmslab", ...extra]);

function answer(task: ReplicationTask, stats: TableStatistics[], latency: MetricDataResult[]) {
  dms.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [task] });
  dms.on(DescribeTableStatisticsCommand).resolves({ TableStatistics: stats });
  cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: latency, Messages: [] });
}

/** The gate's conditions for the dev lab with a given AWS state (validate fails: not the point here). */
async function gate(task: ReplicationTask, stats: TableStatistics[], latency: MetricDataResult[]) {
  answer(task, stats, latency);
  const { resolveMigrations } = await import("./migration.js");
  const { runCutoverCheck } = await import("./cutover.js");
  const [migration] = resolveMigrations(join(REPO, "stacks"), "dev", "dmslab", REPO);
  assert.ok(migration);
  const report = await runCutoverCheck(operateAws(REGION), migration, {
    now: NOW,
    latencyMinutes: 15,
    validate: async () => {
      throw new Error("not under test");
    },
  });
  return (id: string) => report.conditions.find((c) => c.id === id);
}

function serverlessStacks(): string {
  const dir = mkdtempSync(join(tmpdir(), "dms-states-"));
  mkdirSync(join(dir, "replication"));
  const original = readFileSync(join(REPO, "stacks", "replication", "Pulumi.dev.yaml"), "utf8");
  writeFileSync(
    join(dir, "replication", "Pulumi.dev.yaml"),
    original.replace("capacity:\n    kind: instance", "capacity:\n    kind: serverless"),
  );
  return dir;
}

/** An error as the SDK throws a service's answer: name, message and $metadata. */
function awsError(name: string, message: string, httpStatusCode: number, attempts = 1) {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? "server" : "client",
    $metadata: { httpStatusCode, attempts, requestId: "5f1d2c3b-0000-4000-8000-000000000000" },
  });
}

describe("operate: every state AWS documents", () => {
  before(() => {
    dms = mockClient(DatabaseMigrationServiceClient);
    cloudwatch = mockClient(CloudWatchClient);
  });
  beforeEach(() => {
    dms.reset();
    cloudwatch.reset();
  });
  after(() => {
    dms.restore();
    cloudwatch.restore();
  });

  describe("task statuses", () => {
    const expected: Record<(typeof DOCUMENTED_TASK_STATUSES)[number], { code: number; line: RegExp }> = {
      running: { code: 0, line: /^HEALTHY/m },
      starting: { code: 0, line: /~ starting: preparing to migrate/ },
      creating: { code: 0, line: /~ creating: being created/ },
      modifying: { code: 0, line: /~ modifying: its definition is being modified/ },
      moving: { code: 0, line: /~ moving: being moved to another replication instance/ },
      testing: { code: 0, line: /~ testing: running a premigration assessment/ },
      stopping: { code: 0, line: /~ stopping: preparing to stop/ },
      ready: { code: 0, line: /~ ready: created and never started/ },
      stopped: { code: 0, line: /~ stopped \(Stop Reason NORMAL\): replicating nothing/ },
      failed: { code: 1, line: /! failed: Last Error boom/ },
      "failed-move": {
        code: 1,
        line: /! failed-move \(failed to move to another replication instance\): Last Error boom/,
      },
      deleting: { code: 1, line: /! deleting \(being deleted\)/ },
    };
    for (const s of DOCUMENTED_TASK_STATUSES) {
      it(`judges a task that is "${s}"`, async () => {
        const stats = s === "running" ? { ReplicationTaskStats: healthyCdcTask.ReplicationTaskStats } : {};
        const failure = s.startsWith("failed") ? { LastFailureMessage: "Last Error boom" } : {};
        const stop = s === "stopped" ? { StopReason: "Stop Reason NORMAL" } : {};
        answer(taskAt(s, { ...stats, ...failure, ...stop }), tables.validated, lowLatency);
        const run = await status();
        assert.equal(run.code, expected[s].code, run.stdout);
        assert.match(run.stdout, expected[s].line);
      });
    }

    it("never calls a status DMS does not document healthy", async () => {
      answer(
        taskAt("paused", { ReplicationTaskStats: healthyCdcTask.ReplicationTaskStats }),
        tables.validated,
        lowLatency,
      );
      const run = await status();
      assert.equal(run.code, 1);
      assert.match(run.stdout, /^UNHEALTHY/);
      assert.match(run.stdout, /paused \(UNKNOWN STATUS\)/);
      assert.match(run.stdout, /! status "paused" is not one DMS documents: not judged healthy/);
    });

    it("judges every Serverless replication status, and an undocumented one as unhealthy", async () => {
      const dir = serverlessStacks();
      try {
        const cases: Array<[string, number, RegExp]> = [
          ["running", 0, /^HEALTHY/m],
          ["initializing", 0, /~ initializing: initializing its parameters/],
          ["preparing_metadata_resources", 0, /~ preparing_metadata_resources/],
          ["testing_connection", 0, /~ testing_connection: testing the source and target connections/],
          ["fetching_metadata", 0, /~ fetching_metadata/],
          ["calculating_capacity", 0, /~ calculating_capacity/],
          ["provisioning_capacity", 0, /~ provisioning_capacity: provisioning capacity/],
          ["replication_starting", 0, /~ replication_starting/],
          ["stopping", 0, /~ stopping/],
          ["created", 0, /~ created: created and never started/],
          ["ready", 0, /~ ready/],
          ["stopped", 0, /~ stopped/],
          ["failed", 1, /! failed: source endpoint unreachable/],
          ["deprovisioned-ish", 1, /not one DMS documents/],
        ];
        for (const [value, code, line] of cases) {
          dms.reset();
          dms.on(DescribeReplicationsCommand).resolves({
            Replications: [
              {
                ...serverlessReplication,
                Status: value,
                ...(value === "failed" ? { FailureMessages: ["source endpoint unreachable"] } : {}),
              },
            ],
          });
          dms
            .on(DescribeReplicationTableStatisticsCommand)
            .resolves({ ReplicationConfigArn: SERVERLESS_CONFIG_ARN, ReplicationTableStatistics: tables.validated });
          cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: lowLatency });
          const run = await cli(["status", "--env", "dev", "--stacks-dir", dir]);
          assert.equal(run.code, code, `${value}: ${run.stdout}`);
          assert.match(run.stdout, line, value);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("table states", () => {
    it("gives every documented TableState a verdict, and an undocumented one 'unknown'", () => {
      const verdicts = Object.fromEntries(
        [...DOCUMENTED_TABLE_STATES, "Table vanished"].map((s) => [s, tableTroubleOf({ TableState: s }) ?? "ok"]),
      );
      assert.deepEqual(verdicts, {
        "Table does not exist": "missing",
        "Before load": "ok",
        "Full load": "ok",
        "Table completed": "ok",
        "Table cancelled": "cancelled",
        "Table error": "error",
        "Table is being reloaded": "ok",
        "Table vanished": "unknown",
      });
    });

    it("counts troubled tables over every page and lists them first, whatever the page size", async () => {
      const healthy = (i: number) => table({ SchemaName: "app", TableName: `t${String(i).padStart(3, "0")}` });
      const page1 = Array.from({ length: 500 }, (_, i) => healthy(i));
      const page2 = [
        healthy(500),
        table({
          SchemaName: "zz",
          TableName: "gone",
          TableState: "Table does not exist",
          ValidationState: "Pending records",
        }),
        table({ SchemaName: "zz", TableName: "stopped", TableState: "Table cancelled" }),
        table({ SchemaName: "zz", TableName: "broken", TableState: "Table error", ValidationState: "Table error" }),
      ];
      dms.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [healthyCdcTask] });
      dms
        .on(DescribeTableStatisticsCommand)
        .resolvesOnce({ TableStatistics: page1, Marker: "page-2" })
        .resolvesOnce({ TableStatistics: page2 });
      cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: lowLatency });
      const run = await status();
      assert.equal(run.code, 1);
      assert.equal(dms.commandCalls(DescribeTableStatisticsCommand)[1]?.args[0].input.Marker, "page-2");
      assert.match(run.stdout, /task customers .* tables: 3 in trouble of 504/);
      const rows = run.stdout.split("\n").filter((l) => /^ {3}[! ](app|zz)\./.test(l));
      assert.deepEqual(
        rows.slice(0, 3).map((l) => l.trim().split(/\s+/)[0]),
        ["!zz.broken", "!zz.gone", "!zz.stopped"],
      );
      assert.equal(rows.length, 20);
      assert.match(run.stdout, /… 484 more table\(s\), none in trouble/);
      assert.match(run.stdout, /! 1 table\(s\) that do not exist on the source \(Table does not exist\): zz\.gone/);
      assert.match(run.stdout, /! 1 table\(s\) cancelled \(Table cancelled\): zz\.stopped/);
    });

    it("refuses the cutover for a missing or cancelled table", async () => {
      const condition = await gate(
        healthyCdcTask,
        [table({}), table({ TableName: "orders", TableState: "Table cancelled" })],
        lowLatency,
      );
      assert.equal(condition("no-table-errors")?.outcome, "fail");
      assert.match(condition("no-table-errors")?.evidence.join("\n") ?? "", /dmslab\.orders cancelled/);
    });
  });

  describe("CDC latency: no data is never under the threshold", () => {
    it("warns of a running task whose newest point is older than one period, and shows NO DATA", async () => {
      answer(healthyCdcTask, tables.validated, latencyAt([5, 4, 3], 5));
      const run = await status();
      assert.equal(run.code, 0);
      assert.match(run.stdout, /CDC latency \(last 15 min\): source NO DATA/);
      assert.match(
        run.stdout,
        /~ no CDCLatencySource data for a running task \(newest point at 08:45 UTC, more than one 300 s period old\): latency unknown, not low/,
      );
      const watched = await status("--watch");
      assert.match(
        watched.stdout,
        /dmslab\/customers running .* latency-source=-s latency-target=-s/,
        "a stale value is no reading",
      );
    });

    it("warns of a running CDC task with no latency data at all, and the gate fails", async () => {
      answer(healthyCdcTask, tables.validated, []);
      const run = await status();
      assert.match(run.stdout, /~ no CDCLatencyTarget data for a running task \(no data point since 08:45 UTC\)/);
      const condition = await gate(healthyCdcTask, tables.validated, []);
      assert.equal(condition("cdc-latency")?.outcome, "fail");
    });

    it("fails the gate on a gap in the window, which status does not call a problem", async () => {
      const gap = latencyAt([3, 1], 5);
      answer(healthyCdcTask, tables.validated, gap);
      const run = await status();
      assert.equal(run.code, 0);
      assert.doesNotMatch(run.stdout, /~ .*latency/);
      const condition = await gate(healthyCdcTask, tables.validated, gap);
      assert.equal(condition("cdc-latency")?.outcome, "fail");
      assert.match(
        condition("cdc-latency")?.evidence[0] ?? "",
        /but the window is not covered \(no data from 08:50 to 08:55 UTC\)/,
      );
    });

    it("applies the alarm's rule everywhere: a latency equal to the threshold does not breach", async () => {
      answer(healthyCdcTask, tables.validated, latencyAtThreshold);
      const run = await status();
      assert.doesNotMatch(run.stdout, /latency reached/);
      assert.match(
        run.stdout,
        /CDC latency rule \(the alarms'\): Maximum > 600 s per 300 s period; the alarm fires after 3/,
      );
      const condition = await gate(healthyCdcTask, tables.validated, latencyAtThreshold);
      assert.equal(condition("cdc-latency")?.outcome, "pass");
      assert.match(condition("cdc-latency")?.evidence[0] ?? "", /max 600 s .* <= 600 s/);
    });

    it("says nothing of missing latency for a task that is not running", async () => {
      answer(taskAt("stopped", { StopReason: "Stop Reason NORMAL" }), tables.validated, []);
      const run = await status();
      assert.doesNotMatch(run.stdout, /no CDCLatency/);
    });
  });

  describe("--watch", () => {
    it("keeps watching a task that is starting and has no statistics yet", async () => {
      dms
        .on(DescribeReplicationTasksCommand)
        .resolvesOnce({ ReplicationTasks: [taskAt("starting")] })
        .resolvesOnce({ ReplicationTasks: [taskAt("running")] })
        .resolves({ ReplicationTasks: [healthyCdcTask] });
      dms.on(DescribeTableStatisticsCommand).resolves({ TableStatistics: tables.validated });
      cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: lowLatency });
      const sleeps: number[] = [];
      const run = await cli(
        ["status", "--env", "dev", "--migration", "dmslab", "--watch", "--interval", "30"],
        {},
        sleeps,
      );
      assert.equal(run.code, 0, run.stderr);
      const rounds = run.stdout.split("\n").filter((l) => l.startsWith("2026-"));
      assert.deepEqual(
        rounds.map((l) => l.split(" ")[2]),
        ["starting", "running", "running"],
        "starting, then running without statistics, then the finished full load",
      );
      assert.equal(sleeps.length, 2);
    });
  });

  describe("status --check-monitoring", () => {
    /**
     * ListMetrics as CloudWatch answers it (API_ListMetrics: Metrics[] of Namespace, MetricName,
     * Dimensions[{Name, Value}], and NextToken), filtered by the request's MetricName and
     * Dimensions as CloudWatch filters; two pages, to follow NextToken.
     */
    function listMetrics(published: Array<{ name: string; dims: Record<string, string> }>) {
      cloudwatch.on(ListMetricsCommand).callsFake((input: ListMetricsInput) => {
        const metrics: Metric[] = published
          .filter((m) => m.name === input.MetricName)
          .filter((m) => (input.Dimensions ?? []).every((d) => m.dims[d.Name ?? ""] === d.Value))
          .map((m) => ({
            Namespace: "AWS/DMS",
            MetricName: m.name,
            Dimensions: Object.entries(m.dims).map(([Name, Value]) => ({ Name, Value })),
          }));
        if (!input.NextToken && metrics.length > 1) return { Metrics: metrics.slice(0, 1), NextToken: "next" };
        return { Metrics: input.NextToken ? metrics.slice(1) : metrics };
      });
    }
    const instance = { ReplicationInstanceIdentifier: "dev-dmslab-replication-dms" };
    const taskMetric = { ...instance, ReplicationTaskIdentifier: TASK_RESOURCE_ID };
    const TASK_METRICS = [
      "CDCLatencySource",
      "CDCLatencyTarget",
      "CDCIncomingChanges",
      "CDCThroughputRowsSource",
      "CDCThroughputRowsTarget",
      "CDCThroughputBandwidthSource",
      "CDCThroughputBandwidthTarget",
      "FullLoadThroughputRowsSource",
      "FullLoadThroughputRowsTarget",
      "FullLoadThroughputBandwidthSource",
      "FullLoadThroughputBandwidthTarget",
    ];
    const INSTANCE_METRICS = ["CPUUtilization", "FreeableMemory", "FreeStorageSpace", "SwapUsage"];

    it("finds every alarm and dashboard metric of a running task, following pages (exit 0)", async () => {
      answer(healthyCdcTask, tables.validated, lowLatency);
      listMetrics([
        ...TASK_METRICS.map((name) => ({ name, dims: taskMetric })),
        // Another task on the instance: the second page of each task metric.
        ...TASK_METRICS.map((name) => ({ name, dims: { ...instance, ReplicationTaskIdentifier: "OTHERTASK" } })),
        ...INSTANCE_METRICS.map((name) => ({ name, dims: instance })),
      ]);
      const run = await status("--check-monitoring");
      assert.equal(run.code, 0, run.stdout);
      assert.match(
        run.stdout,
        /MONITORING OK {2}migration dmslab: 15 metric\(s\) the alarms and dashboard read; 15 present, 0 missing, 0 not yet published/,
      );
      const [first] = cloudwatch.commandCalls(ListMetricsCommand);
      assert.deepEqual(first?.args[0].input.Dimensions, [
        { Name: "ReplicationInstanceIdentifier", Value: "dev-dmslab-replication-dms" },
      ]);
    });

    /** The documented Serverless metrics the alarms and dashboard of a full-load-and-cdc replication read. */
    const SERVERLESS_READ = [
      "CapacityUtilization",
      "CPUUtilization",
      "CDCLatencySource",
      "CDCLatencyTarget",
      "CDCIncomingChanges",
      "CDCThroughputRowsSource",
      "CDCThroughputRowsTarget",
      "CDCThroughputBandwidthTarget",
      "FullLoadThroughputRowsTarget",
      "FullLoadThroughputBandwidthTarget",
    ];
    function runningServerless() {
      dms.on(DescribeReplicationsCommand).resolves({ Replications: [serverlessReplication] });
      dms
        .on(DescribeReplicationTableStatisticsCommand)
        .resolves({ ReplicationConfigArn: SERVERLESS_CONFIG_ARN, ReplicationTableStatistics: tables.validated });
      cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: lowLatency });
    }

    it("finds a Serverless replication's metrics under ReplicationConfigId = <account>:<resource id> (exit 0)", async () => {
      const dir = serverlessStacks();
      try {
        runningServerless();
        listMetrics(SERVERLESS_READ.map((name) => ({ name, dims: { ReplicationConfigId: SERVERLESS_METRIC_ID } })));
        const run = await cli(["status", "--env", "dev", "--stacks-dir", dir, "--check-monitoring"]);
        assert.equal(run.code, 0, run.stdout);
        assert.match(
          run.stdout,
          /MONITORING OK {2}migration dmslab: 10 metric\(s\) the alarms and dashboard read; 10 present, 0 missing, 0 not yet published/,
        );
        const [latency] = cloudwatch.commandCalls(GetMetricDataCommand);
        assert.deepEqual(latency?.args[0].input.MetricDataQueries?.[0]?.MetricStat?.Metric?.Dimensions, [
          { Name: "ReplicationConfigId", Value: "123456789012:dev-dmslab-customers-dms" },
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("reports an alarm on a metric CloudWatch does not have, with the dimensions it has instead (exit 1)", async () => {
      const dir = serverlessStacks();
      try {
        runningServerless();
        // Hypothetical: the replication's metrics under another dimension than the alarms use
        // (the user guide names none); the self-test exists to catch exactly this.
        listMetrics(
          ["CDCLatencySource", "CDCLatencyTarget", "CapacityUtilization", "CDCIncomingChanges"].map((name) => ({
            name,
            dims: { ReplicationConfigIdentifier: "dev-dmslab-customers-dms" },
          })),
        );
        const run = await cli(["status", "--env", "dev", "--stacks-dir", dir, "--check-monitoring"]);
        assert.equal(run.code, 1, run.stdout);
        assert.match(run.stdout, /^MONITORING BROKEN {2}migration dmslab: /m);
        assert.match(
          run.stdout,
          /! CDCLatencySource \{ReplicationConfigId=123456789012:dev-dmslab-customers-dms\} \(alarm customers-cdc-latency-source, dashboard\): no such metric, so it can never alarm or draw; CloudWatch has it under \{ReplicationConfigIdentifier=dev-dmslab-customers-dms\}/,
        );
        assert.match(
          run.stdout,
          /! FullLoadThroughputRowsTarget \{ReplicationConfigId=123456789012:dev-dmslab-customers-dms\} \(dashboard\): .*CloudWatch has no FullLoadThroughputRowsTarget naming/,
        );
        assert.doesNotMatch(run.stdout, /FullLoadThroughputRowsSource/, "not a Serverless metric: not plotted");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("does not judge CDC metrics before CDC starts", async () => {
      answer(fullLoadInProgress, tables.loading, []);
      listMetrics([
        ...[
          "FullLoadThroughputRowsSource",
          "FullLoadThroughputRowsTarget",
          "FullLoadThroughputBandwidthSource",
          "FullLoadThroughputBandwidthTarget",
        ].map((name) => ({ name, dims: taskMetric })),
        ...INSTANCE_METRICS.map((name) => ({ name, dims: instance })),
      ]);
      const run = await status("--check-monitoring");
      assert.equal(run.code, 0, run.stdout);
      assert.match(
        run.stdout,
        /~ CDCLatencySource \{ReplicationInstanceIdentifier=dev-dmslab-replication-dms, ReplicationTaskIdentifier=UPII\w+\}: not judged, CDC has not started/,
      );
      assert.match(run.stdout, /8 present, 0 missing, 7 not yet published/);
    });
  });

  describe("status --expect deployed (after pulumi up)", () => {
    /** The dev stacks with every task started by the stack (dev itself creates them stopped). */
    function startedStacks(): string {
      const dir = mkdtempSync(join(tmpdir(), "dms-expect-"));
      mkdirSync(join(dir, "replication"));
      const original = readFileSync(join(REPO, "stacks", "replication", "Pulumi.dev.yaml"), "utf8");
      assert.match(original, /dms-platform-replication:startTasks: false\n/);
      writeFileSync(
        join(dir, "replication", "Pulumi.dev.yaml"),
        original.replace("dms-platform-replication:startTasks: false\n", ""),
      );
      return dir;
    }
    const expectDeployed = (dir: string) =>
      cli(["status", "--env", "dev", "--migration", "dmslab", "--stacks-dir", dir, "--expect", "deployed"]);

    it("passes a running task the stack starts (exit 0)", async () => {
      const dir = startedStacks();
      try {
        answer(healthyCdcTask, tables.validated, lowLatency);
        const run = await expectDeployed(dir);
        assert.equal(run.code, 0, run.stdout);
        assert.match(run.stdout, /^DEPLOYED OK {2}migration dmslab: 1 task\(s\) in the state the stack left them$/m);
        assert.match(run.stdout, /^ {2}ok customers {2}dev-dmslab-customers-dms {2}running: running$/m);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("fails a task the stack starts that an up left stopped, pointing at the recovery (exit 1)", async () => {
      const dir = startedStacks();
      try {
        answer(taskAt("stopped", { StopReason: "Stop Reason NORMAL" }), tables.validated, lowLatency);
        const plain = await cli(["status", "--env", "dev", "--migration", "dmslab", "--stacks-dir", dir]);
        assert.equal(plain.code, 0, "status alone only warns about a normal stop");
        const run = await expectDeployed(dir);
        assert.equal(run.code, 1, run.stdout);
        assert.match(
          run.stdout,
          /^ {2}! customers {2}dev-dmslab-customers-dms {2}not-running: stopped \(Stop Reason NORMAL\): the stack starts it, yet it is not running; resume it \(docs\/runbook\.md, "A task or replication left stopped"\)$/m,
        );
        assert.match(run.stdout, /^NOT AS DEPLOYED {2}migration dmslab: 1 of 1 task\(s\)/m);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("accepts a task the stack creates stopped (dev's startTasks: false)", async () => {
      answer(taskAt("ready", {}), [], []);
      const run = await status("--expect", "deployed");
      assert.match(
        run.stdout,
        /^ {2}ok customers {2}dev-dmslab-customers-dms {2}stopped-as-configured: ready: the stack creates it stopped/m,
      );
      assert.match(run.stdout, /^DEPLOYED OK /m);
    });

    it("fails a task missing from the account, and says so in JSON", async () => {
      dms.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [] });
      const run = await status("--expect", "deployed", "--format", "json");
      assert.equal(run.code, 1);
      const json = JSON.parse(run.stdout) as { expect: Array<{ ok: boolean; checks: Array<{ verdict: string }> }> };
      assert.equal(json.expect[0]?.ok, false);
      assert.equal(json.expect[0]?.checks[0]?.verdict, "missing");
    });

    it("refuses another expected state (exit 2)", async () => {
      const run = await status("--expect", "running");
      assert.equal(run.code, 2);
      assert.match(run.stderr, /--expect <state>' argument 'running' is invalid\. Allowed choices are deployed/);
    });
  });

  describe("errors a user can act on", () => {
    it("exits 2 with AWS's own message and the role that grants it when the task list is denied", async () => {
      dms
        .on(DescribeReplicationTasksCommand)
        .rejects(
          awsError(
            "AccessDeniedFault",
            "User: arn:aws:sts::123456789012:assumed-role/dev-dmslab-migration-viewer/jane is not authorized to perform: dms:DescribeReplicationTasks on resource: arn:aws:dms:eu-west-1:123456789012:* with an explicit deny in a service control policy",
            400,
          ),
        );
      const run = await status();
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        "error: AWS refused dms:DescribeReplicationTasks: AccessDeniedFault: User: arn:aws:sts::123456789012:assumed-role/dev-dmslab-migration-viewer/jane is not authorized to perform: dms:DescribeReplicationTasks on resource: arn:aws:dms:eu-west-1:123456789012:* with an explicit deny in a service control policy; the migration's role dev-dmslab-migration-viewer grants it (docs/access.md)\n",
      );
    });

    it("still reports the DMS part when CloudWatch is denied, marking latency unavailable", async () => {
      dms.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [healthyCdcTask] });
      dms.on(DescribeTableStatisticsCommand).resolves({ TableStatistics: tables.validated });
      cloudwatch
        .on(GetMetricDataCommand)
        .rejects(
          awsError(
            "AccessDenied",
            "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action",
            403,
          ),
        );
      const run = await status();
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /dmslab\.customers\s+Table completed\s+Validated/);
      assert.match(run.stdout, /CDC latency \(last 15 min\): source UNAVAILABLE; target UNAVAILABLE/);
      assert.match(
        run.stdout,
        /~ CDC source latency unavailable: AWS refused cloudwatch:GetMetricData: AccessDenied: User: .* because no identity-based policy allows the cloudwatch:GetMetricData action; the migration's role dev-dmslab-migration-viewer grants it/,
      );
      const condition = await gate(healthyCdcTask, tables.validated, []);
      assert.equal(condition("cdc-latency")?.outcome, "fail");
    });

    it("marks the tables unavailable when DescribeTableStatistics is denied, and the gate fails", async () => {
      dms.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [healthyCdcTask] });
      dms
        .on(DescribeTableStatisticsCommand)
        .rejects(awsError("AccessDeniedFault", "not authorized to perform: dms:DescribeTableStatistics", 400));
      cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: lowLatency });
      const run = await status();
      assert.match(run.stdout, /tables UNAVAILABLE/);
      assert.match(run.stdout, /~ table statistics unavailable: AWS refused dms:DescribeTableStatistics/);
    });

    it("gives any other AWS error one line and exit 2, never a stack trace", async () => {
      dms
        .on(DescribeReplicationTasksCommand)
        .rejects(awsError("InvalidParameterValueException", "Invalid filter value", 400));
      const run = await status();
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        "error: dms:DescribeReplicationTasks: AWS answered InvalidParameterValueException (HTTP 400) after 1 attempt(s), request id 5f1d2c3b-0000-4000-8000-000000000000: Invalid filter value\n",
      );
    });

    it("refuses a password inside --source before any AWS call (exit 2)", async () => {
      const run = await cli([
        "cutover-check",
        "--env",
        "dev",
        "--migration",
        "dmslab",
        "--source",
        "mysql://dms:hunter2@src/dmslab",
        "--target",
        "mysql://dms@tgt/dmslab",
      ]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^error: --source: the URL carries a password; remove it and set DMS_SOURCE_PASSWORD/);
      assert.ok(!run.stderr.includes("hunter2"));
      assert.equal(dms.calls().length + cloudwatch.calls().length, 0);
    });
  });
});

/**
 * The real SDK clients with only the HTTP transport faked: the retries, the adaptive mode and the
 * error parsing are the SDK's. A DMS error answer is awsJson1_1: HTTP 400 (or 5xx), header
 * `x-amzn-ErrorType`, body `{"__type": ..., "message": ...}` (DMS API Reference, "Common Errors":
 * ThrottlingException 400, InternalFailure 500, ServiceUnavailable 503).
 */
describe("operate: throttling and 5xx through the SDK's retry strategy", () => {
  function transport(statusCode: number, type: string, message: string) {
    const requests: string[] = [];
    const requestHandler = {
      handle: async (request: { headers: Record<string, string> }) => {
        requests.push(request.headers["x-amz-target"] ?? "");
        const body = JSON.stringify({ __type: type, message });
        return {
          response: {
            statusCode,
            reason: "",
            headers: {
              "content-type": "application/x-amz-json-1.1",
              "x-amzn-errortype": type,
              "x-amzn-requestid": "2c5a0b7e-1111-4000-8000-000000000000",
            },
            body: Readable.from([Buffer.from(body)]),
          },
        };
      },
    };
    return { requests, requestHandler };
  }

  async function run(statusCode: number, type: string, message: string) {
    const { requests, requestHandler } = transport(statusCode, type, message);
    const clients = awsClients(REGION, {
      maxAttempts: 3,
      requestHandler: requestHandler as never,
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "not-a-secret" },
    });
    const started = Date.now();
    const result = await cli(["status", "--env", "dev", "--migration", "dmslab"], {
      operateAws: (region) => operateAws(region, clients),
    });
    return { ...result, requests, ms: Date.now() - started };
  }

  it("retries throttling with backoff, then says so in one line (exit 2)", async () => {
    const result = await run(400, "ThrottlingException", "Rate exceeded");
    assert.equal(result.requests.length, 3, "maxAttempts requests");
    assert.ok(result.requests.every((t) => t === "AmazonDMSv20160101.DescribeReplicationTasks"));
    assert.equal(result.code, 2);
    assert.equal(result.stderr.split("\n").length, 2, result.stderr);
    assert.match(
      result.stderr,
      /^error: dms:DescribeReplicationTasks: AWS answered ThrottlingException \(HTTP 400\) after 3 attempt\(s\), request id 2c5a0b7e-1111-4000-8000-000000000000: Rate exceeded; the account's DMS API quota \(8 requests\/s after a burst of 200/,
    );
  });

  it("retries a 5xx, then says so in one line (exit 2)", async () => {
    const result = await run(503, "ServiceUnavailable", "Service is unavailable");
    assert.equal(result.requests.length, 3);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: dms:DescribeReplicationTasks: AWS answered ServiceUnavailable \(HTTP 503\) after 3 attempt\(s\).*: Service is unavailable; an AWS-side failure: retry later/,
    );
  });
});
