import {
  type DatabaseEngine,
  type LiveExpectation,
  type ParameterRequirement,
  serverParameters,
} from "@dms-platform/database/cdc-parameters";
import { describeTables, listTables, qualified, type TableInfo } from "./catalog.js";
import {
  type ConnectionOptions,
  type ConnectionSpec,
  connect,
  describeConnection,
  type LiveClient,
  parseConnection,
  type RawValue,
} from "./connection.js";
import { LiveUsageError, messageOf } from "./errors.js";
import {
  literalSchemas,
  parseTableMappingsFile,
  parseTablesOption,
  type SelectionRule,
  selectTables,
  unmatchedRules,
} from "./selection.js";

export type CheckStatus = "pass" | "warn" | "fail";

export interface PreflightCheck {
  /** Stable id, e.g. `parameter:binlog_format`, `grants`, `primary-keys`. */
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found and why it matters. */
  reason: string;
  /** What to do about it (absent on a pass). */
  fix?: string;
  /** The AWS document stating the requirement. */
  docs?: string;
}

export const MIGRATION_TYPES = ["full-load", "cdc", "full-load-and-cdc"] as const;
export type MigrationType = (typeof MIGRATION_TYPES)[number];
export const LOB_MODES = ["limited", "full", "none"] as const;
export type LobMode = (typeof LOB_MODES)[number];
export const TARGET_ENGINES = ["mysql", "mariadb", "postgres"] as const;

export interface PreflightOptions {
  source: ConnectionOptions;
  /** `--tables`: comma-separated `schema.table` patterns (% and _ wildcards). */
  tables?: string;
  /** `--table-mappings`: a DMS table-mapping JSON whose selection rules choose the tables. */
  tableMappingsFile?: string;
  /** @default "full-load-and-cdc" (CDC prerequisites are checked unless "full-load") */
  migrationType?: MigrationType;
  /** The task's LOB mode (TargetMetadata.SupportLobs / FullLobMode / LimitedSizeLobMode). @default "limited" */
  lobMode?: LobMode;
  /** TargetMetadata.LobMaxSize in KB for limited LOB mode. @default 32 (the DMS default) */
  lobMaxSizeKb?: number;
  /** The target engine, for the data types DMS cannot carry across. @default the source's engine */
  targetEngine?: (typeof TARGET_ENGINES)[number];
}

export interface PreflightReport {
  command: "preflight";
  source: { connection: string; engine: DatabaseEngine; version: string; managed: "rds" | "self-managed" };
  migrationType: MigrationType;
  tables: string[];
  checks: PreflightCheck[];
  summary: Record<CheckStatus, number>;
  /** True when no check failed: exit code 0. */
  ok: boolean;
}

const DOCS = {
  mysqlSource: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html",
  mysqlSelfManaged:
    "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html#CHAP_Source.MySQL.CustomerManaged",
  mysqlLimitations:
    "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html#CHAP_Source.MySQL.Limitations",
  mysqlDataTypes: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html#CHAP_Source.MySQL.DataTypes",
  rdsBinlogRetention: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-stored-proc-configuring.html",
  postgresSource: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html",
  postgresDataTypes: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html",
  lob: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.LOBSupport.html",
  ssl: "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html",
  selection:
    "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Selections.html",
} as const;

function text(value: RawValue | undefined): string {
  if (value === null || value === undefined) return "";
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
}

/** The selection rules from `--tables` / `--table-mappings`, or every table of the URL's database. */
export function selectionRules(
  options: { tables?: string; tableMappingsFile?: string },
  spec: ConnectionSpec,
): SelectionRule[] {
  const rules: SelectionRule[] = [];
  if (options.tables !== undefined) rules.push(...parseTablesOption(options.tables));
  if (options.tableMappingsFile !== undefined) rules.push(...parseTableMappingsFile(options.tableMappingsFile));
  if (rules.length > 0) return rules;
  // MySQL: the URL's database is the schema; PostgreSQL: every schema of the database.
  const schema = spec.family === "mysql" ? spec.database : "%";
  return [{ schema, table: "%", action: "include", origin: "default (all tables)" }];
}

/** Server identity: engine (Aurora and MariaDB told apart from MySQL), version, RDS or self-managed. */
export async function detectServer(
  client: LiveClient,
): Promise<{ engine: DatabaseEngine; version: string; fullVersion: string; managed: "rds" | "self-managed" }> {
  if (client.family === "mysql") {
    const [row] = await client.query("SELECT VERSION() AS v");
    const fullVersion = text(row?.v);
    let engine: DatabaseEngine = /mariadb/i.test(fullVersion) ? "mariadb" : "mysql";
    if (engine === "mysql") {
      const aurora = await client.query("SHOW GLOBAL VARIABLES LIKE 'aurora_version'");
      if (aurora.length > 0) engine = "aurora-mysql";
    }
    const rds = await client.query(
      "SELECT 1 AS x FROM information_schema.routines WHERE routine_schema = 'mysql' AND routine_name = 'rds_show_configuration'",
    );
    return {
      engine,
      version: /^\d+(\.\d+)*/.exec(fullVersion)?.[0] ?? fullVersion,
      fullVersion,
      managed: rds.length > 0 ? "rds" : "self-managed",
    };
  }
  const [row] = await client.query("SHOW server_version");
  const fullVersion = text(row?.server_version);
  const aurora = await client.query("SELECT 1 AS x FROM pg_proc WHERE proname = 'aurora_version'");
  const rds = await client.query("SELECT 1 AS x FROM pg_roles WHERE rolname = 'rds_superuser'");
  return {
    engine: aurora.length > 0 ? "aurora-postgresql" : "postgres",
    version: /^\d+(\.\d+)*/.exec(fullVersion)?.[0] ?? fullVersion,
    fullVersion,
    managed: rds.length > 0 || aurora.length > 0 ? "rds" : "self-managed",
  };
}

/** A server variable's current value, or undefined when the server has no such variable. */
export async function readVariable(client: LiveClient, variable: string): Promise<string | undefined> {
  if (client.family === "mysql") {
    const rows = await client.query("SHOW GLOBAL VARIABLES LIKE ?", [variable]);
    const row = rows.find((r) => text(r.variable_name).toLowerCase() === variable.toLowerCase());
    return row === undefined ? undefined : text(row.value);
  }
  // pg_settings gives raw units (wal_sender_timeout in ms; SHOW would print "1min"); placeholder
  // (dotted) settings appear only through current_setting.
  const rows = await client.query("SELECT setting AS v FROM pg_settings WHERE name = ?", [variable]);
  if (rows[0]) return text(rows[0].v);
  const custom = await client.query("SELECT current_setting(?, true) AS v", [variable]);
  const value = custom[0]?.v;
  return value === null || value === undefined ? undefined : text(value);
}

function describeExpectation(expect: LiveExpectation): string {
  if ("equals" in expect) return `= ${expect.equals}`;
  if ("atLeast" in expect) return `>= ${expect.atLeast}`;
  return `one of ${expect.oneOf.join(", ")}`;
}

/** Whether a live value meets an expectation (case-insensitive; atLeast compares numbers). */
export function meetsExpectation(value: string, expect: LiveExpectation): boolean {
  if ("equals" in expect) return value.toLowerCase() === expect.equals.toLowerCase();
  if ("atLeast" in expect) return Number.isFinite(Number(value)) && Number(value) >= expect.atLeast;
  return expect.oneOf.some((v) => v.toLowerCase() === value.toLowerCase());
}

async function parameterCheck(
  client: LiveClient,
  requirement: ParameterRequirement,
  managed: "rds" | "self-managed",
): Promise<PreflightCheck | undefined> {
  const live = requirement.live;
  if (!live) return undefined;
  const value = await readVariable(client, live.variable);
  const wanted = describeExpectation(live.expect);
  const id = `parameter:${requirement.parameter}`;
  const title =
    requirement.parameter === live.variable
      ? `${live.variable} ${wanted}`
      : `${live.variable} ${wanted} (parameter ${requirement.parameter})`;
  const fix =
    `parameter group: ${requirement.parameter} = ${requirement.value} (${requirement.applyMethod}; MigrationDatabase sets it)` +
    (managed === "self-managed"
      ? `; self-managed: ${live.variable} = ${requirement.value} in the server configuration`
      : "");
  if (value === undefined) {
    return {
      id,
      title,
      status: "warn",
      reason: `${live.variable} does not exist on this server, so it cannot be verified. ${requirement.reason}`,
      fix,
      docs: requirement.docs,
    };
  }
  if (meetsExpectation(value, live.expect)) {
    return { id, title, status: "pass", reason: `${live.variable} is ${value}.`, docs: requirement.docs };
  }
  return {
    id,
    title,
    status: "fail",
    reason: `${live.variable} is ${value || "(empty)"}. ${requirement.reason}`,
    fix,
    docs: requirement.docs,
  };
}

async function mysqlChecks(
  client: LiveClient,
  managed: "rds" | "self-managed",
  cdc: boolean,
): Promise<PreflightCheck[]> {
  const checks: PreflightCheck[] = [];
  if (cdc) {
    const logBin = await readVariable(client, "log_bin");
    checks.push(
      logBin?.toUpperCase() === "ON" || logBin === "1"
        ? { id: "binary-log", title: "binary log on", status: "pass", reason: "log_bin is ON.", docs: DOCS.mysqlSource }
        : {
            id: "binary-log",
            title: "binary log on",
            status: "fail",
            reason: `log_bin is ${logBin ?? "absent"}: without a binary log DMS has no changes to read and CDC fails at start.`,
            fix:
              managed === "rds"
                ? "turn on automated backups (backup retention >= 1 day): RDS writes binary logs only then"
                : "start the server with log_bin (log-bin=<path>) and a server_id",
            docs: managed === "rds" ? DOCS.mysqlSource : DOCS.mysqlSelfManaged,
          },
    );
    checks.push(await binlogRetentionCheck(client, managed));
  }
  checks.push(await mysqlGrantsCheck(client, managed, cdc));
  return checks;
}

/** Binary logs must outlive any pause of the task; DMS's docs ask for at least 24 hours. */
async function binlogRetentionCheck(client: LiveClient, managed: "rds" | "self-managed"): Promise<PreflightCheck> {
  const id = "binlog-retention";
  const title = "binary log retention >= 24 hours";
  if (managed === "rds") {
    const rows = await client.query("CALL mysql.rds_show_configuration");
    const hours = rows.find((r) => text(r.name) === "binlog retention hours")?.value;
    const fix = "CALL mysql.rds_set_configuration('binlog retention hours', 24);";
    if (hours === null || hours === undefined || text(hours) === "" || text(hours).toUpperCase() === "NULL") {
      return {
        id,
        title,
        status: "fail",
        reason:
          "binlog retention hours is NULL: RDS purges binary logs as soon as it can, so a paused or slow task loses its position.",
        fix,
        docs: DOCS.rdsBinlogRetention,
      };
    }
    const n = Number(text(hours));
    return n >= 24
      ? { id, title, status: "pass", reason: `binlog retention hours is ${n}.`, docs: DOCS.rdsBinlogRetention }
      : {
          id,
          title,
          status: "fail",
          reason: `binlog retention hours is ${n}: shorter than a day, a task stopped overnight cannot resume.`,
          fix,
          docs: DOCS.rdsBinlogRetention,
        };
  }
  const seconds = await readVariable(client, "binlog_expire_logs_seconds");
  const days = await readVariable(client, "expire_logs_days");
  const s = seconds !== undefined ? Number(seconds) : 0;
  const d = days !== undefined ? Number(days) : 0;
  // binlog_expire_logs_seconds wins when set (MySQL 8, MariaDB 10.6+); 0 everywhere means never purged.
  const effective = s > 0 ? s : d * 86400;
  if (effective === 0) {
    return {
      id,
      title,
      status: "pass",
      reason: "binary logs are never purged automatically (binlog_expire_logs_seconds and expire_logs_days are 0).",
      docs: DOCS.mysqlSelfManaged,
    };
  }
  return effective >= 86400
    ? {
        id,
        title,
        status: "pass",
        reason: `binary logs are kept ${Math.round(effective / 3600)} hours.`,
        docs: DOCS.mysqlSelfManaged,
      }
    : {
        id,
        title,
        status: "fail",
        reason: `binary logs are kept only ${Math.round(effective / 60)} minutes: a task stopped for longer cannot resume.`,
        fix: "SET PERSIST binlog_expire_logs_seconds = 86400 (or expire_logs_days = 1) in the server configuration",
        docs: DOCS.mysqlSelfManaged,
      };
}

async function mysqlGrantsCheck(
  client: LiveClient,
  managed: "rds" | "self-managed",
  cdc: boolean,
): Promise<PreflightCheck> {
  const rows = await client.query("SHOW GRANTS FOR CURRENT_USER()");
  const global = rows
    .map((r) => text(Object.values(r)[0]))
    .filter((g) => /\bON \*\.\* TO\b/i.test(g))
    .map((g) => g.toUpperCase());
  const has = (names: string[]) => global.some((g) => g.includes("ALL PRIVILEGES") || names.some((n) => g.includes(n)));
  const missing: string[] = [];
  if (cdc) {
    // MariaDB 10.5.2 renamed REPLICATION CLIENT to BINLOG MONITOR (and shows it so).
    if (!has(["REPLICATION CLIENT", "BINLOG MONITOR", "SUPER"])) missing.push("REPLICATION CLIENT");
    if (!has(["REPLICATION SLAVE", "REPLICATION REPLICA"])) missing.push("REPLICATION SLAVE");
  }
  const user = client.spec.user;
  if (missing.length === 0) {
    return {
      id: "grants",
      title: "replication grants",
      status: "pass",
      reason: cdc
        ? `${user} holds REPLICATION CLIENT and REPLICATION SLAVE on *.*.`
        : "full load needs only SELECT (checked per table).",
      docs: DOCS.mysqlSource,
    };
  }
  return {
    id: "grants",
    title: "replication grants",
    status: "fail",
    reason: `${user} lacks ${missing.join(" and ")} on *.*: DMS cannot read the binary log, so CDC fails at start.`,
    fix: `GRANT ${missing.join(", ")} ON *.* TO '${user}'@'%';${managed === "rds" ? " (as the RDS master user)" : ""}`,
    docs: DOCS.mysqlSource,
  };
}

async function postgresChecks(
  client: LiveClient,
  managed: "rds" | "self-managed",
  cdc: boolean,
): Promise<PreflightCheck[]> {
  if (!cdc) return [];
  const checks: PreflightCheck[] = [];
  const [role] = await client.query(
    `SELECT r.rolreplication AS repl, r.rolsuper AS super,
            EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = 'rds_replication'
                    AND pg_has_role(current_user, g.oid, 'member')) AS rds_repl
     FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const yes = (v: RawValue | undefined) => text(v) === "t" || text(v) === "true";
  const user = client.spec.user;
  if (yes(role?.repl) || yes(role?.super) || yes(role?.rds_repl)) {
    checks.push({
      id: "replication-role",
      title: "user may replicate",
      status: "pass",
      reason: `${user} ${yes(role?.super) ? "is a superuser" : yes(role?.rds_repl) ? "is a member of rds_replication" : "has the REPLICATION attribute"}.`,
      docs: DOCS.postgresSource,
    });
  } else {
    checks.push({
      id: "replication-role",
      title: "user may replicate",
      status: "fail",
      reason: `${user} has neither the REPLICATION attribute nor rds_replication: DMS cannot create its replication slot.`,
      fix: managed === "rds" ? `GRANT rds_replication TO ${user};` : `ALTER ROLE ${user} WITH REPLICATION;`,
      docs: DOCS.postgresSource,
    });
  }
  const [slots] = await client.query(
    `SELECT current_setting('max_replication_slots')::int AS max, (SELECT count(*) FROM pg_replication_slots) AS used,
            current_setting('max_wal_senders')::int AS senders, (SELECT count(*) FROM pg_stat_replication) AS streaming`,
  );
  const freeSlots = Number(text(slots?.max)) - Number(text(slots?.used));
  checks.push(
    freeSlots >= 1
      ? {
          id: "replication-slots-free",
          title: "a replication slot is free",
          status: "pass",
          reason: `${freeSlots} of ${text(slots?.max)} replication slots are free.`,
          docs: DOCS.postgresSource,
        }
      : {
          id: "replication-slots-free",
          title: "a replication slot is free",
          status: "fail",
          reason: `all ${text(slots?.max)} replication slots are in use: the task cannot create its slot.`,
          fix: "drop unused slots (SELECT pg_drop_replication_slot(name)) or raise max_replication_slots",
          docs: DOCS.postgresSource,
        },
  );
  const freeSenders = Number(text(slots?.senders)) - Number(text(slots?.streaming));
  checks.push(
    freeSenders >= 1
      ? {
          id: "wal-senders-free",
          title: "a WAL sender is free",
          status: "pass",
          reason: `${freeSenders} of ${text(slots?.senders)} WAL senders are free.`,
          docs: DOCS.postgresSource,
        }
      : {
          id: "wal-senders-free",
          title: "a WAL sender is free",
          status: "fail",
          reason: `all ${text(slots?.senders)} WAL senders are busy: the task cannot stream changes.`,
          fix: "raise max_wal_senders or stop idle replication consumers",
          docs: DOCS.postgresSource,
        },
  );
  return checks;
}

async function tlsCheck(client: LiveClient): Promise<PreflightCheck> {
  let offered: boolean;
  let inUse: string | undefined;
  if (client.family === "mysql") {
    const haveSsl = await readVariable(client, "have_ssl");
    const cipher = (await client.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'"))[0];
    inUse = text(cipher?.value) || undefined;
    offered = haveSsl?.toUpperCase() === "YES" || inUse !== undefined;
  } else {
    offered = (await readVariable(client, "ssl")) === "on";
    const [row] = await client.query("SELECT ssl AS s, cipher AS c FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
    inUse = text(row?.s) === "t" ? text(row?.c) : undefined;
  }
  if (inUse) {
    return {
      id: "tls",
      title: "TLS available",
      status: "pass",
      reason: `this connection uses TLS (${inUse}).`,
      docs: DOCS.ssl,
    };
  }
  if (offered) {
    return {
      id: "tls",
      title: "TLS available",
      status: "warn",
      reason: "the server offers TLS but this check connected without it (--tls off).",
      fix: "run preflight with --tls require or verify-full, as the DMS endpoint will connect",
      docs: DOCS.ssl,
    };
  }
  return {
    id: "tls",
    title: "TLS available",
    status: "fail",
    reason: "the server does not offer TLS: DMS endpoints of this platform use ssl mode require or verify-full.",
    fix:
      client.family === "mysql"
        ? "configure ssl_cert/ssl_key on the server (RDS always offers TLS)"
        : "set ssl = on with ssl_cert_file/ssl_key_file (RDS always offers TLS)",
    docs: DOCS.ssl,
  };
}

const SPATIAL = new Set([
  "geometry",
  "point",
  "linestring",
  "polygon",
  "multipoint",
  "multilinestring",
  "multipolygon",
  "geometrycollection",
]);

/** Columns whose type DMS does not migrate (or only degrades) for this engine pair; fail or warn. */
function dataTypeProblems(
  info: TableInfo,
  sourceFamily: LiveClient["family"],
  targetFamily: LiveClient["family"],
): { column: string; type: string; status: CheckStatus; why: string }[] {
  const problems: { column: string; type: string; status: CheckStatus; why: string }[] = [];
  const heterogeneous = sourceFamily !== targetFamily;
  for (const c of info.columns) {
    if (sourceFamily === "mysql") {
      if (SPATIAL.has(c.dataType)) {
        problems.push({
          column: c.name,
          type: c.dataType,
          status: heterogeneous ? "fail" : "warn",
          why: heterogeneous
            ? "DMS carries spatial types only between MySQL-compatible engines"
            : "spatial types need a recent DMS engine version",
        });
      } else if (["uuid", "inet4", "inet6", "vector"].includes(c.dataType)) {
        problems.push({
          column: c.name,
          type: c.dataType,
          status: "warn",
          why: "DMS has no mapping for this MariaDB type",
        });
      }
    } else if (heterogeneous) {
      if (c.dataType === "user-defined" || c.dataType === "array" || /range$/.test(c.fullType)) {
        problems.push({
          column: c.name,
          type: c.fullType,
          status: "warn",
          why: "DMS migrates user-defined, array and range types to a non-PostgreSQL target as text (CLOB) at best",
        });
      }
    }
  }
  return problems;
}

function isLob(family: LiveClient["family"], dataType: string, fullType: string): boolean {
  if (family === "mysql") {
    return ["text", "mediumtext", "longtext", "blob", "mediumblob", "longblob", "json"].includes(dataType);
  }
  // DMS maps PostgreSQL text, bytea, json/jsonb and xml to NCLOB/BLOB.
  return ["text", "bytea", "json", "jsonb", "xml"].includes(dataType) || fullType === "xml";
}

async function tableChecks(
  client: LiveClient,
  rules: SelectionRule[],
  options: Required<Pick<PreflightOptions, "lobMode" | "lobMaxSizeKb">> & {
    cdc: boolean;
    targetFamily: LiveClient["family"];
  },
): Promise<{ checks: PreflightCheck[]; tables: string[] }> {
  const checks: PreflightCheck[] = [];
  const schemas = literalSchemas(rules);
  const all = (await listTables(client)).filter((t) => schemas === undefined || schemas.includes(t.schema));
  const unmatched = unmatchedRules(rules, all);
  const selected = selectTables(rules, all);
  checks.push(
    unmatched.length === 0
      ? {
          id: "selection",
          title: "selected tables exist",
          status: selected.length > 0 ? "pass" : "fail",
          reason: `${selected.length} table(s) selected.`,
          docs: DOCS.selection,
        }
      : {
          id: "selection",
          title: "selected tables exist",
          status: "fail",
          reason: `no table matches ${unmatched.map((r) => `${r.schema}.${r.table} (${r.origin})`).join(", ")}: the task would migrate nothing for it.`,
          fix: "correct the schema/table names (DMS matches them exactly; % and _ are wildcards)",
          docs: DOCS.selection,
        },
  );
  const described = await describeTables(client, selected);

  const unreadable: string[] = [];
  for (const info of described.values()) {
    try {
      await client.query(`SELECT 1 AS x FROM ${client.ident(info.schema)}.${client.ident(info.table)} LIMIT 0`);
    } catch (error) {
      unreadable.push(`${qualified(info)} (${messageOf(error)})`);
    }
  }
  checks.push(
    unreadable.length === 0
      ? {
          id: "select-grants",
          title: "SELECT on the selected tables",
          status: "pass",
          reason: `${client.spec.user} can read all ${described.size} selected table(s).`,
        }
      : {
          id: "select-grants",
          title: "SELECT on the selected tables",
          status: "fail",
          reason: `${client.spec.user} cannot read ${unreadable.join("; ")}.`,
          fix:
            client.family === "mysql"
              ? `GRANT SELECT ON <schema>.* TO '${client.spec.user}'@'%';`
              : `GRANT USAGE ON SCHEMA <schema> TO ${client.spec.user}; GRANT SELECT ON ALL TABLES IN SCHEMA <schema> TO ${client.spec.user};`,
          docs: client.family === "mysql" ? DOCS.mysqlSource : DOCS.postgresSource,
        },
  );

  const noKey = [...described.values()].filter((t) => t.primaryKey.length === 0 && t.uniqueKey.length === 0);
  checks.push(
    noKey.length === 0
      ? {
          id: "primary-keys",
          title: "every table has a primary or unique key",
          status: "pass",
          reason: `all ${described.size} selected table(s) have a primary key or a NOT NULL unique key.`,
        }
      : {
          id: "primary-keys",
          title: "every table has a primary or unique key",
          status: options.cdc ? "fail" : "warn",
          reason:
            `${noKey.map(qualified).join(", ")} ${noKey.length === 1 ? "has" : "have"} no primary or unique key: ` +
            (client.family === "postgres"
              ? "DMS ignores UPDATE and DELETE on such tables during CDC"
              : "CDC cannot identify the row an UPDATE or DELETE applies to") +
            ", and validation cannot compare them by key.",
          fix: "add a primary key (or exclude the table and migrate it with a full load at cutover)",
          docs: client.family === "postgres" ? DOCS.postgresSource : DOCS.mysqlLimitations,
        },
  );

  const lobFindings: string[] = [];
  const lobProblems: string[] = [];
  const lobNoKey: string[] = [];
  let lobColumns = 0;
  for (const info of described.values()) {
    const lobs = info.columns.filter((c) => isLob(client.family, c.dataType, c.fullType));
    if (lobs.length === 0) continue;
    lobColumns += lobs.length;
    if (info.primaryKey.length === 0) lobNoKey.push(qualified(info));
    const sizeOf = client.family === "mysql" ? "LENGTH" : "octet_length";
    const [row] = await client.queryArrays(
      `SELECT ${lobs.map((c) => `MAX(${sizeOf}(${client.ident(c.name)}))`).join(", ")} FROM ${client.ident(info.schema)}.${client.ident(info.table)}`,
    );
    lobs.forEach((c, i) => {
      const bytes = Number(text(row?.[i] ?? null) || "0");
      const kb = Math.ceil(bytes / 1024);
      lobFindings.push(`${qualified(info)}.${c.name} ${c.dataType} max ${kb} KB`);
      if (options.lobMode === "limited" && bytes > options.lobMaxSizeKb * 1024) {
        lobProblems.push(`${qualified(info)}.${c.name} holds ${kb} KB`);
      }
    });
  }
  if (lobColumns === 0) {
    checks.push({
      id: "lobs",
      title: "LOB columns fit the LOB mode",
      status: "pass",
      reason: "no LOB columns selected.",
      docs: DOCS.lob,
    });
  } else if (lobProblems.length > 0) {
    const needed = Math.max(...lobProblems.map((p) => Number(/holds (\d+) KB/.exec(p)?.[1] ?? "0")));
    checks.push({
      id: "lobs",
      title: "LOB columns fit the LOB mode",
      status: "fail",
      reason: `limited LOB mode truncates values above LobMaxSize ${options.lobMaxSizeKb} KB: ${lobProblems.join(", ")}.`,
      fix: `set TargetMetadata.LobMaxSize >= ${needed} (KB, at most 102400) or use full or inline LOB mode`,
      docs: DOCS.lob,
    });
  } else if (options.cdc && lobNoKey.length > 0) {
    checks.push({
      id: "lobs",
      title: "LOB columns fit the LOB mode",
      status: "fail",
      reason: `${lobNoKey.join(", ")} ${lobNoKey.length === 1 ? "has" : "have"} LOB columns but no primary key: DMS looks LOBs up by key during CDC.`,
      fix: "add a primary key to the table",
      docs: DOCS.lob,
    });
  } else if (options.lobMode === "none") {
    checks.push({
      id: "lobs",
      title: "LOB columns fit the LOB mode",
      status: "warn",
      reason: `the task does not migrate LOBs (SupportLobs false), so these columns arrive empty: ${lobFindings.join(", ")}.`,
      fix: "enable limited LOB mode with LobMaxSize above the largest value",
      docs: DOCS.lob,
    });
  } else {
    checks.push({
      id: "lobs",
      title: "LOB columns fit the LOB mode",
      status: "pass",
      reason: `${options.lobMode} LOB mode${options.lobMode === "limited" ? ` (LobMaxSize ${options.lobMaxSizeKb} KB)` : ""} holds every value: ${lobFindings.join(", ")}.`,
      docs: DOCS.lob,
    });
  }

  const typeProblems = [...described.values()].flatMap((info) =>
    dataTypeProblems(info, client.family, options.targetFamily).map((p) => ({ ...p, table: qualified(info) })),
  );
  const typeStatus: CheckStatus = typeProblems.some((p) => p.status === "fail")
    ? "fail"
    : typeProblems.length > 0
      ? "warn"
      : "pass";
  checks.push(
    typeStatus === "pass"
      ? {
          id: "data-types",
          title: "data types DMS can migrate",
          status: "pass",
          reason: `no column type DMS cannot migrate to ${options.targetFamily}.`,
          docs: client.family === "mysql" ? DOCS.mysqlDataTypes : DOCS.postgresDataTypes,
        }
      : {
          id: "data-types",
          title: "data types DMS can migrate",
          status: typeStatus,
          reason: typeProblems.map((p) => `${p.table}.${p.column} ${p.type}: ${p.why}`).join("; "),
          fix: "convert the column (or exclude it with a transformation rule and migrate it separately)",
          docs: client.family === "mysql" ? DOCS.mysqlDataTypes : DOCS.postgresDataTypes,
        },
  );
  return { checks, tables: [...described.keys()] };
}

/**
 * Check a DMS source before a task is created: the server settings our parameter groups set
 * (from `serverParameters`, the table MigrationDatabase uses), binary log / WAL prerequisites,
 * grants, TLS, and the selected tables (keys, LOBs, data types, existence).
 * Throws LiveUsageError / LiveConnectionError (exit 2); otherwise returns a report.
 */
export async function runPreflight(options: PreflightOptions): Promise<PreflightReport> {
  const spec = parseConnection("source", options.source);
  const rules = selectionRules(options, spec);
  const migrationType = options.migrationType ?? "full-load-and-cdc";
  const lobMaxSizeKb = options.lobMaxSizeKb ?? 32;
  if (!Number.isInteger(lobMaxSizeKb) || lobMaxSizeKb < 1 || lobMaxSizeKb > 102400) {
    throw new LiveUsageError(`--lob-max-size: must be an integer between 1 and 102400 KB (got ${lobMaxSizeKb})`);
  }
  const cdc = migrationType !== "full-load";
  const client = await connect(spec);
  try {
    const server = await detectServer(client);
    const checks: PreflightCheck[] = [
      {
        id: "connection",
        title: "connection",
        status: "pass",
        reason: `${describeConnection(spec)}: ${server.engine} ${server.fullVersion} (${server.managed}).`,
      },
    ];
    let requirements: ParameterRequirement[];
    try {
      requirements = serverParameters(server.engine, { role: "source", cdc, engineVersion: server.version });
    } catch (error) {
      checks.push({
        id: "engine-version",
        title: "engine version supported",
        status: "fail",
        reason: messageOf(error),
      });
      requirements = [];
    }
    for (const requirement of requirements) {
      const check = await parameterCheck(client, requirement, server.managed);
      if (check) checks.push(check);
    }
    checks.push(
      ...(client.family === "mysql"
        ? await mysqlChecks(client, server.managed, cdc)
        : await postgresChecks(client, server.managed, cdc)),
    );
    checks.push(await tlsCheck(client));
    const targetFamily = options.targetEngine
      ? options.targetEngine === "postgres"
        ? "postgres"
        : "mysql"
      : client.family;
    const tables = await tableChecks(client, rules, {
      cdc,
      lobMode: options.lobMode ?? "limited",
      lobMaxSizeKb,
      targetFamily,
    });
    checks.push(...tables.checks);
    const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
    for (const c of checks) summary[c.status]++;
    return {
      command: "preflight",
      source: {
        connection: describeConnection(spec),
        engine: server.engine,
        version: server.fullVersion,
        managed: server.managed,
      },
      migrationType,
      tables: tables.tables,
      checks,
      summary,
      ok: summary.fail === 0,
    };
  } finally {
    await client.close();
  }
}
