// The Oracle and SQL Server preflight checks fed with rows: the values are those the DMS User Guide
// names as the outcomes of its own queries (CHAP_Source.Oracle.md: log_mode ARCHIVELOG /
// NOARCHIVELOG, supplemental_log_data_min YES / IMPLICIT; CHAP_Source.SQLServer.md: recovery model
// Full / Bulk logged, is_cdc_enabled after rds_cdc_enable_db). No live server runs them.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { type CliContextLike, registerPreflightCommand } from "./commands.js";
import { commercialQueries, oracleChecks, sqlServerChecks } from "./commercial-checks.js";

const status = (checks: ReturnType<typeof oracleChecks>) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe("preflight checks for an Oracle source (rows as the guide's queries return them)", () => {
  const ready = {
    database: [
      {
        LOG_MODE: "ARCHIVELOG",
        SUPPLEMENTAL_LOG_DATA_MIN: "YES",
        SUPPLEMENTAL_LOG_DATA_PK: "YES",
        SUPPLEMENTAL_LOG_DATA_ALL: "NO",
      },
    ],
    version: [{ VERSION: "19.0.0.0.0" }],
    privileges: [{ PRIVILEGE: "CREATE SESSION" }, { PRIVILEGE: "SELECT ANY TRANSACTION" }, { PRIVILEGE: "LOGMINING" }],
    unsupported: [],
  };

  it("passes an ARCHIVELOG database with supplemental logging and the LogMiner privileges", () => {
    const checks = oracleChecks(ready, { hosting: "self-managed", migrationType: "full-load-and-cdc" });
    assert.deepEqual(status(checks), {
      "archive-log-mode": "pass",
      "supplemental-logging": "pass",
      "supplemental-logging-keys": "pass",
      privileges: "pass",
      unsupported: "pass",
    });
  });

  it("fails NOARCHIVELOG and no supplemental logging, with the statements that fix them", () => {
    const checks = oracleChecks(
      {
        ...ready,
        database: [{ log_mode: "NOARCHIVELOG", supplemental_log_data_min: "NO", supplemental_log_data_pk: "NO" }],
      },
      { hosting: "self-managed", migrationType: "cdc" },
    );
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    assert.equal(byId["archive-log-mode"]?.status, "fail");
    assert.match(byId["archive-log-mode"]?.fix ?? "", /ALTER DATABASE ARCHIVELOG/);
    assert.equal(byId["supplemental-logging"]?.status, "fail");
    assert.equal(byId["supplemental-logging"]?.fix, "ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;");
    assert.equal(byId["supplemental-logging-keys"]?.status, "warn");
  });

  it("accepts IMPLICIT minimal logging, and on RDS gives the rdsadmin procedures and checks log retention", () => {
    const checks = oracleChecks(
      {
        ...ready,
        database: [{ LOG_MODE: "ARCHIVELOG", SUPPLEMENTAL_LOG_DATA_MIN: "IMPLICIT", SUPPLEMENTAL_LOG_DATA_PK: "NO" }],
        "archivelog-retention": [{ NAME: "archivelog retention hours", VALUE: "0" }],
      },
      { hosting: "rds", migrationType: "full-load-and-cdc" },
    );
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    assert.equal(byId["supplemental-logging"]?.status, "pass");
    assert.equal(
      byId["supplemental-logging-keys"]?.fix,
      "exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD', 'PRIMARY KEY');",
    );
    assert.equal(byId["archivelog-retention"]?.status, "warn");
    assert.match(byId["archivelog-retention"]?.fix ?? "", /set_configuration\('archivelog retention hours', 24\)/);
  });

  it("asks LOGMINING only of LogMiner on 12c and later, and only for CDC", () => {
    const without = { ...ready, privileges: ready.privileges.filter((p) => p.PRIVILEGE !== "LOGMINING") };
    const missing = oracleChecks(without, { hosting: "self-managed", migrationType: "cdc" });
    assert.match(missing.find((c) => c.id === "privileges")?.reason ?? "", /lacks LOGMINING/);
    const binary = oracleChecks(without, { hosting: "self-managed", migrationType: "cdc", reader: "binary-reader" });
    assert.equal(binary.find((c) => c.id === "privileges")?.status, "pass");
    const fullLoad = oracleChecks(
      { privileges: without.privileges, unsupported: [] },
      { hosting: "self-managed", migrationType: "full-load" },
    );
    assert.deepEqual(status(fullLoad), { privileges: "pass", unsupported: "pass" });
  });

  it("warns of columns DMS replicates as null, naming each with its type (the guide's list)", () => {
    const checks = oracleChecks(
      {
        ...ready,
        unsupported: [
          { OWNER: "CLAIMS", TABLE_NAME: "DOCUMENT", COLUMN_NAME: "SCAN", REASON: "BFILE" },
          { OWNER: "CLAIMS", TABLE_NAME: "CLAIM", COLUMN_NAME: "TOTAL", REASON: "virtual column" },
        ],
      },
      { hosting: "self-managed", migrationType: "full-load" },
    );
    const check = checks.find((c) => c.id === "unsupported");
    assert.equal(check?.status, "warn");
    assert.equal(
      check?.reason,
      "CLAIMS.DOCUMENT.SCAN (BFILE), CLAIMS.CLAIM.TOTAL (virtual column): DMS does not replicate these columns (they arrive as null)",
    );
    assert.match(check?.docs ?? "", /CHAP_Source\.Oracle\.DataTypes$/);
  });

  it("warns of a query it has no rows for, with the query to run", () => {
    const checks = oracleChecks({ privileges: ready.privileges }, { hosting: "self-managed", migrationType: "cdc" });
    const missing = checks.find((c) => c.id === "query:database");
    assert.equal(missing?.status, "warn");
    assert.match(missing?.fix ?? "", /SELECT log_mode, supplemental_log_data_min/);
  });
});

describe("preflight checks for a SQL Server source", () => {
  const options = { hosting: "rds" as const, migrationType: "full-load-and-cdc" as const, database: "claims" };

  it("passes an RDS database in FULL recovery with MS-CDC on every table and a db_owner user", () => {
    const checks = sqlServerChecks(
      {
        database: [{ name: "claims", recovery_model_desc: "FULL", is_cdc_enabled: true, is_published: false }],
        membership: [{ is_db_owner: 1, is_sysadmin: 0 }],
        tables: [{ schema_name: "dbo", table_name: "claim", is_tracked_by_cdc: true, has_primary_key: 1 }],
        unsupported: [],
        // The guide's own value, set with sys.sp_cdc_change_job (CHAP_Source.SQLServer.md, cloud SQL Server).
        "capture-job": [{ job_type: "capture", maxtrans: 500, maxscans: 10, pollinginterval: 86399 }],
      },
      options,
    );
    assert.deepEqual(status(checks), {
      "recovery-model": "pass",
      "ms-cdc": "pass",
      membership: "pass",
      "cdc-tables": "pass",
      unsupported: "pass",
      "capture-job": "pass",
    });
  });

  it("fails SIMPLE recovery, MS-CDC off on RDS and an untracked table, naming it", () => {
    const checks = sqlServerChecks(
      {
        database: [{ name: "claims", recovery_model_desc: "SIMPLE", is_cdc_enabled: false, is_published: false }],
        membership: [{ is_db_owner: 0, is_sysadmin: 0 }],
        tables: [{ schema_name: "dbo", table_name: "note", is_tracked_by_cdc: false, has_primary_key: 1 }],
      },
      options,
    );
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    assert.equal(byId["recovery-model"]?.status, "fail");
    assert.equal(byId["ms-cdc"]?.fix, "exec msdb.dbo.rds_cdc_enable_db 'claims'; (as the master user)");
    assert.equal(byId.membership?.status, "fail");
    assert.match(byId["cdc-tables"]?.reason ?? "", /^dbo\.note: not tracked by MS-CDC/);
  });

  it("accepts BULK_LOGGED and MS-Replication when self-managed, and fails a table with no key and no MS-CDC", () => {
    const checks = sqlServerChecks(
      {
        database: [{ name: "claims", recovery_model_desc: "BULK_LOGGED", is_cdc_enabled: 0, is_published: 1 }],
        membership: [{ is_db_owner: 0, is_sysadmin: 1 }],
        "full-backup": [{ last_full_backup: null }],
        tables: [
          { schema_name: "dbo", table_name: "claim", is_tracked_by_cdc: 0, has_primary_key: 1 },
          { schema_name: "dbo", table_name: "audit_log", is_tracked_by_cdc: 0, has_primary_key: 0 },
        ],
      },
      { ...options, hosting: "self-managed" },
    );
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    assert.equal(byId["recovery-model"]?.status, "pass");
    assert.equal(byId["ms-cdc"]?.status, "pass");
    assert.equal(byId["full-backup"]?.status, "fail");
    assert.match(byId["cdc-tables"]?.reason ?? "", /^dbo\.audit_log: no primary key/);
  });

  it("warns of tables DMS cannot read and of a capture job polling every 5 seconds, with the guide's fix", () => {
    const checks = sqlServerChecks(
      {
        unsupported: [
          { schema_name: "dbo", table_name: "settings", reason: "value (sql_variant)" },
          { schema_name: "sales", table_name: "facts", reason: "cci_facts (columnstore index)" },
        ],
        // sp_cdc_help_jobs right after rds_cdc_enable_db: SQL Server's default polling interval, 5 seconds.
        "capture-job": [
          { job_type: "capture", pollinginterval: 5 },
          { job_type: "cleanup", pollinginterval: 0 },
        ],
      },
      options,
    );
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    assert.equal(byId.unsupported?.status, "warn");
    assert.match(
      byId.unsupported?.reason ?? "",
      /^dbo\.settings: value \(sql_variant\); sales\.facts: cci_facts \(columnstore index\): DMS does not migrate/,
    );
    assert.equal(byId["capture-job"]?.status, "warn");
    assert.match(byId["capture-job"]?.reason ?? "", /polls every 5 seconds.*86399, one day/);
    assert.match(
      byId["capture-job"]?.fix ?? "",
      /@pollinginterval = 86399.*rds_set_configuration 'cdc_capture_pollinginterval', 86399/,
    );
    // Self-managed, or full load only: no capture-job query and no check.
    const selfManaged = sqlServerChecks({ unsupported: [] }, { ...options, hosting: "self-managed" });
    assert.equal(
      selfManaged.find((c) => c.id.endsWith("capture-job")),
      undefined,
    );
  });

  it("names the queries per hosting: no backup query on RDS, the database quoted", () => {
    const rds = commercialQueries("sqlserver", options).map((q) => q.id);
    assert.deepEqual(rds, ["database", "membership", "tables", "unsupported", "capture-job"]);
    assert.deepEqual(
      commercialQueries("sqlserver", { ...options, migrationType: "full-load" }).map((q) => q.id),
      ["database", "membership", "unsupported"],
    );
    const selfManaged = commercialQueries("sqlserver", { ...options, hosting: "self-managed", database: "o'brien" });
    assert.match(selfManaged.find((q) => q.id === "full-backup")?.sql ?? "", /database_name = N'o''brien'/);
  });
});

describe("dms-platform preflight --engine (no driver)", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "commercial-preflight-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const context: CliContextLike = {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
      cwd: dir,
    };
    const program = new Command("dms-platform").exitOverride().configureOutput({
      writeOut: (s) => {
        stdout += s;
      },
      writeErr: (s) => {
        stderr += s;
      },
    });
    registerPreflightCommand(program, context);
    try {
      await program.parseAsync(["node", "dms-platform", "preflight", ...args]);
      return { code: context.exitCode ?? 0, stdout, stderr };
    } catch (error) {
      if (!(error instanceof CommanderError)) throw error;
      return { code: error.exitCode, stdout, stderr };
    }
  }

  it("prints the queries to run for an RDS for Oracle source", async () => {
    const result = await run(["--engine", "oracle", "--hosting", "rds", "--queries"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /-- database: archive log mode/);
    assert.match(result.stdout, /rdsadmin\.rds_configuration/);
  });

  it("judges saved rows, exit 1 on a failed check", async () => {
    writeFileSync(
      join(dir, "rows.json"),
      JSON.stringify({
        database: [{ name: "claims", recovery_model_desc: "SIMPLE", is_cdc_enabled: 1, is_published: 0 }],
        membership: [{ is_db_owner: 1, is_sysadmin: 0 }],
        tables: [],
        unsupported: [],
        "capture-job": [{ job_type: "capture", pollinginterval: 86399 }],
      }),
    );
    const result = await run([
      "--engine",
      "sqlserver",
      "--hosting",
      "rds",
      "--database",
      "claims",
      "--results",
      "rows.json",
    ]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /FAIL {2}recovery model: the recovery model is SIMPLE/);
    assert.match(result.stdout, /\d+ passed, 0 warnings, 1 failed/);
  });

  it("refuses rows that are not a JSON object of row lists, exit 2", async () => {
    writeFileSync(join(dir, "bad.json"), JSON.stringify([{ LOG_MODE: "ARCHIVELOG" }]));
    const result = await run(["--engine", "oracle", "--results", "bad.json"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /preflight: --results bad\.json: must be \{ "<query id>"/);
  });
});
