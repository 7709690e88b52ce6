import type { DatabaseEngine, LiveExpectation, ParameterRequirement } from "@dms-platform/database/cdc-parameters";
import type { LiveClient, RawValue } from "./connection.js";
import { grantsOf, holdsPrivilege } from "./grants.js";
import { DOCS, type PreflightCheck, text } from "./preflight-model.js";

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

/** One server setting from the parameter table, read live and judged against its expectation. */
export async function parameterCheck(
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

/** The binary-log and privilege checks of a MySQL-family source. */
export async function mysqlChecks(
  client: LiveClient,
  engine: DatabaseEngine,
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
  checks.push(await mysqlGrantsCheck(client, engine, managed, cdc));
  return checks;
}

/** Binary logs must outlive any pause of the task; DMS's docs ask for at least 24 hours. */
async function binlogRetentionCheck(client: LiveClient, managed: "rds" | "self-managed"): Promise<PreflightCheck> {
  const id = "binlog-retention";
  const title = "binary log retention >= 24 hours";
  if (managed === "rds") {
    const fix = "CALL mysql.rds_set_configuration('binlog retention hours', 24);";
    // One row per setting, columns name, value, description; value NULL when never set
    // (RDS User Guide, mysql_rds_show_configuration: awsdocs/amazon-rds-user-guide
    // doc_source/mysql_rds_show_configuration.md). Through mysql2 a CALL answers [[rows], header];
    // LiveClient.query returns the rows.
    let rows: Awaited<ReturnType<LiveClient["query"]>>;
    try {
      rows = await client.query("CALL mysql.rds_show_configuration");
    } catch (error) {
      return {
        id,
        title,
        status: "warn",
        reason: `cannot read the binlog retention: CALL mysql.rds_show_configuration failed (${(error as Error).message}).`,
        fix: `GRANT EXECUTE ON PROCEDURE mysql.rds_show_configuration TO '${client.spec.user}'@'%'; (as the RDS master user)`,
        docs: DOCS.rdsBinlogRetention,
      };
    }
    const hours = rows.find((r) => text(r.name) === "binlog retention hours")?.value;
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

/**
 * The account's SHOW GRANTS lines, with those of the roles active at login (the session DMS
 * opens activates only default roles; it never runs SET ROLE). MariaDB: CURRENT_ROLE() is the
 * default role and SHOW GRANTS FOR it lists the roles it holds too (verified on 10.11; a role
 * granted but not default is not active). MySQL 8: CURRENT_ROLE() lists the active roles and
 * SHOW GRANTS ... USING expands them.
 */
async function accountGrants(
  client: LiveClient,
  engine: DatabaseEngine,
): Promise<{ lines: string[]; activeRoles: string[] }> {
  const lines = (rows: Awaited<ReturnType<LiveClient["query"]>>) => rows.map((r) => text(Object.values(r)[0]));
  const own = lines(await client.query("SHOW GRANTS FOR CURRENT_USER()"));
  const [row] = await client.query("SELECT CURRENT_ROLE() AS role");
  const current = row?.role === null || row?.role === undefined ? "" : text(row.role);
  if (current === "" || current.toUpperCase() === "NONE") return { lines: own, activeRoles: [] };
  if (engine === "mariadb") {
    const quoted = `\`${current.replace(/`/g, "``")}\``;
    return { lines: [...own, ...lines(await client.query(`SHOW GRANTS FOR ${quoted}`))], activeRoles: [current] };
  }
  // MySQL prints the active roles already quoted: `r1`@`%`,`r2`@`%`.
  return {
    lines: lines(await client.query(`SHOW GRANTS FOR CURRENT_USER() USING ${current}`)),
    activeRoles: [current],
  };
}

async function mysqlGrantsCheck(
  client: LiveClient,
  engine: DatabaseEngine,
  managed: "rds" | "self-managed",
  cdc: boolean,
): Promise<PreflightCheck> {
  const { lines, activeRoles } = await accountGrants(client, engine);
  const { global, roles } = grantsOf(lines);
  const missing: string[] = [];
  if (cdc) {
    // SUPER also allows what DMS does with REPLICATION CLIENT (SHOW BINARY LOGS, SHOW MASTER
    // STATUS): MySQL documents it; on MariaDB 10.11 a SUPER-only account runs both (tested).
    if (!holdsPrivilege(global, "REPLICATION CLIENT") && !global.has("SUPER")) missing.push("REPLICATION CLIENT");
    if (!holdsPrivilege(global, "REPLICATION SLAVE")) missing.push("REPLICATION SLAVE");
  }
  const user = client.spec.user;
  if (missing.length === 0) {
    return {
      id: "grants",
      title: "replication grants",
      status: "pass",
      reason: cdc
        ? `${user} holds REPLICATION CLIENT and REPLICATION SLAVE on *.*${activeRoles.length ? ` (with role ${activeRoles.join(", ")})` : ""}.`
        : "full load needs only SELECT (checked per table).",
      docs: DOCS.mysqlSource,
    };
  }
  const inactive = roles.filter((r) => !activeRoles.some((a) => a.includes(r.replace(/`/g, ""))));
  const held = [...global].filter((p) => p !== "USAGE");
  return {
    id: "grants",
    title: "replication grants",
    status: "fail",
    reason:
      `${user} lacks ${missing.join(" and ")} on *.*${held.length ? ` (holds ${held.join(", ")})` : ""}: DMS cannot read the binary log, so CDC fails at start.` +
      (inactive.length
        ? ` Role ${inactive.join(", ")} is granted but not a default role, so the session DMS opens does not have it.`
        : ""),
    fix:
      `GRANT ${missing.join(", ")} ON *.* TO '${user}'@'%';` +
      (inactive.length ? ` or SET DEFAULT ROLE ${inactive[0]} FOR '${user}'@'%';` : "") +
      (managed === "rds" ? " (as the RDS master user)" : ""),
    docs: DOCS.mysqlSource,
  };
}

/** The logical-replication checks of a PostgreSQL source. */
export async function postgresChecks(
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

/** Whether the server offers TLS and this connection uses it. */
export async function tlsCheck(client: LiveClient): Promise<PreflightCheck> {
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
