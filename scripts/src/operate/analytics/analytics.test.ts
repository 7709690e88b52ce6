import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  DatabaseMigrationServiceClient,
  DescribeEndpointsCommand,
  DescribeReplicationTasksCommand,
  DescribeTableStatisticsCommand,
  type TableStatistics,
} from "@aws-sdk/client-database-migration-service";
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { main } from "../../cli.js";
import { type MariadbServer, requireServers, startedOrSkip, startMariadb } from "../../live/testing/servers.js";
import { resolveMigrationDefaults } from "../../migrations/live-defaults.js";
import { resolveMigrations } from "../migration.js";
import { healthyCdcTask, lowLatency, REGION, TASK_ARN, table } from "../testing/aws-responses.js";
import { formatAnalyticsText } from "./compare.js";
import { countWarehouseRows } from "./redshift-counts.js";
import { analyticsClients, compareAnalyticsTarget } from "./run.js";
import { readWarehouseFile } from "./warehouse.js";

const REPO = resolve(__dirname, "..", "..", "..", "..");
const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:dev-analytics-dwh-admin-AbCdEf";
const NOW = new Date("2026-11-29T09:00:00Z");

let redshift = mockClient(RedshiftDataClient);
let s3 = mockClient(S3Client);
let dms = mockClient(DatabaseMigrationServiceClient);
let cloudwatch = mockClient(CloudWatchClient);

const clients = analyticsClients(REGION, () => new DatabaseMigrationServiceClient({ region: REGION }));
const noWait = { sleep: async () => {} };

/** The Data API answering a catalogue query and a count statement, each in two result pages. */
function warehouseAnswers(catalogue: string[][], counts: Array<[number, number]>) {
  let n = 0;
  redshift.on(ExecuteStatementCommand).callsFake(() => ({ Id: `stmt-${++n}` }));
  // The first DescribeStatement of each statement is still running: the poll must wait for FINISHED.
  const seen = new Set<string>();
  redshift.on(DescribeStatementCommand).callsFake((input: { Id: string }) => {
    const first = !seen.has(input.Id);
    seen.add(input.Id);
    return { Id: input.Id, Status: first ? "STARTED" : "FINISHED" };
  });
  redshift.on(GetStatementResultCommand).callsFake((input: { Id: string; NextToken?: string }) => {
    const rows =
      input.Id === "stmt-1"
        ? catalogue.map(([s, t]) => [{ stringValue: s }, { stringValue: t }])
        : counts.map(([i, c]) => [{ longValue: i }, { longValue: c }]);
    const half = Math.ceil(rows.length / 2);
    return input.NextToken
      ? { Records: rows.slice(half), TotalNumRows: rows.length }
      : {
          Records: rows.slice(0, half),
          TotalNumRows: rows.length,
          ...(rows.length > 1 ? { NextToken: "page-2" } : {}),
        };
  });
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "dms-analytics-"));
}

describe("validate and cutover-check for analytics targets", () => {
  beforeEach(() => {
    redshift = mockClient(RedshiftDataClient);
    s3 = mockClient(S3Client);
    dms = mockClient(DatabaseMigrationServiceClient);
    cloudwatch = mockClient(CloudWatchClient);
  });
  after(() => {
    redshift.restore();
    s3.restore();
    dms.restore();
    cloudwatch.restore();
  });

  describe("the --warehouse file", () => {
    it("takes the cluster from the foundation's output, or the workgroup when the output has one", () => {
      const dir = tempDir();
      try {
        const cluster = join(dir, "cluster.json");
        writeFileSync(
          cluster,
          JSON.stringify({
            identifier: "dev-analytics-dwh",
            databaseName: "analytics",
            secretArn: SECRET_ARN,
            engine: "redshift",
          }),
        );
        assert.deepEqual(readWarehouseFile(cluster).compute, {
          kind: "cluster",
          clusterIdentifier: "dev-analytics-dwh",
        });
        const all = join(dir, "outputs.json");
        writeFileSync(
          all,
          JSON.stringify({
            vpcId: "vpc-1",
            warehouse: {
              identifier: "ns",
              workgroupName: "dev-analytics-wg",
              databaseName: "analytics",
              secretArn: SECRET_ARN,
            },
          }),
        );
        assert.deepEqual(readWarehouseFile(all).compute, { kind: "workgroup", workgroupName: "dev-analytics-wg" });
        writeFileSync(
          all,
          JSON.stringify({ warehouse: { identifier: "x", databaseName: "analytics", secretArn: "[secret]" } }),
        );
        assert.throws(
          () => readWarehouseFile(all, "outputs.json"),
          /^WarehouseFileError: outputs\.json: warehouse\.secretArn: must be a Secrets Manager secret ARN .* \(the output was printed without --show-secrets\)$/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("Redshift: row counts through the Redshift Data API", () => {
    const warehouse = {
      compute: { kind: "cluster" as const, clusterIdentifier: "dev-analytics-dwh" },
      database: "analytics",
      secretArn: SECRET_ARN,
      file: "warehouse.json",
    };

    it("asks the cluster with the warehouse secret, waits for each statement and reads every result page", async () => {
      warehouseAnswers(
        [
          ["dmslab", "customers"],
          ["dmslab", "orders"],
        ],
        [
          [0, 3],
          [1, 7],
        ],
      );
      const counts = await countWarehouseRows(
        clients.redshiftData(),
        warehouse,
        [
          { schema: "dmslab", table: "Customers" },
          { schema: "dmslab", table: "orders" },
          { schema: "dmslab", table: "invoices" },
        ],
        noWait,
      );
      assert.deepEqual(Object.fromEntries(counts), {
        "dmslab.customers": 3,
        "dmslab.orders": 7,
        "dmslab.invoices": null,
      });
      const executed = redshift.commandCalls(ExecuteStatementCommand).map((c) => c.args[0].input);
      assert.equal(executed.length, 2, "one catalogue query, one count statement for the tables found");
      assert.equal(executed[0]?.ClusterIdentifier, "dev-analytics-dwh");
      assert.equal(executed[0]?.WorkgroupName, undefined);
      assert.equal(executed[0]?.SecretArn, SECRET_ARN);
      assert.equal(executed[0]?.Database, "analytics");
      assert.match(
        String(executed[1]?.Sql),
        /^SELECT 0 AS n, COUNT\(\*\) AS c FROM "dmslab"\."customers" UNION ALL SELECT 1 AS n, COUNT\(\*\) AS c FROM "dmslab"\."orders"$/,
      );
      assert.equal(redshift.commandCalls(GetStatementResultCommand).length, 4, "two pages per statement");
    });

    it("uses WorkgroupName for a Redshift Serverless warehouse", async () => {
      warehouseAnswers([["dmslab", "customers"]], [[0, 3]]);
      await countWarehouseRows(
        clients.redshiftData(),
        { ...warehouse, compute: { kind: "workgroup", workgroupName: "dev-analytics-wg" } },
        [{ schema: "dmslab", table: "customers" }],
        noWait,
      );
      const input = redshift.commandCalls(ExecuteStatementCommand)[0]?.args[0].input;
      assert.equal(input?.WorkgroupName, "dev-analytics-wg");
      assert.equal(input?.ClusterIdentifier, undefined);
    });

    it("says a failed statement in one line with the warehouse and the error", async () => {
      redshift.on(ExecuteStatementCommand).resolves({ Id: "stmt-1" });
      redshift
        .on(DescribeStatementCommand)
        .resolves({ Id: "stmt-1", Status: "FAILED", Error: "ERROR: permission denied for schema dmslab" });
      await assert.rejects(
        countWarehouseRows(clients.redshiftData(), warehouse, [{ schema: "dmslab", table: "customers" }], noWait),
        /^AwsSetupError: redshift-data: statement stmt-1 on Redshift cluster dev-analytics-dwh, database analytics FAILED: ERROR: permission denied for schema dmslab/,
      );
    });

    it("reports equal, different and missing tables, and says checksums were not compared", async () => {
      warehouseAnswers(
        [
          ["dmslab", "customers"],
          ["dmslab", "orders"],
        ],
        [
          [0, 3],
          [1, 6],
        ],
      );
      const [migration] = resolveMigrations(join(REPO, "stacks"), "dev", "analytics", REPO);
      assert.ok(migration);
      const defaults = resolveMigrationDefaults({
        stacksDir: join(REPO, "stacks"),
        migration: "analytics",
        env: "dev",
      });
      assert.equal(defaults.analyticsTarget, "redshift");
      const report = await compareAnalyticsTarget({
        migration,
        defaults,
        source: { url: "mysql://dms@src:3306/dmslab" },
        warehouse,
        clients,
        redshift: noWait,
        countSource: async () => ({
          source: "mysql://dms@src:3306/dmslab",
          tables: [
            {
              table: "dmslab.customers",
              source: { schema: "dmslab", table: "customers" },
              target: { schema: "dmslab", table: "customers" },
              rows: 3,
            },
            {
              table: "dmslab.orders",
              source: { schema: "dmslab", table: "orders" },
              target: { schema: "dmslab", table: "orders" },
              rows: 7,
            },
            {
              table: "dmslab.Invoices",
              source: { schema: "dmslab", table: "Invoices" },
              target: { schema: "dw", table: "Invoices" },
              rows: 2,
            },
          ],
        }),
      });
      assert.equal(report.ok, false);
      assert.deepEqual(
        report.tables.map((t) => [t.table, t.target, t.status]),
        [
          ["dmslab.customers", "dmslab.customers", "match"],
          ["dmslab.orders", "dmslab.orders", "count-mismatch"],
          ["dmslab.Invoices", "dw.invoices", "missing"],
        ],
      );
      const text = formatAnalyticsText(report, { manifest: true });
      assert.match(
        text,
        /^validate mysql:\/\/dms@src:3306\/dmslab -> Redshift cluster dev-analytics-dwh, database analytics \(warehouse\.json\)/,
      );
      assert.match(
        text,
        /\n {2}compared: row counts: SELECT COUNT\(\*\) of each selected table on the source, and on the warehouse through the Redshift Data API/,
      );
      assert.match(text, /\n {2}NOT compared: content checksums: not comparable across engines/);
      assert.match(text, /\n {2}MATCH +dmslab\.customers -> dmslab\.customers {2}3 rows on both sides\n/);
      assert.match(
        text,
        /\n {2}COUNT MISMATCH +dmslab\.orders +-> dmslab\.orders {2}7 rows on the source, 6 on the warehouse\n/,
      );
      assert.match(
        text,
        /\n {2}MISSING +dmslab\.Invoices +-> dw\.invoices {2}the warehouse has no table dw\.invoices \(2 rows on the source\)\n/,
      );
      assert.match(text, /\n3 tables: 1 passed, 2 failed \(not ready for cutover\)\n$/);
    });

    it("validate --migration analytics asks for --warehouse and refuses a database URL as the target (exit 2)", async () => {
      const noWarehouse = await cli([
        "validate",
        "--migration",
        "analytics",
        "--env",
        "dev",
        "--source",
        "mysql://u@h:3306/dmslab",
      ]);
      assert.equal(noWarehouse.code, 2);
      assert.match(
        noWarehouse.stderr,
        /validate: --warehouse is required: .*Pulumi\.analytics-dev\.yaml: dms-platform-replication:migration\.target\.engine: redshift: .*pulumi stack output warehouse --json/,
      );
      const url = await cli([
        "validate",
        "--migration",
        "analytics",
        "--env",
        "dev",
        "--target",
        "postgres://dmsadmin@dev-analytics-dwh.c1.eu-west-1.redshift.amazonaws.com:5439/analytics",
      ]);
      assert.equal(url.code, 2);
      assert.match(
        url.stderr,
        /--target: .*this migration writes to Amazon Redshift, which is not read through a database URL: drop --target and give --warehouse <file>/,
      );
      assert.equal(redshift.calls().length, 0);
    });
  });

  // The source side against a real MariaDB (the live test harness, scripts/src/live/testing), the
  // warehouse through the mocked Data API: the `analytics` migration of the repository's stacks.
  describe("Redshift, end to end: validate and cutover-check --migration analytics (source real)", function () {
    this.timeout(180_000);
    const PASSWORD = "analytics-test-password";
    let maria: MariadbServer | undefined;
    let dir = "";
    const source = () => `mariadb://dms@127.0.0.1:${maria?.port}/dmslab`;

    before(async function () {
      requireServers(this, ["mariadb"]);
      maria = await startedOrSkip(this, "MariaDB", () => startMariadb());
      const c = await maria.admin();
      try {
        await c.query(`
        CREATE DATABASE dmslab;
        CREATE TABLE dmslab.customers (customer_id INT PRIMARY KEY, email VARCHAR(255) NOT NULL);
        INSERT INTO dmslab.customers VALUES (1, 'alice@example.com'), (2, 'bob@example.com'), (3, 'carol@example.com');
        CREATE USER 'dms'@'127.0.0.1' IDENTIFIED BY '${PASSWORD}';
        GRANT SELECT ON dmslab.* TO 'dms'@'127.0.0.1';
      `);
      } finally {
        await c.end();
      }
      dir = tempDir();
      writeFileSync(
        join(dir, "warehouse.json"),
        JSON.stringify({
          address: "dev-dmslab-dwh.c1.eu-west-1.redshift.amazonaws.com",
          port: 5439,
          engine: "redshift",
          databaseName: "analytics",
          secretArn: SECRET_ARN,
          identifier: "dev-dmslab-dwh",
        }),
      );
    });
    after(async () => {
      await maria?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const run = (command: "validate" | "cutover-check", extra: string[] = []) =>
      cli(
        [
          command,
          "--env",
          "dev",
          "--migration",
          "analytics",
          "--warehouse",
          join(dir, "warehouse.json"),
          "--source",
          source(),
          "--tls",
          "off",
          ...extra,
        ],
        { DMS_SOURCE_PASSWORD: PASSWORD },
      );

    it("validate exits 0 when the warehouse counts the source's rows, saying checksums were not compared", async () => {
      warehouseAnswers([["dmslab", "customers"]], [[0, 3]]);
      const result = await run("validate");
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /\n {2}MATCH +dmslab\.customers -> dmslab\.customers {2}3 rows on both sides\n/);
      assert.match(result.stdout, /\n {2}NOT compared: content checksums: not comparable across engines/);
      assert.equal(
        redshift.commandCalls(ExecuteStatementCommand)[0]?.args[0].input.ClusterIdentifier,
        "dev-dmslab-dwh",
      );
      // --tables replaces the tasks' selection on the source side.
      const missing = await run("validate", ["--tables", "dmslab.orders%"]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /validate: --tables: no source table matches dmslab\.orders%/);
    });

    it("validate exits 1 when the warehouse lacks a row, and cutover-check fails its data condition", async () => {
      warehouseAnswers([["dmslab", "customers"]], [[0, 2]]);
      const result = await run("validate", ["--format", "json"]);
      assert.equal(result.code, 1, result.stderr);
      const report = JSON.parse(result.stdout);
      assert.deepEqual(
        report.tables.map((t: { status: string; sourceRows: number; targetRows: number }) => [
          t.status,
          t.sourceRows,
          t.targetRows,
        ]),
        [["count-mismatch", 3, 2]],
      );
      warehouseAnswers([["dmslab", "customers"]], [[0, 2]]);
      dms.on(DescribeReplicationTasksCommand).resolves({
        ReplicationTasks: [{ ...healthyCdcTask, ReplicationTaskIdentifier: "dev-analytics-customers-dms" }],
      });
      dms.on(DescribeTableStatisticsCommand).resolves({ ReplicationTaskArn: TASK_ARN, TableStatistics: [table({})] });
      cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: lowLatency, Messages: [] });
      const cutover = await run("cutover-check");
      assert.equal(cutover.code, 1, cutover.stderr);
      assert.match(cutover.stdout, /\n {2}PASS {2}every task is running CDC/);
      assert.match(
        cutover.stdout,
        /\n {2}FAIL {2}row counts equal on source and warehouse \(validate; checksums are not comparable across engines\)\n/,
      );
      assert.match(
        cutover.stdout,
        /\n {8}count-mismatch: dmslab\.customers -> dmslab\.customers: 3 rows on the source, 2 on the warehouse\n/,
      );
    });
  });

  describe("S3: the lake's files, a manifest, DMS's counts", () => {
    const S3_STACK = (yaml: string) =>
      yaml.replace(
        "    target:\n      engine: mysql\n      databaseName: dmslab\n",
        "    target:\n      s3:\n        bucketFolder: lake\n",
      );
    const BUCKET = "dev-dmslab-datalake-123456789012";

    function stacksDir(): string {
      const dir = tempDir();
      mkdirSync(join(dir, "replication"));
      const original = readFileSync(join(REPO, "stacks", "replication", "Pulumi.dev.yaml"), "utf8");
      const edited = S3_STACK(original);
      assert.notEqual(edited, original, "the fixture turned the primary migration into an S3 one");
      writeFileSync(join(dir, "replication", "Pulumi.dev.yaml"), edited);
      return dir;
    }

    function lakeAnswers(stats: TableStatistics[], objects: Record<string, Array<{ Key: string; Size: number }>>) {
      dms.on(DescribeEndpointsCommand).resolves({
        Endpoints: [
          {
            EndpointIdentifier: "dev-dmslab-tgt-dms",
            EngineName: "s3",
            S3Settings: { BucketName: BUCKET, BucketFolder: "lake" },
          },
        ],
      });
      dms.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [healthyCdcTask] });
      dms.on(DescribeTableStatisticsCommand).resolves({ ReplicationTaskArn: TASK_ARN, TableStatistics: stats });
      cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: lowLatency, Messages: [] });
      // Each folder answers in pages of two objects, to follow ContinuationToken.
      s3.on(ListObjectsV2Command).callsFake((input: { Prefix: string; ContinuationToken?: string }) => {
        const all = (objects[input.Prefix] ?? []).map((o, i) => ({
          ...o,
          ETag: `"etag${i}"`,
          LastModified: new Date("2026-11-29T08:00:00Z"),
        }));
        const start = Number(input.ContinuationToken ?? 0);
        const page = all.slice(start, start + 2);
        const more = start + 2 < all.length;
        return {
          Contents: page,
          KeyCount: page.length,
          IsTruncated: more,
          ...(more ? { NextContinuationToken: String(start + 2) } : {}),
        };
      });
    }

    it("validate counts each table's full-load and change files over every page, and prints the manifest", async () => {
      const dir = stacksDir();
      try {
        lakeAnswers([table({})], {
          "lake/dmslab/customers/": [
            { Key: "lake/dmslab/customers/LOAD00000001.parquet", Size: 100 },
            { Key: "lake/dmslab/customers/LOAD0000000A.parquet", Size: 50 },
            { Key: "lake/dmslab/customers/2026/11/29/20261129-080000000.parquet", Size: 10 },
          ],
        });
        const run = await cli(["validate", "--migration", "dmslab", "--env", "dev", "--stacks-dir", dir]);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(s3.commandCalls(ListObjectsV2Command).length, 2, "two pages");
        assert.equal(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input.Bucket, BUCKET);
        assert.match(
          run.stdout,
          /^validate \(source not read\) -> s3:\/\/dev-dmslab-datalake-123456789012\/lake\/ \(endpoint dev-dmslab-tgt-dms\)/,
        );
        assert.match(
          run.stdout,
          /\n {2}NOT compared: rows in the lake: the Parquet files are not read, so neither row counts nor checksums of the target are compared/,
        );
        assert.match(
          run.stdout,
          /\n {2}NOT compared: source row counts: the source was not read \(the source is a database of the foundation stack/,
        );
        assert.match(
          run.stdout,
          /\n {2}FILES PRESENT +dmslab\.customers -> lake\/dmslab\/customers\/ {2}2 full-load file\(s\), 1 change file\(s\), 160 bytes; DMS: 3 full-load rows \+ 1 inserts - 1 deletes = 3; source not counted\n/,
        );
        assert.match(
          run.stdout,
          /\nmanifest \(3 object\(s\)\): key, size, ETag, LastModified\n {2}lake\/dmslab\/customers\/LOAD00000001\.parquet {2}100 {2}etag0 {2}2026-11-29T08:00:00\.000Z\n/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("a table with rows and no full-load file fails (exit 1); --out writes the manifest as JSON", async () => {
      const dir = stacksDir();
      try {
        lakeAnswers([table({})], {
          "lake/dmslab/customers/": [{ Key: "lake/dmslab/customers/2026/11/29/20261129-080000000.parquet", Size: 10 }],
        });
        const out = join(dir, "manifest.json");
        const run = await cli([
          "validate",
          "--migration",
          "dmslab",
          "--env",
          "dev",
          "--stacks-dir",
          dir,
          "--out",
          out,
          "--format",
          "json",
        ]);
        assert.equal(run.code, 1, run.stderr);
        const report = JSON.parse(run.stdout);
        assert.equal(report.ok, false);
        assert.equal(report.tables[0].status, "no-full-load");
        assert.match(report.tables[0].detail, /^no full-load file \(LOAD\*\.parquet\) under lake\/dmslab\/customers\//);
        assert.equal(report.manifest, undefined, "the manifest is in the file, not on stdout");
        assert.deepEqual(JSON.parse(readFileSync(out, "utf8")), {
          bucket: BUCKET,
          folder: "lake",
          objects: [
            {
              key: "lake/dmslab/customers/2026/11/29/20261129-080000000.parquet",
              size: 10,
              etag: "etag0",
              lastModified: "2026-11-29T08:00:00.000Z",
              table: "dmslab.customers",
              kind: "cdc",
            },
          ],
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("cutover-check judges the DMS conditions and the lake, and says which database comparisons it did not make", async () => {
      const dir = stacksDir();
      try {
        lakeAnswers([table({}), table({ TableName: "orders", FullLoadRows: 0, Inserts: 0, Deletes: 0 })], {
          "lake/dmslab/customers/": [{ Key: "lake/dmslab/customers/LOAD00000001.parquet", Size: 100 }],
        });
        const out = join(dir, "lake-manifest.json");
        const run = await cli([
          "cutover-check",
          "--env",
          "dev",
          "--stacks-dir",
          dir,
          "--migration",
          "dmslab",
          "--out",
          out,
        ]);
        assert.equal(run.code, 0, `${run.stdout}${run.stderr}`);
        assert.ok(run.stdout.includes(`\n        manifest: 1 object(s) written to ${out}\n`), run.stdout);
        assert.equal(
          JSON.parse(readFileSync(out, "utf8")).objects[0].key,
          "lake/dmslab/customers/LOAD00000001.parquet",
        );
        assert.match(run.stdout, /^READY for cutover: migration dmslab \(dev\)/);
        assert.match(run.stdout, /\n {2}PASS {2}every task is running CDC/);
        assert.match(run.stdout, /\n {2}PASS {2}no table is errored, missing, cancelled or suspended/);
        assert.match(run.stdout, /\n {2}PASS {2}CDC latency at most/);
        assert.match(
          run.stdout,
          /\n {2}PASS {2}every table's files in the lake, DMS's row counts equal to the source's \(validate; the files are not read\)\n {8}\(source not read\) -> s3:\/\/dev-dmslab-datalake-123456789012\/lake\/ \(endpoint dev-dmslab-tgt-dms\): 2\/2 table\(s\) passed\n/,
        );
        assert.match(run.stdout, /\n {8}NOT compared: rows in the lake: the Parquet files are not read/);
        assert.match(run.stdout, /\n {8}NOT compared: source row counts: the source was not read/);
        assert.match(
          run.stdout,
          /\n {8}dmslab\.orders -> lake\/dmslab\/orders\/: no full-load file: the table is empty \(DMS loaded 0 rows\)/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("cutover-check fails the data condition when a table's full load is missing from the lake (exit 1)", async () => {
      const dir = stacksDir();
      try {
        lakeAnswers([table({})], {});
        const run = await cli(["cutover-check", "--env", "dev", "--stacks-dir", dir, "--migration", "dmslab"]);
        assert.equal(run.code, 1);
        assert.match(run.stdout, /\n {2}FAIL {2}every table's files in the lake/);
        assert.match(
          run.stdout,
          /\n {8}no-full-load: dmslab\.customers -> lake\/dmslab\/customers\/: no full-load file \(LOAD\*\.parquet\)/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "" };
  const code = await main(["node", "dms-platform", ...args], {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: false },
    stderr: { write: (s: string) => (out.stderr += s) },
    env: {
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      ...env,
    },
    now: () => NOW,
    sleep: async () => {},
  });
  for (const secret of Object.values(env)) {
    assert.ok(!`${out.stdout}${out.stderr}`.includes(secret), "a password was printed");
  }
  return { code, ...out };
}
