/**
 * RDS for Oracle and RDS for SQL Server as migration targets: the facts MigrationDatabase decides
 * by (license models, Multi-AZ, versions, parameter group families, TLS, logs, names). Pure,
 * unit-tested without Pulumi. Each rule cites the page or provider file it comes from.
 */
import type { RdsCommercialEngine } from "@dms-platform/config";
import type { ParameterRequirement } from "./cdc-parameters.js";

export {
  dmsTargetEditionProblem,
  isRdsCommercialEngine,
  RDS_COMMERCIAL_ENGINES,
  type RdsCommercialEngine,
} from "@dms-platform/config";

/** CreateDBInstance LicenseModel values for these engines. */
export type LicenseModel = "license-included" | "bring-your-own-license";

const DOCS = {
  oracleLicensing: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Oracle.Concepts.Licensing.html",
  sqlServerByom: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/sqlserver-byom.html",
  sqlServerMultiAz: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_SQLServerMultiAZ.html",
  sqlServerTls: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html",
  oracleSsl: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.Oracle.Options.SSL.html",
} as const;

/** Whether the engine is an Oracle edition (`oracle-*`). */
export function isOracleEdition(engine: RdsCommercialEngine): boolean {
  return engine.startsWith("oracle-");
}

/**
 * The license models RDS offers per engine, the first being the default the platform picks:
 * - Oracle SE2: License Included or BYOL; Oracle EE: BYOL only ("RDS for Oracle licensing options":
 *   "The License Included model is supported only on Amazon RDS for Oracle Database SE2";
 *   "Amazon RDS supports the BYOL model only for Oracle Database EE and SE2").
 * - SQL Server: License Included. Bring Your Own Media (existing licenses through License Mobility)
 *   installs from uploaded media as a custom engine version, which MigrationDatabase does not build
 *   ("Bring Your Own Media (BYOM) for RDS for SQL Server").
 * The provider leaves `license_model` unchecked (Optional, Computed; hashicorp/terraform-provider-aws
 * v6.x internal/service/rds/instance.go): RDS refuses a wrong one at CreateDBInstance, so we refuse it first.
 */
export const LICENSE_MODELS: Readonly<Record<RdsCommercialEngine, readonly LicenseModel[]>> = {
  "oracle-ee": ["bring-your-own-license"],
  "oracle-ee-cdb": ["bring-your-own-license"],
  "oracle-se2": ["license-included", "bring-your-own-license"],
  "oracle-se2-cdb": ["license-included", "bring-your-own-license"],
  "sqlserver-ee": ["license-included"],
  "sqlserver-se": ["license-included"],
  "sqlserver-ex": ["license-included"],
  "sqlserver-web": ["license-included"],
};

/** Why `licenseModel` cannot run `engine`, or undefined. */
export function licenseModelProblem(engine: RdsCommercialEngine, licenseModel: string): string | undefined {
  const allowed = LICENSE_MODELS[engine];
  if ((allowed as readonly string[]).includes(licenseModel)) return undefined;
  const why = isOracleEdition(engine)
    ? `RDS offers License Included on Oracle Standard Edition 2 only; Enterprise Edition runs on your own licenses (${DOCS.oracleLicensing})`
    : `RDS for SQL Server instances are License Included; existing licenses come through Bring Your Own Media, a custom engine version this component does not build (${DOCS.sqlServerByom})`;
  return `${engine} takes ${allowed.map((m) => `"${m}"`).join(" or ")}: ${why} (got "${licenseModel}")`;
}

/**
 * Whether RDS runs the engine Multi-AZ. SQL Server Standard and Enterprise use Always On / mirroring,
 * Web Edition block-level replication; Express has no Multi-AZ ("Multi-AZ deployments for Amazon RDS
 * for Microsoft SQL Server" and its "Limitations, notes and recommendations"). Oracle: every edition.
 */
export function multiAzSupported(engine: RdsCommercialEngine): boolean {
  return engine !== "sqlserver-ex";
}

/** Why the engine cannot run Multi-AZ, for the error at `multiAz`. */
export const MULTI_AZ_REFUSAL = `SQL Server Express Edition has no Multi-AZ deployment on RDS (${DOCS.sqlServerMultiAz}); use sqlserver-se or sqlserver-ee (which DMS writes to), or set multiAz: false`;

/**
 * Major versions accepted: Oracle Database 19c (non-CDB and CDB) and 21c (CDB only), SQL Server
 * 2017, 2019 and 2022 (2016 left extended support in July 2026). Sources: "Amazon RDS for Oracle
 * Database 19c (19.0.0.0)" release notes and "RDS for Oracle releases"; "Microsoft SQL Server
 * versions on Amazon RDS" (DescribeDBEngineVersions MajorEngineVersion "16.00", family sqlserver-ee-16.0).
 */
export const COMMERCIAL_MAJOR_VERSIONS: Readonly<Record<RdsCommercialEngine, readonly string[]>> = {
  "oracle-ee": ["19"],
  "oracle-se2": ["19"],
  "oracle-ee-cdb": ["19", "21"],
  "oracle-se2-cdb": ["19", "21"],
  "sqlserver-ee": ["14.00", "15.00", "16.00"],
  "sqlserver-se": ["14.00", "15.00", "16.00"],
  "sqlserver-ex": ["14.00", "15.00", "16.00"],
  "sqlserver-web": ["14.00", "15.00", "16.00"],
};

/** The version given when none is: the newest major (RDS picks its default minor). */
export const COMMERCIAL_DEFAULT_VERSIONS: Readonly<Record<RdsCommercialEngine, string>> = {
  "oracle-ee": "19",
  "oracle-se2": "19",
  "oracle-ee-cdb": "19",
  "oracle-se2-cdb": "19",
  "sqlserver-ee": "16.00",
  "sqlserver-se": "16.00",
  "sqlserver-ex": "16.00",
  "sqlserver-web": "16.00",
};

// Oracle: "19" (major) or a Release Update "19.0.0.0.ru-2025-01.rur-2025-01.r1" (from July 2026
// "…mrp-<date>…"), RDS for Oracle release notes naming format. SQL Server: "16.00" or
// "16.00.4185.3.v1" (DescribeDBEngineVersions EngineVersion).
const ORACLE_VERSION = /^(\d+)(?:\.0\.0\.0\.ru-\d{4}-\d{2}\.(?:rur|mrp)-\d{4}-\d{2}\.r\d+)?$/;
const SQLSERVER_VERSION = /^(\d+\.00)(?:\.\d+\.\d+\.v\d+)?$/;

/** The major version of an Oracle or SQL Server version string, or undefined when it has no known shape. */
export function commercialMajorVersion(engine: RdsCommercialEngine, engineVersion: string): string | undefined {
  return (isOracleEdition(engine) ? ORACLE_VERSION : SQLSERVER_VERSION).exec(engineVersion)?.[1];
}

/** Why `engineVersion` is not one RDS creates for `engine`, or undefined. */
export function commercialEngineVersionProblem(engine: RdsCommercialEngine, engineVersion: string): string | undefined {
  const major = commercialMajorVersion(engine, engineVersion);
  const example = isOracleEdition(engine)
    ? '"19" or "19.0.0.0.ru-2025-01.rur-2025-01.r1"'
    : '"16.00" or "16.00.4185.3.v1"';
  if (major === undefined) return `must be a ${engine} version such as ${example} (got "${engineVersion}")`;
  const supported = COMMERCIAL_MAJOR_VERSIONS[engine];
  if (!supported.includes(major)) {
    const cdb =
      isOracleEdition(engine) && major === "21"
        ? " (Oracle 21c runs only in the CDB architecture: oracle-ee-cdb, oracle-se2-cdb)"
        : "";
    return `${engine} ${major} is not a major version RDS creates${cdb}; use one of ${supported.join(", ")} (got "${engineVersion}")`;
  }
  return undefined;
}

/** The parameter group (and option group) family: oracle-ee-19, oracle-se2-cdb-21, sqlserver-se-16.0. */
export function commercialParameterGroupFamily(engine: RdsCommercialEngine, engineVersion: string): string {
  const major = commercialMajorVersion(engine, engineVersion);
  if (major === undefined)
    throw new Error(`cannot derive a parameter group family from ${engine} version "${engineVersion}"`);
  return isOracleEdition(engine) ? `${engine}-${major}` : `${engine}-${major.replace(/\.00$/, ".0")}`;
}

/** The listener port RDS gives the instance: Oracle 1521, SQL Server 1433 (CreateDBInstance Port defaults). */
export function commercialListenerPort(engine: RdsCommercialEngine): number {
  return isOracleEdition(engine) ? 1521 : 1433;
}

/**
 * The port of Oracle's SSL listener, which the Oracle SSL option opens beside the clear-text one
 * ("Oracle Secure Sockets Layer": RDS uses a second port for SSL; 2484 in the guide's examples).
 */
export const ORACLE_SSL_PORT = 2484;

/** An option of the instance's option group (aws.rds.OptionGroup `options`). */
export interface OptionRequirement {
  optionName: string;
  port?: number;
  optionSettings: Array<{ name: string; value: string }>;
  reason: string;
  docs: string;
}

/**
 * Oracle's TLS: the SSL option on its own port, TLS 1.2 only (SQLNET.SSL_VERSION "1.2"; the guide asks
 * that it be set explicitly when the option is added). The option leaves the clear-text listener
 * open, so MigrationDatabase admits clients on the SSL port only: nothing reaches 1521.
 */
export function oracleSslOption(port: number): OptionRequirement {
  return {
    optionName: "SSL",
    port,
    optionSettings: [{ name: "SQLNET.SSL_VERSION", value: "1.2" }],
    reason: `Opens an SSL listener on ${port}; the security group admits clients on that port only, so every connection (DMS included) is encrypted.`,
    docs: DOCS.oracleSsl,
  };
}

/** SQL Server's TLS: rds.force_ssl 1 in the DB parameter group (static: applied at the next reboot, which RDS does at creation). */
export const SQLSERVER_FORCE_SSL: ParameterRequirement = {
  parameter: "rds.force_ssl",
  value: "1",
  applyMethod: "pending-reboot",
  scope: "instance",
  purpose: "tls",
  reason: "Refuses every connection to SQL Server that is not encrypted with TLS (the parameter-group default is 0).",
  docs: DOCS.sqlServerTls,
};

/**
 * The logs exported to CloudWatch (the provider's instanceExportableLogType_Values, v6.x): Oracle
 * alert, audit, listener and trace ("oemagent" only with the OEM Agent option, not added here);
 * SQL Server agent and error.
 */
export function commercialLogExports(engine: RdsCommercialEngine): string[] {
  return isOracleEdition(engine) ? ["alert", "audit", "listener", "trace"] : ["agent", "error"];
}

/**
 * Why `databaseName` cannot name the database of `engine`, or undefined. Oracle: it is the SID
 * (CreateDBInstance DBName: 1 to 8 alphanumeric characters, at least one letter). SQL Server: RDS
 * creates no database at launch (DBName must be null), so it names the database DMS writes to, which
 * the operator creates (docs/heterogeneous.md); SQL Server identifiers up to 128 characters.
 */
export function commercialDatabaseNameProblem(engine: RdsCommercialEngine, databaseName: string): string | undefined {
  if (isOracleEdition(engine)) {
    if (!/^[A-Za-z0-9]{1,8}$/.test(databaseName) || !/[A-Za-z]/.test(databaseName)) {
      return `is the Oracle SID: 1 to 8 letters and digits with at least one letter (CreateDBInstance DBName) (got "${databaseName}")`;
    }
    return undefined;
  }
  if (databaseName.length > 128)
    return `must be at most 128 characters (SQL Server identifier) (got "${databaseName}")`;
  return undefined;
}

/**
 * National character sets RDS for Oracle offers ("RDS for Oracle character sets": AL16UTF16, the
 * default, and UTF8). The database character set is one of Oracle's names (AL32UTF8, the RDS default,
 * WE8ISO8859P1, …), checked here by shape only.
 */
export const ORACLE_NCHAR_CHARACTER_SETS = ["AL16UTF16", "UTF8"] as const;

/**
 * Why the instance class cannot run Oracle or SQL Server, or undefined: RDS runs neither on Graviton
 * (db.*g* classes such as db.r6g, db.m7g, db.t4g; "Supported DB engines for DB instance classes").
 */
export function commercialInstanceClassProblem(instanceClass: string): string | undefined {
  if (/^db\.[a-z]+\d+g[a-z]*\./.test(instanceClass)) {
    return `RDS runs Oracle and SQL Server on x86 classes only, not Graviton; use e.g. db.m5.large, db.r5.large or db.r6i.large (got "${instanceClass}")`;
  }
  return undefined;
}
