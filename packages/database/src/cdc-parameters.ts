/**
 * The server parameters a migration database needs, in one table shared by the
 * MigrationDatabase component (which writes them into parameter groups) and the preflight
 * checker (which reads them back from a live server). Pure: no Pulumi, no AWS SDK.
 */

import type { DatabaseEngine } from "@dms-platform/config";

export { DATABASE_ENGINES, type DatabaseEngine } from "@dms-platform/config";

export type LiveExpectation = { equals: string } | { atLeast: number } | { oneOf: string[] };

export interface LiveCheck {
  /** Server variable read on a live server: MySQL/MariaDB `SHOW GLOBAL VARIABLES LIKE '<variable>'`, PostgreSQL `SHOW <variable>` / pg_settings. */
  variable: string;
  /** What the value must be (equals compares case-insensitively; "ON"/"1"/"TRUE" are not interchangeable unless listed in oneOf). */
  expect: LiveExpectation;
}

export interface ParameterRequirement {
  /** Parameter name as set in the RDS (or Aurora cluster) parameter group. */
  parameter: string;
  /** Value our parameter groups set. */
  value: string;
  applyMethod: "immediate" | "pending-reboot";
  /** "instance" = DB parameter group; "cluster" = Aurora cluster parameter group. */
  scope: "instance" | "cluster";
  purpose: "cdc" | "tls" | "logging";
  /** How preflight verifies it on a live server; absent when it cannot be observed from SQL. */
  live?: LiveCheck;
  /** Why DMS needs it, in one sentence a user understands. */
  reason: string;
  /** Link to the AWS doc stating it. */
  docs: string;
}

/** Default port per engine. */
export const ENGINE_PORTS: Record<DatabaseEngine, number> = {
  mysql: 3306,
  mariadb: 3306,
  "aurora-mysql": 3306,
  postgres: 5432,
  "aurora-postgresql": 5432,
};

const DOCS = {
  dmsMysqlSource:
    "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html#CHAP_Source.MySQL.AmazonManaged",
  dmsPostgresSource:
    "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html#CHAP_Source.PostgreSQL.RDSPostgreSQL",
  auroraPostgresLogical:
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Replication.Logical.Configure.html",
  mysqlTls: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html",
  mariadbTls: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html",
  auroraMysqlTls:
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html#AuroraMySQL.Security.SSL.RequireSSL",
  postgresTls:
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html#PostgreSQL.Concepts.General.SSL.Requiring",
  auroraPostgresTls:
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html#AuroraPostgreSQL.Security.SSL.RequireSSL",
} as const;

/** Whether the engine speaks the MySQL protocol (MySQL, MariaDB, Aurora MySQL). */
export function isMysqlFamily(engine: DatabaseEngine): boolean {
  return engine === "mysql" || engine === "mariadb" || engine === "aurora-mysql";
}

/** Whether the engine is Aurora (a cluster with a cluster parameter group). */
export function isAurora(engine: DatabaseEngine): boolean {
  return engine === "aurora-mysql" || engine === "aurora-postgresql";
}

/** Leading numeric components of a version string: "8.0.mysql_aurora.3.08.0" -> [8, 0], "16.4" -> [16, 4]. */
function leadingNumbers(engineVersion: string): number[] {
  const numbers: number[] = [];
  for (const part of engineVersion.split(".")) {
    if (!/^\d+$/.test(part)) break;
    numbers.push(Number(part));
  }
  return numbers;
}

/** The engine family for a parameter group, e.g. mysql8.0, mariadb10.11, postgres16, aurora-mysql8.0, aurora-postgresql16. */
export function parameterGroupFamily(engine: DatabaseEngine, engineVersion: string): string {
  const [major, minor] = leadingNumbers(engineVersion);
  if (major === undefined) {
    throw new Error(`cannot derive a parameter group family from ${engine} version "${engineVersion}"`);
  }
  switch (engine) {
    case "postgres":
    case "aurora-postgresql":
      // PostgreSQL 10 and later: the family is the major version alone (postgres16).
      return `${engine}${major}`;
    case "mysql":
    case "mariadb":
    case "aurora-mysql":
      if (minor === undefined) {
        throw new Error(`cannot derive a parameter group family from ${engine} version "${engineVersion}"`);
      }
      return `${engine}${major}.${minor}`;
  }
}

// require_secure_transport is a boolean: RDS MySQL/MariaDB DB parameter groups take "1"/"0",
// Aurora MySQL cluster parameter groups take "ON"/"OFF" (as the console and prowler's check
// prowler-cloud/prowler#4116 show); the server reports "ON" either way.
function tlsRequirement(engine: DatabaseEngine, engineVersion: string | undefined): ParameterRequirement {
  switch (engine) {
    case "mysql":
      return {
        parameter: "require_secure_transport",
        value: "1",
        applyMethod: "immediate",
        scope: "instance",
        purpose: "tls",
        live: { variable: "require_secure_transport", expect: { equals: "ON" } },
        reason:
          "Refuses every connection that is not encrypted with TLS, so DMS and all other clients connect over TLS (dynamic, no reboot).",
        docs: DOCS.mysqlTls,
      };
    case "mariadb": {
      // RDS for MariaDB has require_secure_transport from 10.5; MigrationDatabase accepts no
      // older version, and preflight reports the variable missing on an older live server.
      const [major, minor] = leadingNumbers(engineVersion ?? "");
      const tooOld = major !== undefined && (major < 10 || (major === 10 && (minor ?? 0) < 5));
      return {
        parameter: "require_secure_transport",
        value: "1",
        applyMethod: "immediate",
        scope: "instance",
        purpose: "tls",
        live: { variable: "require_secure_transport", expect: { equals: "ON" } },
        reason: tooOld
          ? `Refuses connections that are not encrypted with TLS; MariaDB ${engineVersion} predates it (10.5 and later), so upgrade before migrating.`
          : "Refuses every connection that is not encrypted with TLS (supported on RDS for MariaDB 10.5 and later; dynamic, no reboot).",
        docs: DOCS.mariadbTls,
      };
    }
    case "aurora-mysql":
      return {
        parameter: "require_secure_transport",
        value: "ON",
        applyMethod: "immediate",
        scope: "cluster",
        purpose: "tls",
        live: { variable: "require_secure_transport", expect: { equals: "ON" } },
        reason:
          "Refuses every connection to the cluster that is not encrypted with TLS; on Aurora MySQL it is set in the cluster parameter group.",
        docs: DOCS.auroraMysqlTls,
      };
    case "postgres":
    case "aurora-postgresql":
      return {
        parameter: "rds.force_ssl",
        value: "1",
        applyMethod: "pending-reboot",
        scope: engine === "aurora-postgresql" ? "cluster" : "instance",
        purpose: "tls",
        // `SHOW rds.force_ssl` reports the boolean as "on"; some tools read pg_settings.setting.
        live: { variable: "rds.force_ssl", expect: { oneOf: ["on", "1"] } },
        reason:
          "Rewrites pg_hba.conf to hostssl so every connection, DMS included, must use TLS (the parameter-group default is 0 before PostgreSQL 15).",
        docs: engine === "aurora-postgresql" ? DOCS.auroraPostgresTls : DOCS.postgresTls,
      };
  }
}

function mysqlCdcRequirements(engine: DatabaseEngine): ParameterRequirement[] {
  const scope = engine === "aurora-mysql" ? "cluster" : "instance";
  // On Aurora MySQL binary logging is off until binlog_format is set in the cluster parameter
  // group, and the writer must reboot before it starts writing binlogs.
  const formatApply = engine === "aurora-mysql" ? "pending-reboot" : "immediate";
  return [
    {
      parameter: "binlog_format",
      value: "ROW",
      applyMethod: formatApply,
      scope,
      purpose: "cdc",
      live: { variable: "binlog_format", expect: { equals: "ROW" } },
      reason:
        "DMS reads changes from row-based binary log events only; STATEMENT or MIXED logging makes CDC fail at start.",
      docs: DOCS.dmsMysqlSource,
    },
    {
      parameter: "binlog_row_image",
      value: "FULL",
      applyMethod: "immediate",
      scope,
      purpose: "cdc",
      live: { variable: "binlog_row_image", expect: { equals: "FULL" } },
      reason: "DMS needs every column of the before and after row image to apply updates and deletes on the target.",
      docs: DOCS.dmsMysqlSource,
    },
    {
      parameter: "binlog_checksum",
      value: "NONE",
      applyMethod: "immediate",
      scope,
      purpose: "cdc",
      live: { variable: "binlog_checksum", expect: { equals: "NONE" } },
      reason:
        "DMS replication engines up to 3.4.7 cannot read checksummed (CRC32) binlog events; NONE works with every DMS version, so we always set it.",
      docs: DOCS.dmsMysqlSource,
    },
  ];
}

function postgresCdcRequirements(engine: DatabaseEngine): ParameterRequirement[] {
  const aurora = engine === "aurora-postgresql";
  const scope = aurora ? "cluster" : "instance";
  const docs = aurora ? DOCS.auroraPostgresLogical : DOCS.dmsPostgresSource;
  return [
    {
      parameter: "rds.logical_replication",
      value: "1",
      applyMethod: "pending-reboot",
      scope,
      purpose: "cdc",
      live: { variable: "wal_level", expect: { equals: "logical" } },
      reason:
        "Turns wal_level to logical so DMS can decode changes through a replication slot; static, it takes effect after a reboot.",
      docs,
    },
    {
      parameter: "max_replication_slots",
      value: "20",
      applyMethod: "pending-reboot",
      scope,
      purpose: "cdc",
      live: { variable: "max_replication_slots", expect: { atLeast: 2 } },
      reason:
        "Every DMS CDC task holds one logical replication slot; DMS asks for more than 1, and we allow 20 concurrent tasks and subscribers.",
      docs,
    },
    {
      parameter: "max_wal_senders",
      value: "20",
      applyMethod: "pending-reboot",
      scope,
      purpose: "cdc",
      live: { variable: "max_wal_senders", expect: { atLeast: 2 } },
      reason:
        "Every DMS CDC task streams WAL through one WAL sender process; DMS asks for more than 1, and we allow 20 concurrent streams.",
      docs,
    },
    {
      parameter: "wal_sender_timeout",
      value: "60000",
      applyMethod: "immediate",
      scope,
      purpose: "cdc",
      // pg_settings.setting is in milliseconds (SHOW prints "1min"). DMS also accepts 0 (timeout
      // disabled), which this check reports as too low; we never set 0 because it hides dead connections.
      live: { variable: "wal_sender_timeout", expect: { atLeast: 10000 } },
      reason:
        "DMS CDC fails when wal_sender_timeout is between 1 and 9999 ms; 60 s keeps idle DMS replication connections open while still dropping dead ones.",
      docs: DOCS.dmsPostgresSource,
    },
  ];
}

/** The parameters a database needs: TLS forced for every engine/role; CDC prerequisites for a CDC source. */
export function serverParameters(
  engine: DatabaseEngine,
  options: { role: "source" | "target"; cdc: boolean; engineVersion?: string },
): ParameterRequirement[] {
  const requirements: ParameterRequirement[] = [tlsRequirement(engine, options.engineVersion)];
  if (options.role === "source" && options.cdc) {
    requirements.push(...(isMysqlFamily(engine) ? mysqlCdcRequirements(engine) : postgresCdcRequirements(engine)));
  }
  return requirements;
}

/** The requirements that go into one parameter group scope ("instance" or "cluster"). */
export function parametersForScope(
  requirements: readonly ParameterRequirement[],
  scope: ParameterRequirement["scope"],
): ParameterRequirement[] {
  return requirements.filter((r) => r.scope === scope);
}
