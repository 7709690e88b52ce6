/**
 * Engine facts the component decides by: which versions AWS accepts, the default version, the
 * log types each engine exports, where Performance Insights runs, the instance classes Aurora
 * refuses. Pure, unit-tested without Pulumi.
 */
import type { MigrationDatabaseEngine } from "@dms-platform/config";
import { type DatabaseEngine, isAurora, parameterGroupFamily } from "./cdc-parameters.js";
import { commercialMajorVersion, isRdsCommercialEngine } from "./commercial.js";

/**
 * Major versions (parameter-group family suffixes) we accept per engine. Source: the RDS and
 * Aurora release calendars ("Supported MySQL major versions on Amazon RDS", "Release calendar for
 * Amazon RDS for PostgreSQL", "MariaDB on Amazon RDS versions", "Aurora MySQL version 3",
 * "Aurora PostgreSQL releases"). Versions past RDS end of standard support that RDS still creates
 * under paid Extended Support (MySQL 8.0 from 2026-08) stay accepted; versions RDS no longer
 * creates (MySQL 5.7, MariaDB 10.6 and older (no Extended Support for MariaDB), PostgreSQL 12 and older, Aurora MySQL 2) are not.
 */
export const SUPPORTED_MAJOR_VERSIONS: Readonly<Record<DatabaseEngine, readonly string[]>> = {
  mysql: ["8.0", "8.4"],
  mariadb: ["10.11", "11.4", "11.8"],
  postgres: ["13", "14", "15", "16", "17"],
  "aurora-mysql": ["8.0"],
  "aurora-postgresql": ["13", "14", "15", "16", "17"],
};

/**
 * The version used when none is given: a major version only, Aurora too. RDS then creates the
 * current default minor, and with auto minor upgrade on, the provider does not fight the upgrades
 * RDS applies (a pinned minor would show a perpetual diff, and RDS stops creating old minors).
 * Aurora: CreateDBCluster takes "8.0" for Aurora MySQL version 3's default engine version (RDS API
 * Reference, CreateDBCluster, EngineVersion), and every Aurora PostgreSQL major has a default minor
 * that Aurora chooses when none is given (Aurora User Guide, "Amazon Aurora versioning", "Default
 * Amazon Aurora versions").
 */
export const DEFAULT_ENGINE_VERSIONS: Readonly<Record<DatabaseEngine, string>> = {
  mysql: "8.4",
  mariadb: "11.4",
  postgres: "16",
  "aurora-mysql": "8.0",
  "aurora-postgresql": "16",
};

// What a version string may look like, per engine, as CreateDBInstance / CreateDBCluster take it.
// RDS MySQL/MariaDB: "8.0" (major) or "8.0.40" (full); RDS PostgreSQL: "16" or "16.6";
// Aurora MySQL 3: "8.0" (its default version) or "8.0.mysql_aurora.3.08.2"; Aurora PostgreSQL:
// "16" (the major's default minor) or "16.6".
const VERSION_PATTERNS: Readonly<Record<DatabaseEngine, { pattern: RegExp; example: string }>> = {
  mysql: { pattern: /^\d+\.\d+(?:\.\d+)?$/, example: '"8.4" or "8.4.6"' },
  mariadb: { pattern: /^\d+\.\d+(?:\.\d+)?$/, example: '"11.4" or "11.4.5"' },
  postgres: { pattern: /^\d+(?:\.\d+)?$/, example: '"16" or "16.6"' },
  "aurora-mysql": {
    pattern: /^\d+\.\d+(?:\.mysql_aurora\.\d+\.\d+\.\d+)?$/,
    example: '"8.0" or "8.0.mysql_aurora.3.08.2"',
  },
  "aurora-postgresql": { pattern: /^\d+(?:\.\d+)?$/, example: '"16" or "16.6"' },
};

/**
 * Why `engineVersion` is not a version AWS accepts for `engine`, or undefined when it is.
 * Checks the shape and that the major version is one AWS still creates.
 */
export function engineVersionProblem(engine: DatabaseEngine, engineVersion: string): string | undefined {
  const { pattern, example } = VERSION_PATTERNS[engine];
  if (!pattern.test(engineVersion)) {
    return `must be a ${engine} version such as ${example} (got "${engineVersion}")`;
  }
  const family = parameterGroupFamily(engine, engineVersion);
  const major = family.slice(engine.length);
  const supported = SUPPORTED_MAJOR_VERSIONS[engine];
  if (!supported.includes(major)) {
    return `${engine} ${major} is not a major version AWS creates; use one of ${supported.join(", ")} (got "${engineVersion}")`;
  }
  if (engine === "aurora-mysql" && engineVersion !== "8.0" && !/^8\.0\.mysql_aurora\.3\./.test(engineVersion)) {
    return `Aurora MySQL 8.0 versions are 3.x ("8.0.mysql_aurora.3.<minor>.<patch>") (got "${engineVersion}")`;
  }
  return undefined;
}

/**
 * Why `engineVersion` cannot be used with the given auto minor upgrade choice, or undefined.
 * With auto minor version upgrade on, RDS moves an instance to new minor versions by itself; the
 * provider then keeps a configured major version ("8.0") matched to the running one ("8.0.40"),
 * but a full version ("8.0.39") is read back as the new one and every `up` tries to go back
 * (hashicorp/terraform-provider-aws internal/service/rds,
 * compareActualEngineVersion, v6.x: a configured version is kept when the running one only adds
 * a patch part after "<configured>."). So a full version needs auto minor upgrade off. Aurora the
 * same: aws_rds_cluster reads its version back through the same compareActualEngineVersion
 * (clusterSetResourceDataEngineVersionFromCluster, internal/service/rds/cluster.go), so "16.6"
 * after an upgrade to 16.8 is set back on every `up`, which RDS refuses ("Cannot upgrade
 * aurora-postgresql from 16.8 to 16.6"), while "16" and "8.0" match "16.8" and
 * "8.0.mysql_aurora.3.08.2".
 */
export function engineVersionPinProblem(
  engine: MigrationDatabaseEngine,
  engineVersion: string,
  autoMinorVersionUpgrade: boolean,
): string | undefined {
  if (!autoMinorVersionUpgrade) return undefined;
  // Oracle "19" and SQL Server "16.00" are kept against the running "19.0.0.0.ru-…" / "16.00.4185.3.v1" the same way.
  const major = isRdsCommercialEngine(engine)
    ? (commercialMajorVersion(engine, engineVersion) ?? engineVersion)
    : majorVersion(engine, engineVersion);
  if (major === engineVersion) return undefined;
  return `with automatic minor version upgrades on (the default), give the major version "${major}": RDS upgrades the minor version itself and "${engineVersion}" would be set back on every up; to pin "${engineVersion}", also set autoMinorVersionUpgrade: false (got "${engineVersion}")`;
}

/** The major version of an RDS instance engine version: MySQL/MariaDB "8.0.39" -> "8.0", PostgreSQL "16.6" -> "16". */
export function majorVersion(engine: DatabaseEngine, engineVersion: string): string {
  const parts = engineVersion.split(".");
  return parts.slice(0, engine === "postgres" || engine === "aurora-postgresql" ? 1 : 2).join(".");
}

const SMALL_BURSTABLE = /^db\.t(2|3|4g)\.(micro|small)$/;

/**
 * Whether Performance Insights (Database Insights standard mode) runs on this engine and class:
 * RDS for MySQL/MariaDB not on db.t2/t3/t4g micro or small; Aurora MySQL not on db.t2, db.t3 or
 * db.t4g micro/small; PostgreSQL everywhere ("Amazon RDS DB engine, Region, and instance class
 * support for Database Insights", RDS and Aurora user guides).
 */
export function performanceInsightsSupported(engine: DatabaseEngine, instanceClass: string): boolean {
  switch (engine) {
    case "mysql":
    case "mariadb":
      return !SMALL_BURSTABLE.test(instanceClass);
    case "aurora-mysql":
      return !/^db\.t(2|3)\./.test(instanceClass) && !/^db\.t4g\.(micro|small)$/.test(instanceClass);
    case "postgres":
    case "aurora-postgresql":
      return true;
  }
}

/** Why Aurora cannot run on `instanceClass`, or undefined: Aurora has no micro or small classes. */
export function auroraInstanceClassProblem(engine: DatabaseEngine, instanceClass: string): string | undefined {
  if (!isAurora(engine)) return undefined;
  if (/\.(micro|small)$/.test(instanceClass)) {
    return `Aurora has no ${instanceClass.split(".").pop()} instances; use db.t4g.medium or larger (got "${instanceClass}")`;
  }
  return undefined;
}

/** The smallest class both Aurora engines support, used when the profile's class is too small for Aurora. */
export const AURORA_MIN_INSTANCE_CLASS = "db.t4g.medium";

/**
 * The CA for the server certificate. rds-ca-rsa2048-g1 is the current RDS default (rds-ca-2019
 * expired in August 2024) and the one every client trust bundle (global-bundle.pem) carries.
 */
export const CA_CERT_IDENTIFIER = "rds-ca-rsa2048-g1";

/**
 * The `engine` value of the credentials secret: the Secrets Manager RDS secret structure names
 * the protocol family ("mysql", "mariadb", "postgres", "oracle", "sqlserver"), which is what
 * rotation functions and DMS read.
 */
export function secretEngineName(
  engine: MigrationDatabaseEngine,
): "mysql" | "mariadb" | "postgres" | "oracle" | "sqlserver" {
  if (isRdsCommercialEngine(engine)) return engine.startsWith("oracle") ? "oracle" : "sqlserver";
  switch (engine) {
    case "mysql":
    case "aurora-mysql":
      return "mysql";
    case "mariadb":
      return "mariadb";
    case "postgres":
    case "aurora-postgresql":
      return "postgres";
  }
}

/**
 * The log group RDS writes an exported log to: `/aws/rds/instance/<id>/<log>` for an instance,
 * `/aws/rds/cluster/<cluster id>/<log>` for Aurora. The name is fixed by RDS, so we create the
 * group ourselves (retention and tags) before the database starts writing to it.
 */
export function rdsLogGroupName(aurora: boolean, identifier: string, log: string): string {
  return `${rdsLogGroupPrefix(aurora, identifier)}${log}`;
}

/** The common prefix of a database's log groups (what the key policy lets CloudWatch Logs use the key for). */
export function rdsLogGroupPrefix(aurora: boolean, identifier: string): string {
  return `/aws/rds/${aurora ? "cluster" : "instance"}/${identifier}/`;
}
