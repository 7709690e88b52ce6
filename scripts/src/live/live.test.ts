import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serverParameters } from "@dms-platform/database/cdc-parameters";
import { Command, CommanderError } from "commander";
import type mysql from "mysql2/promise";
import type pg from "pg";
import {
  type CliContextLike,
  type PreflightReport,
  registerPreflightCommand,
  registerValidateCommand,
  runPreflight,
  runValidate,
} from "./index.js";
import {
  type MariadbServer,
  type PostgresServer,
  requireServers,
  settingsFromParameters,
  startedOrSkip,
  startMariadb,
  startPostgres,
} from "./testing/servers.js";

// Real servers (testing/servers.ts: how they are found, run and cleaned up). A suite whose
// servers cannot be started here is skipped with the reason and the command that enables it,
// or fails under DMS_TEST_LIVE=required (CI).

const DMS_PASSWORD = "dms-test-password";
const env = { DMS_SOURCE_PASSWORD: DMS_PASSWORD, DMS_TARGET_PASSWORD: DMS_PASSWORD };
const LAB_TABLES = "dmslab.customers,dmslab.orders,dmslab.documents";
const ROWS = 100_000;
const FIXTURES = join(__dirname, "..", "..", "fixtures", "live");

function check(report: PreflightReport, id: string) {
  const found = report.checks.find((c) => c.id === id);
  assert.ok(found, `no check ${id} in ${report.checks.map((c) => c.id).join(", ")}`);
  return found;
}

function statuses(report: PreflightReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

/**
 * Run a registered command the way the CLI frame will: on a commander program with
 * exitOverride, given the frame's context (streams, env, cwd; the command sets exitCode).
 */
async function runCommand(
  register: (program: Command, context: CliContextLike) => Command,
  args: string[],
  isTTY = false,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const context: CliContextLike = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY },
    env,
    cwd: process.cwd(),
  };
  const program = new Command("dms-platform").exitOverride().configureOutput({
    writeOut: (s) => {
      stdout += s;
    },
    writeErr: (s) => {
      stderr += s;
    },
  });
  register(program, context);
  let code: number;
  try {
    await program.parseAsync(["node", "dms-platform", ...args]);
    code = context.exitCode ?? 0;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode;
  }
  return { code, stdout, stderr };
}

async function seedMariadb(server: MariadbServer): Promise<void> {
  const c = await server.admin();
  try {
    await c.query(`
      CREATE DATABASE dmslab CHARACTER SET utf8mb4;
      USE dmslab;
      CREATE TABLE dmslab.customers (
        customer_id INT PRIMARY KEY, email VARCHAR(255) NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
      INSERT INTO dmslab.customers (customer_id, email) VALUES
        (1, 'alice@example.com'), (2, 'bob@example.com'), (3, 'carol@example.com');
      CREATE TABLE dmslab.orders (
        order_id INT PRIMARY KEY, customer_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL, note VARCHAR(64) NULL,
        placed_at DATETIME(6) NOT NULL, paid TINYINT(1) NOT NULL, ratio DOUBLE NULL);
      INSERT INTO dmslab.orders
        SELECT seq, 1 + seq % 3, (seq % 100000) / 100,
               IF(seq % 7 = 0, NULL, IF(seq % 11 = 0, '', CONCAT('note ', seq, ' caf\u00e9 \u{1F600}'))),
               TIMESTAMP('2024-01-01') + INTERVAL seq SECOND + INTERVAL (seq % 1000) MICROSECOND, seq % 2, seq / 3
        FROM seq_1_to_${ROWS};
      CREATE TABLE dmslab.events_nopk (event_type VARCHAR(32), payload VARCHAR(100), happened_at DATETIME);
      INSERT INTO dmslab.events_nopk
        SELECT CONCAT('type', seq % 5), IF(seq % 9 = 0, NULL, CONCAT('p', seq)), TIMESTAMP('2024-02-01') + INTERVAL seq MINUTE
        FROM seq_1_to_1000;
      CREATE TABLE dmslab.documents (doc_id INT PRIMARY KEY, title VARCHAR(100) NOT NULL, body LONGTEXT, attachment LONGBLOB);
      INSERT INTO dmslab.documents VALUES
        (1, 'small', 'hello', x'00ff10'), (2, 'large', REPEAT('lorem ipsum ', 10000), NULL), (3, 'empty', '', NULL);
      CREATE USER 'dms'@'127.0.0.1' IDENTIFIED BY '${DMS_PASSWORD}';
      GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'dms'@'127.0.0.1';
      CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY '${DMS_PASSWORD}';
      GRANT SELECT ON dmslab.* TO 'reader'@'127.0.0.1';
    `);
  } finally {
    await c.end();
  }
}

async function seedPostgres(server: PostgresServer): Promise<void> {
  const admin = await server.admin();
  try {
    await admin.query(`CREATE ROLE dms LOGIN REPLICATION PASSWORD '${DMS_PASSWORD}'`);
    await admin.query("CREATE DATABASE lab");
    await admin.query("CREATE DATABASE copy");
  } finally {
    await admin.end();
  }
  const lab = await server.admin("lab");
  try {
    await lab.query(`
      CREATE SCHEMA dmslab;
      CREATE TABLE dmslab.customers (
        customer_id int PRIMARY KEY, email varchar(255) NOT NULL, created_at timestamp DEFAULT CURRENT_TIMESTAMP);
      INSERT INTO dmslab.customers (customer_id, email) VALUES
        (1, 'alice@example.com'), (2, 'bob@example.com'), (3, 'carol@example.com');
      CREATE TABLE dmslab.orders (order_id int PRIMARY KEY, amount numeric(12,2) NOT NULL, placed_at timestamptz NOT NULL);
      INSERT INTO dmslab.orders SELECT g, (g % 100000) / 100.0, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second'
        FROM generate_series(1, ${ROWS}) g;
      CREATE TABLE dmslab.documents (doc_id int PRIMARY KEY, body text, attachment bytea);
      INSERT INTO dmslab.documents VALUES (1, repeat('lorem ipsum ', 10000), '\\x00ff');
      GRANT USAGE ON SCHEMA dmslab TO dms;
      GRANT SELECT ON ALL TABLES IN SCHEMA dmslab TO dms;
    `);
  } finally {
    await lab.end();
  }
  const copy = await server.admin("copy");
  try {
    await copy.query(`
      CREATE SCHEMA dmslab;
      CREATE TABLE dmslab.customers (customer_id int PRIMARY KEY, email varchar(255) NOT NULL, created_at timestamp);
      CREATE TABLE dmslab.orders (
        order_id int PRIMARY KEY, customer_id int NOT NULL, amount numeric(12,2) NOT NULL, note varchar(64),
        placed_at timestamp(6) NOT NULL, paid boolean NOT NULL, ratio double precision);
      CREATE TABLE dmslab.events_nopk (event_type varchar(32), payload varchar(100), happened_at timestamp);
      CREATE TABLE dmslab.documents (doc_id int PRIMARY KEY, title varchar(100) NOT NULL, body text, attachment bytea);
      GRANT USAGE ON SCHEMA dmslab TO dms;
      GRANT SELECT ON ALL TABLES IN SCHEMA dmslab TO dms;
    `);
  } finally {
    await copy.end();
  }
}

/** What DMS's full load does, by hand: read every row from MariaDB, write it to PostgreSQL in batches. */
async function copyMariadbToPostgres(source: mysql.Connection, target: pg.Client, table: string, columns: string[]) {
  await source.query("SET time_zone = '+00:00'");
  const [rows] = await source.query({
    sql: `SELECT ${columns.join(", ")} FROM dmslab.${table}`,
    rowsAsArray: true,
  });
  const all = rows as unknown as unknown[][];
  const batch = 5000;
  for (let i = 0; i < all.length; i += batch) {
    const slice = all.slice(i, i + batch);
    const values = slice.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`);
    await target.query(`INSERT INTO dmslab.${table} (${columns.join(", ")}) VALUES ${values.join(", ")}`, slice.flat());
  }
}

describe("live preflight and validate (real PostgreSQL and MariaDB)", function () {
  this.timeout(180_000);
  let maria: MariadbServer | undefined;
  let postgres: PostgresServer | undefined;
  let mariaConfigured = false;
  let postgresConfigured = false;
  const mariaUrl = (user = "dms", db = "dmslab") => `mariadb://${user}@127.0.0.1:${maria?.port}/${db}`;
  const pgUrl = (db: string) => `postgres://dms@127.0.0.1:${postgres?.port}/${db}`;
  const mariaSettings = settingsFromParameters(
    serverParameters("mariadb", { role: "source", cdc: true, engineVersion: "10.11" }),
  );
  const pgSettings = settingsFromParameters(
    serverParameters("postgres", { role: "source", cdc: true, engineVersion: "15" }),
  );

  // Each server starts once, when the first suite that needs it runs, "default-configured" (as
  // the packages ship it: MariaDB without a binary log, binlog_format MIXED; PostgreSQL with
  // wal_level replica; neither offering TLS) and is restarted once with the settings our
  // parameter groups emit (serverParameters, the table MigrationDatabase uses).
  async function mariaServer(): Promise<MariadbServer> {
    if (!maria) {
      maria = await startMariadb();
      await seedMariadb(maria);
    }
    return maria;
  }
  async function configuredMaria(): Promise<MariadbServer> {
    const m = await mariaServer();
    if (!mariaConfigured) {
      // What RDS adds on its own: a binary log whenever automated backups are on.
      await m.restart({ ...mariaSettings, "log-bin": join(m.dir, "binlog"), "server-id": "1" }, true);
      mariaConfigured = true;
    }
    return m;
  }
  async function postgresServer(): Promise<PostgresServer> {
    if (!postgres) {
      postgres = await startPostgres();
      await seedPostgres(postgres);
    }
    return postgres;
  }
  async function configuredPostgres(): Promise<PostgresServer> {
    const p = await postgresServer();
    if (!postgresConfigured) {
      await p.restart(pgSettings, true);
      postgresConfigured = true;
    }
    return p;
  }

  after(async () => {
    await Promise.allSettled([maria?.stop(), postgres?.stop()]);
  });

  it("derives the server settings from serverParameters (one source of truth)", () => {
    assert.equal(mariaSettings.binlog_format, "ROW");
    assert.equal(mariaSettings.binlog_row_image, "FULL");
    assert.equal(pgSettings.wal_level, "logical");
  });

  describe("a PostgreSQL source", () => {
    before(async function () {
      requireServers(this, ["postgres"]);
      await startedOrSkip(this, "PostgreSQL", postgresServer);
    });

    it("fails with wal_level replica and no TLS (exit 1 through the command)", async () => {
      const result = await runCommand(registerPreflightCommand, [
        "preflight",
        "--source",
        pgUrl("lab"),
        "--tls",
        "off",
        "--tables",
        "dmslab.%",
        "--lob-max-size",
        "256",
        "--format",
        "json",
      ]);
      assert.equal(result.code, 1, result.stderr);
      const report = JSON.parse(result.stdout) as PreflightReport;
      const s = statuses(report);
      assert.equal(s["parameter:rds.logical_replication"], "fail");
      assert.match(check(report, "parameter:rds.logical_replication").reason, /wal_level is replica/);
      assert.equal(s.tls, "fail");
      assert.equal(s["replication-role"], "pass");
      assert.equal(s["replication-slots-free"], "pass");
    });

    describe("with the settings our parameter groups emit", () => {
      before(async () => {
        await configuredPostgres();
      });

      it("passes (exit 0)", async () => {
        const report = await runPreflight({
          source: { url: pgUrl("lab"), tls: "require", env },
          tables: "dmslab.%",
          lobMaxSizeKb: 256,
        });
        assert.deepEqual(
          report.checks.filter((c) => c.status !== "pass").map((c) => `${c.id}: ${c.reason}`),
          [],
        );
        assert.equal(report.ok, true);
        assert.deepEqual(report.tables, ["dmslab.customers", "dmslab.documents", "dmslab.orders"]);
      });

      it("names host, port and what failed when the server cannot be reached, without a stack trace", async () => {
        const result = await runCommand(registerValidateCommand, [
          "validate",
          "--source",
          "postgres://dms@127.0.0.1:1/lab",
          "--target",
          pgUrl("copy"),
        ]);
        assert.equal(result.code, 2);
        assert.equal(
          result.stderr.trim(),
          "validate: source: cannot connect to postgres at 127.0.0.1:1 as dms: connection refused (is the server running and the port open?)",
        );
      });

      it("names a wrong password as an authentication failure", async () => {
        await assert.rejects(
          runPreflight({ source: { url: pgUrl("lab"), tls: "require", env: { DMS_SOURCE_PASSWORD: "wrong" } } }),
          /source: cannot connect to postgres at 127\.0\.0\.1:\d+ as dms: password authentication failed/,
        );
      });
    });
  });

  describe("a MariaDB source", () => {
    before(async function () {
      requireServers(this, ["mariadb"]);
      await startedOrSkip(this, "MariaDB", mariaServer);
    });

    it("fails without a row-based binary log and TLS (exit 1)", async () => {
      const report = await runPreflight({
        source: { url: mariaUrl(), tls: "off", env },
        tables: LAB_TABLES,
        lobMaxSizeKb: 256,
      });
      const s = statuses(report);
      assert.equal(report.ok, false);
      assert.equal(s["binary-log"], "fail");
      assert.equal(s["parameter:binlog_format"], "fail");
      assert.match(check(report, "parameter:binlog_format").reason, /binlog_format is MIXED/);
      assert.equal(s["parameter:binlog_checksum"], "fail");
      assert.equal(s["parameter:require_secure_transport"], "fail");
      assert.equal(s.tls, "fail");
      assert.equal(s.grants, "pass");
      assert.equal(
        check(report, "parameter:binlog_format").docs,
        serverParameters("mariadb", { role: "source", cdc: true, engineVersion: "10.11" }).find(
          (r) => r.parameter === "binlog_format",
        )?.docs,
      );
    });

    describe("with the settings our parameter groups emit", () => {
      before(async () => {
        const m = await configuredMaria();
        const c = await m.admin();
        try {
          await c.query(`
            CREATE DATABASE dmslab_copy CHARACTER SET utf8mb4;
            CREATE TABLE dmslab_copy.customers LIKE dmslab.customers;
            INSERT INTO dmslab_copy.customers SELECT * FROM dmslab.customers;
            CREATE TABLE dmslab_copy.orders LIKE dmslab.orders;
            INSERT INTO dmslab_copy.orders SELECT * FROM dmslab.orders;
          `);
        } finally {
          await c.end();
        }
      });

      it("passes the lab source (exit 0)", async () => {
        const result = await runCommand(registerPreflightCommand, [
          "preflight",
          "--source",
          mariaUrl(),
          "--tables",
          LAB_TABLES,
          "--lob-max-size",
          "256",
        ]);
        assert.equal(result.code, 0, result.stdout + result.stderr);
        assert.match(result.stdout, /PASS {2}binlog_format = ROW/);
        assert.match(result.stdout, /PASS {2}TLS available: this connection uses TLS/);
        assert.match(result.stdout, /0 failed$/m);
      });

      it("reports missing grants, missing tables, tables without a key and truncated LOBs", async () => {
        const report = await runPreflight({
          source: { url: mariaUrl("reader"), tls: "require", env },
          tables: "dmslab.%,dmslab.invoices",
        });
        const s = statuses(report);
        assert.equal(s.grants, "fail");
        assert.match(check(report, "grants").fix ?? "", /GRANT REPLICATION CLIENT, REPLICATION SLAVE ON \*\.\*/);
        assert.equal(s.selection, "fail");
        assert.match(check(report, "selection").reason, /dmslab\.invoices/);
        assert.equal(s["primary-keys"], "fail");
        assert.match(check(report, "primary-keys").reason, /dmslab\.events_nopk/);
        assert.equal(s.lobs, "fail");
        assert.match(check(report, "lobs").reason, /dmslab\.documents\.body holds 118 KB/);
        assert.match(check(report, "lobs").fix ?? "", /LobMaxSize >= 118/);
        assert.equal(report.ok, false);
      });

      it("preflights the reference lab's table mapping", async () => {
        const report = await runPreflight({
          source: { url: mariaUrl(), tls: "require", env },
          tableMappingsFile: join(FIXTURES, "lab-table-mappings.json"),
        });
        assert.deepEqual(report.tables, ["dmslab.customers"]);
        assert.equal(report.ok, true);
      });

      it("validates an exact MariaDB -> MariaDB copy in another schema", async () => {
        const report = await runValidate({
          source: { url: mariaUrl(), tls: "require", env },
          target: { url: mariaUrl("dms", "dmslab_copy"), tls: "require", env },
          tables: "dmslab.customers,dmslab.orders",
          targetSchema: "dmslab_copy",
          chunkSize: 7000,
        });
        assert.equal(report.ok, true, JSON.stringify(report.tables));
      });

      it("validates following a table mapping's selection, exclusion and schema rename, with progress on a TTY", async () => {
        const result = await runCommand(
          registerValidateCommand,
          [
            "validate",
            "--source",
            mariaUrl(),
            "--target",
            mariaUrl("dms", "dmslab_copy"),
            "--table-mappings",
            join(FIXTURES, "rename-schema-table-mappings.json"),
            "--chunk-size",
            "25000",
          ],
          true,
        );
        assert.equal(result.code, 0, result.stdout + result.stderr);
        assert.match(result.stdout, /MATCH\s+dmslab\.customers -> dmslab_copy\.customers/);
        assert.match(result.stdout, /MATCH\s+dmslab\.orders -> dmslab_copy\.orders\s+100000 rows on both sides/);
        assert.doesNotMatch(result.stdout, /documents|events_nopk/);
        assert.match(result.stderr, /\rdmslab\.orders: 50,000 \/ 100,000 rows/);
      });

      it("validates a migration (--migration) with its task's exclusions and schema and table renames", async () => {
        const stacks = mkdtempSync(join(tmpdir(), "dms-live-migration-"));
        try {
          const c = await (maria as MariadbServer).admin();
          try {
            await c.query(`
              CREATE TABLE dmslab_copy.clients LIKE dmslab.customers;
              INSERT INTO dmslab_copy.clients SELECT * FROM dmslab.customers;
            `);
          } finally {
            await c.end();
          }
          mkdirSync(join(stacks, "replication"));
          // Only what --migration reads (live-defaults.ts): the source connection, the engines, the tasks' mappings.
          writeFileSync(
            join(stacks, "replication", "Pulumi.copy-dev.yaml"),
            `config:
  dms-platform-replication:application: copy
  dms-platform-replication:sourceConnection:
    external: { hostname: 127.0.0.1, port: ${maria?.port} }
  dms-platform-replication:migration:
    source: { engine: mariadb, databaseName: dmslab }
    target: { engine: mariadb, databaseName: dmslab_copy }
    tasks:
      - name: copy
        migrationType: full-load
        tableMappings:
          rules:
            - { rule-type: selection, rule-id: "1", rule-name: all, object-locator: { schema-name: dmslab, table-name: "%" }, rule-action: include }
            - { rule-type: selection, rule-id: "2", rule-name: no-lobs, object-locator: { schema-name: dmslab, table-name: "[de]%" }, rule-action: exclude }
            - { rule-type: transformation, rule-id: "3", rule-name: schema, rule-target: schema, object-locator: { schema-name: dmslab }, rule-action: rename, value: dmslab_copy }
            - { rule-type: transformation, rule-id: "4", rule-name: clients, rule-target: table, object-locator: { schema-name: dmslab, table-name: customers }, rule-action: rename, value: clients }
`,
          );
          const result = await runCommand(registerValidateCommand, [
            "validate",
            "--migration",
            "copy",
            "--env",
            "dev",
            "--stacks-dir",
            stacks,
            "--source-user",
            "dms",
            "--target",
            mariaUrl("dms", "dmslab_copy"),
            "--format",
            "json",
          ]);
          assert.equal(result.code, 0, result.stdout + result.stderr);
          const report = JSON.parse(result.stdout) as Awaited<ReturnType<typeof runValidate>>;
          assert.deepEqual(
            report.tables.map((t) => [t.table, t.targetTable, t.status]),
            [
              ["dmslab.customers", "dmslab_copy.clients", "match"],
              ["dmslab.orders", "dmslab_copy.orders", "match"],
            ],
          );
        } finally {
          rmSync(stacks, { recursive: true, force: true });
        }
      });

      describe("replication grants, read exactly", () => {
        before(async () => {
          const c = await (maria as MariadbServer).admin();
          try {
            await c.query(`
              CREATE USER 'lookalike'@'127.0.0.1' IDENTIFIED BY '${DMS_PASSWORD}';
              GRANT SELECT, BINLOG MONITOR, REPLICATION SLAVE ADMIN ON *.* TO 'lookalike'@'127.0.0.1';
              CREATE ROLE dms_binlog; GRANT REPLICATION REPLICA ON *.* TO dms_binlog;
              CREATE ROLE dms_source; GRANT SELECT, REPLICATION CLIENT ON *.* TO dms_source; GRANT dms_binlog TO dms_source;
              CREATE USER 'by_role'@'127.0.0.1' IDENTIFIED BY '${DMS_PASSWORD}';
              GRANT dms_source TO 'by_role'@'127.0.0.1'; SET DEFAULT ROLE dms_source FOR 'by_role'@'127.0.0.1';
              CREATE USER 'role_inactive'@'127.0.0.1' IDENTIFIED BY '${DMS_PASSWORD}';
              GRANT dms_source TO 'role_inactive'@'127.0.0.1'; GRANT SELECT ON dmslab.* TO 'role_inactive'@'127.0.0.1';
              CREATE USER 'admin'@'127.0.0.1' IDENTIFIED BY '${DMS_PASSWORD}';
              GRANT ALL PRIVILEGES ON *.* TO 'admin'@'127.0.0.1';
            `);
          } finally {
            await c.end();
          }
        });

        const grants = async (user: string) =>
          check(
            await runPreflight({ source: { url: mariaUrl(user), tls: "require", env }, tables: "dmslab.customers" }),
            "grants",
          );

        it("fails BINLOG MONITOR + REPLICATION SLAVE ADMIN: a look-alike is not REPLICATION SLAVE", async () => {
          const g = await grants("lookalike");
          assert.equal(g.status, "fail");
          assert.match(g.reason, /^lookalike lacks REPLICATION SLAVE on \*\.\* \(holds .*REPLICATION SLAVE ADMIN.*\)/);
          assert.equal(g.fix, "GRANT REPLICATION SLAVE ON *.* TO 'lookalike'@'%';");
        });

        it("passes privileges held through a default role and the role it holds", async () => {
          const g = await grants("by_role");
          assert.equal(g.status, "pass", g.reason);
          assert.match(g.reason, /with role dms_source/);
        });

        it("fails a role that is granted but not the default one, and says how to make it default", async () => {
          const g = await grants("role_inactive");
          assert.equal(g.status, "fail");
          assert.match(
            g.reason,
            /lacks REPLICATION CLIENT and REPLICATION SLAVE .*Role `dms_source` is granted but not a default role/,
          );
          assert.match(g.fix ?? "", /SET DEFAULT ROLE `dms_source` FOR 'role_inactive'@'%'/);
        });

        it("passes ALL PRIVILEGES", async () => {
          assert.equal((await grants("admin")).status, "pass");
        });
      });

      describe("binary log retention on RDS (a stand-in mysql.rds_show_configuration)", () => {
        // RDS's procedure answers one row per setting with the columns name, value, description
        // (RDS User Guide, mysql_rds_show_configuration); value is NULL until rds_set_configuration.
        const standIn = async (value: string | null) => {
          const c = await (maria as MariadbServer).admin();
          try {
            await c.query(`
              DROP PROCEDURE IF EXISTS mysql.rds_show_configuration;
              CREATE PROCEDURE mysql.rds_show_configuration()
                SELECT 'binlog retention hours' AS name, ${value === null ? "NULL" : `'${value}'`} AS value,
                       'binlog retention hours specifies the duration in hours before binary logs are automatically deleted.' AS description
                UNION ALL
                SELECT 'source delay', '0', 'source delay specifies how many seconds replication should be delayed.';
              GRANT EXECUTE ON PROCEDURE mysql.rds_show_configuration TO 'dms'@'127.0.0.1';
            `);
          } finally {
            await c.end();
          }
        };
        const retention = async () => {
          const report = await runPreflight({
            source: { url: mariaUrl(), tls: "require", env },
            tables: "dmslab.customers",
          });
          assert.equal(report.source.managed, "rds");
          return check(report, "binlog-retention");
        };
        after(async () => {
          const c = await (maria as MariadbServer).admin();
          try {
            await c.query("DROP PROCEDURE IF EXISTS mysql.rds_show_configuration");
          } finally {
            await c.end();
          }
        });

        it("fails a retention shorter than 24 hours", async () => {
          await standIn("12");
          const r = await retention();
          assert.equal(r.status, "fail");
          assert.match(r.reason, /^binlog retention hours is 12: shorter than a day/);
          assert.equal(r.fix, "CALL mysql.rds_set_configuration('binlog retention hours', 24);");
        });

        it("passes 24 hours", async () => {
          await standIn("24");
          const r = await retention();
          assert.equal(r.status, "pass");
          assert.equal(r.reason, "binlog retention hours is 24.");
        });

        it("fails a retention never set (NULL)", async () => {
          await standIn(null);
          const r = await retention();
          assert.equal(r.status, "fail");
          assert.match(r.reason, /^binlog retention hours is NULL: RDS purges binary logs as soon as it can/);
        });
      });

      describe("usage and connection errors (exit 2)", () => {
        let dir: string;
        before(() => {
          dir = mkdtempSync(join(tmpdir(), "dms-live-secret-"));
        });
        after(() => rmSync(dir, { recursive: true, force: true }));

        it("refuses a URL carrying a password, with the advice", async () => {
          const result = await runCommand(registerPreflightCommand, [
            "preflight",
            "--source",
            `mariadb://dms:${DMS_PASSWORD}@127.0.0.1:${maria?.port}/dmslab`,
          ]);
          assert.equal(result.code, 2);
          assert.match(
            result.stderr,
            /the URL carries a password; remove it and set DMS_SOURCE_PASSWORD or pass --source-secret-file/,
          );
        });

        it("reads the password from a Secrets Manager secret file", async () => {
          const secret = join(dir, "secret.json");
          writeFileSync(
            secret,
            JSON.stringify({ username: "dms", password: DMS_PASSWORD, engine: "mariadb", port: maria?.port }),
          );
          const report = await runPreflight({
            source: { url: `mariadb://127.0.0.1:${maria?.port}/dmslab`, secretFile: secret, tls: "require", env: {} },
            tables: "dmslab.customers",
          });
          assert.equal(report.ok, true, JSON.stringify(report.checks.filter((c) => c.status === "fail")));
        });

        it("refuses a server that requires TLS when --tls off is given, as a connection error", async () => {
          await assert.rejects(
            runPreflight({ source: { url: mariaUrl(), tls: "off", env } }),
            (error: Error) => error.name === "LiveConnectionError" && /127\.0\.0\.1:\d+ as dms:/.test(error.message),
          );
        });
      });
    });
  });

  describe("validate, MariaDB -> PostgreSQL", () => {
    before(async function () {
      requireServers(this, ["mariadb", "postgres"]);
      const [maria, postgres] = await startedOrSkip(this, "MariaDB and PostgreSQL", async () => [
        await configuredMaria(),
        await configuredPostgres(),
      ]);
      const source = await maria.admin();
      const target = await postgres.admin("copy");
      try {
        await copyMariadbToPostgres(source, target, "customers", ["customer_id", "email", "created_at"]);
        await copyMariadbToPostgres(source, target, "orders", [
          "order_id",
          "customer_id",
          "amount",
          "note",
          "placed_at",
          "paid",
          "ratio",
        ]);
        await copyMariadbToPostgres(source, target, "events_nopk", ["event_type", "payload", "happened_at"]);
        await copyMariadbToPostgres(source, target, "documents", ["doc_id", "title", "body", "attachment"]);
      } finally {
        await source.end();
        await target.end();
      }
    });

    it("passes an exact copy of 100,000+ rows (exit 0)", async () => {
      const started = Date.now();
      const result = await runCommand(registerValidateCommand, [
        "validate",
        "--source",
        mariaUrl(),
        "--target",
        pgUrl("copy"),
        "--tables",
        "dmslab.%",
        "--format",
        "json",
      ]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const report = JSON.parse(result.stdout) as Awaited<ReturnType<typeof runValidate>>;
      assert.deepEqual(
        report.tables.map((t) => [t.table, t.status, t.sourceRows, t.method]),
        [
          ["dmslab.customers", "match", 3, "keyed"],
          ["dmslab.documents", "match", 3, "keyed"],
          ["dmslab.events_nopk", "match", 1000, "unordered-aggregate"],
          ["dmslab.orders", "match", ROWS, "keyed"],
        ],
      );
      assert.ok(Date.now() - started < 30_000, "validating 100k rows took over 30 s");
    });

    it("finds a deleted row, a changed value, changed no-key rows and a missing table (exit 1)", async () => {
      const target = await (postgres as PostgresServer).admin("copy");
      try {
        await target.query("DELETE FROM dmslab.orders WHERE order_id = 54321");
        await target.query("UPDATE dmslab.orders SET amount = amount + 1 WHERE order_id = 95000");
        await target.query("UPDATE dmslab.customers SET email = 'alice@example.org' WHERE customer_id = 1");
        await target.query("UPDATE dmslab.events_nopk SET payload = 'changed' WHERE payload = 'p500'");
        await target.query("DROP TABLE dmslab.documents");
      } finally {
        await target.end();
      }
      const result = await runCommand(registerValidateCommand, [
        "validate",
        "--source",
        mariaUrl(),
        "--target",
        pgUrl("copy"),
        "--tables",
        "dmslab.%",
      ]);
      assert.equal(result.code, 1, result.stderr);
      const report = await runValidate({
        source: { url: mariaUrl(), tls: "require", env },
        target: { url: pgUrl("copy"), tls: "require", env },
        tables: "dmslab.%",
      });
      const byTable = new Map(report.tables.map((t) => [t.table, t]));
      const orders = byTable.get("dmslab.orders");
      assert.equal(orders?.status, "count-mismatch");
      assert.equal(orders?.targetRows, ROWS - 1);
      assert.deepEqual(orders?.firstDifference, {
        range: { after: "50000", upTo: "60000" },
        key: "54321",
        kind: "missing-on-target",
      });
      // Every chunk is compared, not only up to the first difference: 10 of 10,000 keys and the
      // open-ended last one; the missing row's and the changed row's differ.
      assert.deepEqual(orders?.chunks, { compared: 11, differing: 2 });
      const customers = byTable.get("dmslab.customers");
      assert.equal(customers?.status, "content-mismatch");
      assert.equal(customers?.firstDifference?.key, "1");
      assert.equal(customers?.firstDifference?.kind, "values-differ");
      assert.match(customers?.firstDifference?.target ?? "", /alice@example\.org/);
      assert.equal(byTable.get("dmslab.documents")?.status, "missing");
      assert.equal(byTable.get("dmslab.events_nopk")?.status, "content-mismatch");
      assert.match(
        result.stdout,
        /COUNT MISMATCH\s+dmslab\.orders .*2 of 11 chunks differ; .*key 54321 missing on target/,
      );
      assert.match(result.stdout, /MISSING\s+dmslab\.documents/);
      assert.match(result.stdout, /4 tables: 0 match, 4 mismatch/);
    });
  });
});
