/**
 * Preflight for Oracle and SQL Server sources, without a driver: the CLI prints the queries, the
 * operator runs them (SQL*Plus, sqlcmd, SSMS) as the DMS user and saves the rows as JSON
 * (`{ "<query id>": [ { "<column>": value, … } ] }`), and these pure functions judge the rows.
 *
 * Why no driver: node-oracledb (thin mode) and tedious/mssql would be the CLI's only dependencies
 * with their own protocol stacks (TLS, Kerberos, wallets), for servers the project cannot test
 * against (no Oracle or SQL Server in CI). Judging pasted rows keeps every check testable from the
 * guide's examples and lets a DBA run the queries on a host that already reaches the database.
 * Untested against a live server (docs/heterogeneous.md).
 *
 * Sources: the DMS User Guide (awsdocs/aws-dms-user-guide, doc_source at 81be26a0):
 * CHAP_Source.Oracle.md ("Making sure that ARCHIVELOG mode is on", "Setting up supplemental
 * logging", "User account privileges required on a self-managed Oracle source", "Configuring an
 * AWS-managed Oracle source") and CHAP_Source.SQLServer.md ("Prerequisites for using ongoing
 * replication (CDC) from a SQL Server source", "Setting up ongoing replication on a cloud SQL Server
 * DB instance", "Permissions for full load only tasks").
 */
import type { CheckStatus, MigrationType, PreflightCheck } from "./preflight-model.js";

export const COMMERCIAL_SOURCE_ENGINES = ["oracle", "sqlserver"] as const;
export type CommercialSourceEngine = (typeof COMMERCIAL_SOURCE_ENGINES)[number];
export type SourceHosting = "self-managed" | "rds";

/** One query the operator runs, and which of the checks read its rows. */
export interface CommercialQuery {
  id: string;
  /** What it reads, for the printed list. */
  title: string;
  sql: string;
  /** Run only where this holds (RDS-only, self-managed-only, CDC-only). */
  when?: { hosting?: SourceHosting; cdc?: boolean };
}

const GUIDE = "https://docs.aws.amazon.com/dms/latest/userguide";
export const COMMERCIAL_DOCS = {
  oracleArchiveLog: `${GUIDE}/CHAP_Source.Oracle.html#CHAP_Source.Oracle.Self-Managed.Configuration.ArchiveLogMode`,
  oracleSupplemental: `${GUIDE}/CHAP_Source.Oracle.html#CHAP_Source.Oracle.Self-Managed.Configuration.SupplementalLogging`,
  oraclePrivileges: `${GUIDE}/CHAP_Source.Oracle.html#CHAP_Source.Oracle.Self-Managed.Privileges`,
  oracleRds: `${GUIDE}/CHAP_Source.Oracle.html#CHAP_Source.Oracle.Amazon-Managed`,
  oracleDataTypes: `${GUIDE}/CHAP_Source.Oracle.html#CHAP_Source.Oracle.DataTypes`,
  sqlServerCdc: `${GUIDE}/CHAP_Source.SQLServer.html#CHAP_Source.SQLServer.Prerequisites`,
  sqlServerRds: `${GUIDE}/CHAP_Source.SQLServer.html#CHAP_Source.SQLServer.Configuration`,
  sqlServerPermissions: `${GUIDE}/CHAP_Source.SQLServer.html#CHAP_Source.SQLServer.Permissions`,
  sqlServerLimitations: `${GUIDE}/CHAP_Source.SQLServer.html#CHAP_Source.SQLServer.Limitations`,
} as const;

/** The queries for an engine, filtered to those the hosting and migration type need. */
export function commercialQueries(
  engine: CommercialSourceEngine,
  options: { hosting: SourceHosting; migrationType: MigrationType; database?: string },
): CommercialQuery[] {
  const cdc = options.migrationType !== "full-load";
  const all = engine === "oracle" ? ORACLE_QUERIES : sqlServerQueries(options.database ?? "<database>");
  return all.filter(
    (q) =>
      (q.when?.hosting === undefined || q.when.hosting === options.hosting) &&
      (q.when?.cdc === undefined || q.when.cdc === cdc),
  );
}

const ORACLE_QUERIES: CommercialQuery[] = [
  {
    id: "database",
    title: "archive log mode and database-level supplemental logging",
    sql: "SELECT log_mode, supplemental_log_data_min, supplemental_log_data_pk, supplemental_log_data_all FROM v$database;",
    when: { cdc: true },
  },
  {
    id: "version",
    title: "the Oracle version (LOGMINING is a privilege from 12c)",
    sql: "SELECT version FROM v$instance;",
  },
  {
    id: "privileges",
    title: "the DMS user's system privileges (run as the DMS user)",
    sql: "SELECT privilege FROM session_privs;",
  },
  {
    id: "archivelog-retention",
    title: "how long RDS keeps archived redo logs",
    sql: "SELECT name, value FROM rdsadmin.rds_configuration WHERE name = 'archivelog retention hours';",
    when: { hosting: "rds", cdc: true },
  },
  // CHAP_Source.Oracle.md, source data types: "columns of the following data types aren't supported
  // and can't be replicated. Replicating columns with these data types result in a null column":
  // BFILE, ROWID, REF, UROWID, user-defined data types, ANYDATA, VARRAY (a user-defined type); and
  // "Virtual columns aren't supported". User schemas only (ALL_USERS.ORACLE_MAINTAINED, 12c and later).
  {
    id: "unsupported",
    title: "columns DMS replicates as null: BFILE, ROWID, UROWID, REF, ANYDATA, user-defined types, virtual columns",
    sql: "SELECT c.owner, c.table_name, c.column_name, CASE WHEN c.virtual_column = 'YES' THEN 'virtual column' WHEN c.data_type_mod = 'REF' THEN 'REF' WHEN c.data_type IN ('BFILE', 'ROWID', 'UROWID', 'ANYDATA') THEN c.data_type ELSE 'user-defined type ' || c.data_type END AS reason FROM all_tab_cols c JOIN all_tables t ON t.owner = c.owner AND t.table_name = c.table_name WHERE c.hidden_column = 'NO' AND c.owner IN (SELECT username FROM all_users WHERE oracle_maintained = 'N') AND (c.virtual_column = 'YES' OR c.data_type_mod = 'REF' OR c.data_type IN ('BFILE', 'ROWID', 'UROWID', 'ANYDATA') OR c.data_type_owner IN (SELECT username FROM all_users WHERE oracle_maintained = 'N'));",
  },
];

function sqlServerQueries(database: string): CommercialQuery[] {
  const name = database.replace(/'/g, "''");
  return [
    {
      id: "database",
      title: "recovery model, MS-CDC and publication of the source database",
      sql: `SELECT name, recovery_model_desc, is_cdc_enabled, is_published FROM sys.databases WHERE name = N'${name}';`,
    },
    {
      id: "membership",
      title: "the DMS user's roles (run as the DMS user, in the source database)",
      sql: "SELECT IS_ROLEMEMBER('db_owner') AS is_db_owner, IS_SRVROLEMEMBER('sysadmin') AS is_sysadmin;",
    },
    {
      id: "full-backup",
      title: "the last full backup of the source database",
      sql: `SELECT MAX(backup_finish_date) AS last_full_backup FROM msdb.dbo.backupset WHERE database_name = N'${name}' AND type = 'D';`,
      when: { hosting: "self-managed", cdc: true },
    },
    {
      id: "tables",
      title: "each table's primary key and MS-CDC tracking (run in the source database)",
      sql: "SELECT s.name AS schema_name, t.name AS table_name, t.is_tracked_by_cdc, OBJECTPROPERTY(t.object_id, 'TableHasPrimaryKey') AS has_primary_key FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id;",
      when: { cdc: true },
    },
    // CHAP_Source.SQLServer.md: "AWS DMS doesn't support tables that include fields with the following
    // data types: CURSOR, SQL_VARIANT, TABLE" (only SQL_VARIANT can be a table column; a user-defined
    // type counts as its base type, hence system_type_id), and, under Limitations, sparse tables and
    // columnstore indexes. Catalog views of SQL Server 2008 and later.
    {
      id: "unsupported",
      title:
        "columns and indexes DMS does not read: sql_variant, sparse columns, columnstore indexes (run in the source database)",
      sql: "SELECT s.name AS schema_name, t.name AS table_name, c.name + ' (sql_variant)' AS reason FROM sys.columns c JOIN sys.tables t ON t.object_id = c.object_id JOIN sys.schemas s ON s.schema_id = t.schema_id JOIN sys.types ty ON ty.user_type_id = c.system_type_id WHERE ty.name = 'sql_variant' UNION ALL SELECT s.name, t.name, c.name + ' (sparse column)' FROM sys.columns c JOIN sys.tables t ON t.object_id = c.object_id JOIN sys.schemas s ON s.schema_id = t.schema_id WHERE c.is_sparse = 1 UNION ALL SELECT s.name, t.name, COALESCE(i.name, 'unnamed') + ' (columnstore index)' FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id JOIN sys.schemas s ON s.schema_id = t.schema_id WHERE i.type IN (5, 6);",
    },
    // CHAP_Source.SQLServer.md, "Setting up ongoing replication on a cloud SQL Server DB instance": the
    // capture job's polling interval keeps changes in the log for DMS (86399 seconds, one day).
    {
      id: "capture-job",
      title: "the MS-CDC capture job's polling interval (run in the source database)",
      sql: "EXEC sys.sp_cdc_help_jobs;",
      when: { hosting: "rds", cdc: true },
    },
  ];
}

/** Rows as the operator saved them: column names in any case (Oracle prints them upper-case). */
export type QueryRows = Readonly<Record<string, ReadonlyArray<Readonly<Record<string, unknown>>>>>;

/** A column of a row, whatever the case of its name. */
function column(row: Readonly<Record<string, unknown>> | undefined, name: string): unknown {
  if (!row) return undefined;
  const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : row[key];
}
const str = (v: unknown) => (v === null || v === undefined ? "" : String(v)).trim();
/** SQL Server bits and Oracle YES/NO as a boolean. */
const truthy = (v: unknown) => v === true || v === 1 || ["1", "true", "yes"].includes(str(v).toLowerCase());

function missing(query: CommercialQuery): PreflightCheck {
  return {
    id: `query:${query.id}`,
    title: query.title,
    status: "warn",
    reason: `no rows for query "${query.id}" in the results, so this was not checked`,
    fix: `run it and add its rows under "${query.id}": ${query.sql}`,
  };
}

/**
 * Judge an Oracle source from the rows of the ORACLE_QUERIES. `reader`: DMS's default LogMiner, or
 * Binary Reader (its directory grants are listed in the guide; not read here).
 */
export function oracleChecks(
  rows: QueryRows,
  options: { hosting: SourceHosting; migrationType: MigrationType; reader?: "logminer" | "binary-reader" },
): PreflightCheck[] {
  const queries = commercialQueries("oracle", options);
  const checks: PreflightCheck[] = [];
  const cdc = options.migrationType !== "full-load";
  const q = (id: string) => queries.find((x) => x.id === id) as CommercialQuery;
  if (cdc) {
    const db = rows.database?.[0];
    if (!db) checks.push(missing(q("database")));
    else {
      const logMode = str(column(db, "log_mode")).toUpperCase();
      checks.push(
        logMode === "ARCHIVELOG"
          ? {
              id: "archive-log-mode",
              title: "ARCHIVELOG mode",
              status: "pass",
              reason: "the database runs in ARCHIVELOG mode.",
            }
          : {
              id: "archive-log-mode",
              title: "ARCHIVELOG mode",
              status: "fail",
              reason: `log_mode is ${logMode || "empty"}: DMS CDC reads archived redo logs, which a NOARCHIVELOG database does not keep`,
              fix:
                options.hosting === "rds"
                  ? "turn on automated backups (backup retention of at least 1 day): RDS runs Oracle in ARCHIVELOG mode only then"
                  : "SHUTDOWN IMMEDIATE; STARTUP MOUNT; ALTER DATABASE ARCHIVELOG; ALTER DATABASE OPEN;",
              docs: options.hosting === "rds" ? COMMERCIAL_DOCS.oracleRds : COMMERCIAL_DOCS.oracleArchiveLog,
            },
      );
      const minimal = str(column(db, "supplemental_log_data_min")).toUpperCase();
      checks.push(
        minimal === "YES" || minimal === "IMPLICIT"
          ? {
              id: "supplemental-logging",
              title: "database-level supplemental logging",
              status: "pass",
              reason: `supplemental_log_data_min is ${minimal}.`,
            }
          : {
              id: "supplemental-logging",
              title: "database-level supplemental logging",
              status: "fail",
              reason: `supplemental_log_data_min is ${minimal || "empty"}; DMS needs YES or IMPLICIT to read changes`,
              fix:
                options.hosting === "rds"
                  ? "exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD');"
                  : "ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;",
              docs: COMMERCIAL_DOCS.oracleSupplemental,
            },
      );
      const pk = truthy(column(db, "supplemental_log_data_pk")) || truthy(column(db, "supplemental_log_data_all"));
      checks.push(
        pk
          ? {
              id: "supplemental-logging-keys",
              title: "primary-key supplemental logging",
              status: "pass",
              reason: "PRIMARY KEY (or ALL) columns are logged for every table at database level.",
            }
          : {
              id: "supplemental-logging-keys",
              title: "primary-key supplemental logging",
              status: "warn",
              reason:
                "no database-level PRIMARY KEY logging: each replicated table needs it at table level, which DMS adds itself when its user may ALTER the table (addSupplementalLogging); tables without a primary key need their unique index's columns logged",
              fix:
                options.hosting === "rds"
                  ? "exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD', 'PRIMARY KEY');"
                  : "ALTER DATABASE ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS; or per table: ALTER TABLE <table> ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS;",
              docs: COMMERCIAL_DOCS.oracleSupplemental,
            },
      );
    }
  }
  const privileges = rows.privileges;
  if (!privileges) checks.push(missing(q("privileges")));
  else {
    const held = new Set(privileges.map((r) => str(column(r, "privilege")).toUpperCase()));
    const version = rows.version?.[0] ? Number.parseInt(str(column(rows.version[0], "version")), 10) : undefined;
    const needed = ["CREATE SESSION", "SELECT ANY TRANSACTION"];
    // GRANT LOGMINING: "Required only if the Oracle version is 12c or higher" (LogMiner only).
    if (cdc && (options.reader ?? "logminer") === "logminer" && (version === undefined || version >= 12)) {
      needed.push("LOGMINING");
    }
    const lacking = needed.filter((p) => !held.has(p));
    checks.push(
      lacking.length === 0
        ? {
            id: "privileges",
            title: "DMS user's system privileges",
            status: "pass",
            reason: `holds ${needed.join(", ")}.`,
          }
        : {
            id: "privileges",
            title: "DMS user's system privileges",
            status: "fail",
            reason: `the DMS user lacks ${lacking.join(", ")}${version === undefined && lacking.includes("LOGMINING") ? " (no version rows: LOGMINING assumed needed, as on 12c and later)" : ""}`,
            fix:
              options.hosting === "rds"
                ? lacking.map((p) => `GRANT ${p} TO <dms_user>;`).join(" ") +
                  " (as the master user; object grants through rdsadmin.rdsadmin_util.grant_sys_object)"
                : lacking.map((p) => `GRANT ${p} TO <dms_user>;`).join(" "),
            docs: options.hosting === "rds" ? COMMERCIAL_DOCS.oracleRds : COMMERCIAL_DOCS.oraclePrivileges,
          },
    );
  }
  if (cdc && options.hosting === "rds") {
    const row = rows["archivelog-retention"]?.[0];
    if (!rows["archivelog-retention"]) checks.push(missing(q("archivelog-retention")));
    else {
      const hours = Number(str(column(row, "value")));
      checks.push(
        Number.isFinite(hours) && hours >= 24
          ? {
              id: "archivelog-retention",
              title: "archived log retention",
              status: "pass",
              reason: `RDS keeps archived redo logs ${hours} hours.`,
            }
          : {
              id: "archivelog-retention",
              title: "archived log retention",
              status: "warn",
              reason: `archivelog retention hours is ${row ? str(column(row, "value")) || "unset" : "unset"}: RDS may purge redo logs before DMS reads them after a pause or a lag (the guide's example keeps 24 hours)`,
              fix: "exec rdsadmin.rdsadmin_util.set_configuration('archivelog retention hours', 24); commit;",
              docs: COMMERCIAL_DOCS.oracleRds,
            },
      );
    }
  }
  checks.push(oracleColumnCheck(rows, q("unsupported")));
  return checks;
}

/** Columns DMS replicates as null: a warning naming each (the query reads every user schema, selected or not). */
function oracleColumnCheck(rows: QueryRows, query: CommercialQuery): PreflightCheck {
  const found = rows.unsupported;
  if (!found) return missing(query);
  const title = "columns DMS replicates";
  if (found.length === 0) {
    return { id: "unsupported", title, status: "pass", reason: "no column of a type DMS replicates as null." };
  }
  const listed = found.map(
    (r) =>
      `${str(column(r, "owner"))}.${str(column(r, "table_name"))}.${str(column(r, "column_name"))} (${str(column(r, "reason"))})`,
  );
  return {
    id: "unsupported",
    title,
    status: "warn",
    reason: `${listed.join(", ")}: DMS does not replicate these columns (they arrive as null)`,
    fix: "leave the columns out (removeColumn) or convert them on the source (for example a virtual column into a target-side computed one, a BFILE into a BLOB) before the migration",
    docs: COMMERCIAL_DOCS.oracleDataTypes,
  };
}

/** Judge a SQL Server source from the rows of its queries. */
export function sqlServerChecks(
  rows: QueryRows,
  options: { hosting: SourceHosting; migrationType: MigrationType; database: string },
): PreflightCheck[] {
  const queries = commercialQueries("sqlserver", options);
  const q = (id: string) => queries.find((x) => x.id === id) as CommercialQuery;
  const cdc = options.migrationType !== "full-load";
  const rds = options.hosting === "rds";
  const checks: PreflightCheck[] = [];
  const db = rows.database;
  if (!db) checks.push(missing(q("database")));
  else if (db.length === 0) {
    checks.push({
      id: "database",
      title: "source database",
      status: "fail",
      reason: `sys.databases has no database named ${options.database}`,
      fix: "check migration.source.databaseName (SQL Server names are case-insensitive under the default collation)",
    });
  } else if (cdc) {
    const row = db[0];
    const model = str(column(row, "recovery_model_desc")).toUpperCase();
    checks.push(
      model === "FULL" || model === "BULK_LOGGED"
        ? { id: "recovery-model", title: "recovery model", status: "pass", reason: `the recovery model is ${model}.` }
        : {
            id: "recovery-model",
            title: "recovery model",
            status: "fail",
            reason: `the recovery model is ${model || "empty"}; CDC needs FULL or BULK_LOGGED (a SIMPLE database truncates the log DMS reads)`,
            fix: rds
              ? "turn on automated backups: RDS sets the FULL recovery model with a backup retention of 1 day or more"
              : `ALTER DATABASE [${options.database}] SET RECOVERY FULL; then take a full backup`,
            docs: COMMERCIAL_DOCS.sqlServerCdc,
          },
    );
    const cdcOn = truthy(column(row, "is_cdc_enabled"));
    const published = truthy(column(row, "is_published"));
    if (rds) {
      checks.push(
        cdcOn
          ? { id: "ms-cdc", title: "MS-CDC on the database", status: "pass", reason: "is_cdc_enabled is 1." }
          : {
              id: "ms-cdc",
              title: "MS-CDC on the database",
              status: "fail",
              reason:
                "MS-CDC is off: RDS grants no sysadmin for MS-Replication, so DMS reads RDS for SQL Server through MS-CDC only",
              fix: `exec msdb.dbo.rds_cdc_enable_db '${options.database}'; (as the master user)`,
              docs: COMMERCIAL_DOCS.sqlServerRds,
            },
      );
    } else {
      checks.push(
        cdcOn || published
          ? {
              id: "ms-cdc",
              title: "MS-Replication or MS-CDC",
              status: "pass",
              reason: `${[published ? "published (MS-Replication)" : "", cdcOn ? "MS-CDC on" : ""].filter(Boolean).join(", ")}.`,
            }
          : {
              id: "ms-cdc",
              title: "MS-Replication or MS-CDC",
              status: "warn",
              reason:
                "neither published nor MS-CDC: DMS creates the publication itself only when its user is sysadmin and the distribution is configured",
              fix: "configure the distribution and give DMS a sysadmin user, or exec sys.sp_cdc_enable_db; and sys.sp_cdc_enable_table per table",
              docs: COMMERCIAL_DOCS.sqlServerCdc,
            },
      );
    }
  }
  const member = rows.membership?.[0];
  if (!rows.membership) checks.push(missing(q("membership")));
  else {
    const owner = truthy(column(member, "is_db_owner")) || truthy(column(member, "is_sysadmin"));
    checks.push(
      owner
        ? {
            id: "membership",
            title: "DMS user's role",
            status: "pass",
            reason: "the DMS user is db_owner (or sysadmin).",
          }
        : {
            id: "membership",
            title: "DMS user's role",
            status: "fail",
            reason: "the DMS user is not db_owner of the source database, the least role the guide asks for",
            fix: `USE [${options.database}]; ALTER ROLE [db_owner] ADD MEMBER [<dms_user>];`,
            docs: COMMERCIAL_DOCS.sqlServerPermissions,
          },
    );
  }
  if (cdc && !rds) {
    if (!rows["full-backup"]) checks.push(missing(q("full-backup")));
    else {
      const last = str(column(rows["full-backup"][0], "last_full_backup"));
      checks.push(
        last
          ? {
              id: "full-backup",
              title: "full backup",
              status: "pass",
              reason: `the last full backup finished ${last}.`,
            }
          : {
              id: "full-backup",
              title: "full backup",
              status: "fail",
              reason: "no full backup of the database: SQL Server must be backed up before DMS replicates it",
              fix: `BACKUP DATABASE [${options.database}] TO DISK = N'<path>';`,
              docs: COMMERCIAL_DOCS.sqlServerCdc,
            },
      );
    }
  }
  if (cdc) {
    const tables = rows.tables;
    if (!tables) checks.push(missing(q("tables")));
    else {
      const name = (r: Readonly<Record<string, unknown>>) =>
        `${str(column(r, "schema_name"))}.${str(column(r, "table_name"))}`;
      // MS-CDC on RDS covers only tracked tables; self-managed, MS-Replication covers tables with a
      // primary key, and a table without one needs MS-CDC.
      const uncovered = tables.filter(
        (r) => !truthy(column(r, "is_tracked_by_cdc")) && (rds || !truthy(column(r, "has_primary_key"))),
      );
      checks.push(
        uncovered.length === 0
          ? {
              id: "cdc-tables",
              title: "tables captured",
              status: "pass",
              reason: `${tables.length} table${tables.length === 1 ? "" : "s"} captured (${rds ? "MS-CDC" : "a primary key or MS-CDC"}).`,
            }
          : {
              id: "cdc-tables",
              title: "tables captured",
              status: "fail",
              reason: `${uncovered.map(name).join(", ")}: ${rds ? "not tracked by MS-CDC" : "no primary key and not tracked by MS-CDC"}, so DMS captures no change of ${uncovered.length === 1 ? "it" : "them"}`,
              fix: "exec sys.sp_cdc_enable_table @source_schema = N'<schema>', @source_name = N'<table>', @role_name = NULL; per table",
              docs: rds ? COMMERCIAL_DOCS.sqlServerRds : COMMERCIAL_DOCS.sqlServerCdc,
            },
      );
    }
  }
  checks.push(...sqlServerTableChecks(rows, q("unsupported")));
  if (cdc && rds) checks.push(captureJobCheck(rows, q("capture-job")));
  return checks;
}

/** Tables DMS skips or cannot read: a warning naming each, as the query reads every table, selected or not. */
function sqlServerTableChecks(rows: QueryRows, query: CommercialQuery): PreflightCheck[] {
  const found = rows.unsupported;
  if (!found) return [missing(query)];
  if (found.length === 0) {
    return [
      {
        id: "unsupported",
        title: "columns and indexes DMS reads",
        status: "pass",
        reason: "no sql_variant or sparse column and no columnstore index.",
      },
    ];
  }
  const listed = found.map(
    (r) => `${str(column(r, "schema_name"))}.${str(column(r, "table_name"))}: ${str(column(r, "reason"))}`,
  );
  return [
    {
      id: "unsupported",
      title: "columns and indexes DMS reads",
      status: "warn",
      reason: `${listed.join("; ")}: DMS does not migrate tables with sql_variant columns and does not support sparse columns or columnstore indexes`,
      fix: "leave these tables out of the task's selection rules, or change the column types (or drop the index) before the migration",
      docs: COMMERCIAL_DOCS.sqlServerLimitations,
    },
  ];
}

/** The guide's polling interval for the capture job of an RDS for SQL Server source (one day). */
const CAPTURE_POLLING_INTERVAL = 86399;

function captureJobCheck(rows: QueryRows, query: CommercialQuery): PreflightCheck {
  const jobs = rows["capture-job"];
  if (!jobs) return missing(query);
  const capture = jobs.find((r) => str(column(r, "job_type")).toLowerCase() === "capture");
  const title = "MS-CDC capture job";
  const fix = `EXEC sys.sp_cdc_change_job @job_type = 'capture', @pollinginterval = ${CAPTURE_POLLING_INTERVAL}; EXEC sp_cdc_stop_job 'capture'; EXEC sp_cdc_start_job 'capture'; with Multi-AZ also exec rdsadmin..rds_set_configuration 'cdc_capture_pollinginterval', ${CAPTURE_POLLING_INTERVAL};`;
  if (!capture) {
    return {
      id: "capture-job",
      title,
      status: "warn",
      reason:
        "sp_cdc_help_jobs lists no capture job: MS-CDC is not on for this database (msdb.dbo.rds_cdc_enable_db creates it)",
      fix,
      docs: COMMERCIAL_DOCS.sqlServerRds,
    };
  }
  const interval = Number(str(column(capture, "pollinginterval")));
  if (Number.isFinite(interval) && interval >= CAPTURE_POLLING_INTERVAL) {
    return { id: "capture-job", title, status: "pass", reason: `the capture job polls every ${interval} seconds.` };
  }
  return {
    id: "capture-job",
    title,
    status: "warn",
    reason: `the capture job polls every ${str(column(capture, "pollinginterval")) || "?"} seconds, and the transaction log keeps changes for DMS about that long (the guide sets ${CAPTURE_POLLING_INTERVAL}, one day; some SQL Server versions reset a value above 3599 to 5: check it after the change, Microsoft KB4459220)`,
    fix,
    docs: COMMERCIAL_DOCS.sqlServerRds,
  };
}

/** The summary and verdict of a list of checks. */
export function summarize(checks: readonly PreflightCheck[]): { summary: Record<CheckStatus, number>; ok: boolean } {
  const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
  for (const c of checks) summary[c.status]++;
  return { summary, ok: summary.fail === 0 };
}

/** The queries as text to run, one block per query, with the ids the results file uses. */
export function formatQueries(
  engine: CommercialSourceEngine,
  queries: readonly CommercialQuery[],
  options: { hosting: SourceHosting; database?: string },
): string {
  const database = engine === "sqlserver" && options.database ? ` --database ${options.database}` : "";
  const lines = [
    `-- ${engine} preflight: run each query as the DMS user and save the rows as JSON,`,
    `-- { "<id>": [ { "<column>": <value>, ... } ] }, then: preflight --engine ${engine} --hosting ${options.hosting}${database} --results <file>`,
  ];
  for (const q of queries) lines.push("", `-- ${q.id}: ${q.title}`, q.sql);
  return `${lines.join("\n")}\n`;
}
