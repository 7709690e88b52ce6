import type { DmsSslMode, EndpointEngine, EnvironmentProfile } from "@dms-platform/config";
import {
  commercialEngineDefaults,
  type OracleEndpointSettings,
  type SqlServerEndpointSettings,
  SUPPORTED_SSL_MODES,
  sqlServerExtraConnectionAttributes,
} from "./commercial-engines.js";

/**
 * Database engines a DmsReplication endpoint can point at, and what DMS calls them.
 * DMS EngineName values: https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateEndpoint.html
 * (Aurora MySQL is "aurora"; Aurora PostgreSQL is "aurora-postgresql"; Oracle "oracle"; Microsoft
 * SQL Server "sqlserver").
 */
export {
  DATABASE_ENGINES,
  type DatabaseEngine,
  ENDPOINT_ENGINES,
  type EndpointEngine,
} from "@dms-platform/config";

/**
 * The families whose endpoint settings DMS types separately (`mysqlSettings`, `postgresSettings`,
 * `oracleSettings`; SQL Server's go through extra connection attributes).
 */
export type EngineFamily = "mysql" | "postgres" | "oracle" | "sqlserver" | "redshift";

const ENGINE_TABLE: Readonly<Record<EndpointEngine, { engineName: string; family: EngineFamily; port: number }>> = {
  mysql: { engineName: "mysql", family: "mysql", port: 3306 },
  mariadb: { engineName: "mariadb", family: "mysql", port: 3306 },
  "aurora-mysql": { engineName: "aurora", family: "mysql", port: 3306 },
  postgres: { engineName: "postgres", family: "postgres", port: 5432 },
  "aurora-postgresql": { engineName: "aurora-postgresql", family: "postgres", port: 5432 },
  // The listener and SQL Server defaults (CHAP_Source.Oracle.md and CHAP_Source.SQLServer.md examples).
  oracle: { engineName: "oracle", family: "oracle", port: 1521 },
  sqlserver: { engineName: "sqlserver", family: "sqlserver", port: 1433 },
  // A target only (docs/analytics-targets.md); its settings are the platform's (redshift-endpoint.ts).
  redshift: { engineName: "redshift", family: "redshift", port: 5439 },
};

/** The DMS `engineName` of an engine. */
export function dmsEngineName(engine: EndpointEngine): string {
  return ENGINE_TABLE[engine].engineName;
}

/** The settings family of an engine. */
export function engineFamily(engine: EndpointEngine): EngineFamily {
  return ENGINE_TABLE[engine].family;
}

/** The engine's default port. */
export function defaultPort(engine: EndpointEngine): number {
  return ENGINE_TABLE[engine].port;
}

/**
 * Typed PostgreSQL endpoint settings (the subset CDC needs). Names follow `aws.dms.Endpoint`'s
 * `postgresSettings`. https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html
 */
export interface PostgresEndpointSettings {
  /** Logical replication slot DMS reads from (must exist when set). @default DMS creates one */
  slotName?: string;
  /** Logical decoding plugin. @default DMS's choice (test_decoding) */
  pluginName?: "test_decoding" | "pglogical";
  /**
   * Write a heartbeat to the source so an idle database still advances the slot's restart_lsn
   * (an idle slot otherwise holds WAL until storage fills). @default true on a source endpoint
   */
  heartbeatEnable?: boolean;
  /** Minutes between heartbeats. @default DMS's (5) */
  heartbeatFrequency?: number;
  /** Schema holding the heartbeat artifacts. @default DMS's (public) */
  heartbeatSchema?: string;
  /** Capture DDL through event triggers. @default DMS's (true) */
  captureDdls?: boolean;
  /** Schema of the DDL capture artifacts. */
  ddlArtifactsSchema?: string;
  /** Fail the task when a LOB is truncated instead of logging a warning. */
  failTasksOnLobTruncation?: boolean;
  /** Client statement timeout, seconds. */
  executeTimeout?: number;
  /** Maximum CSV file size (KB) used to transfer data to a PostgreSQL target. */
  maxFileSize?: number;
  /** Map PostgreSQL BOOLEAN to BOOLEAN rather than VARCHAR(5) (PostgreSQL to PostgreSQL). */
  mapBooleanAsBoolean?: boolean;
}

/**
 * Typed MySQL/MariaDB/Aurora MySQL endpoint settings. Names follow `aws.dms.Endpoint`'s
 * `mysqlSettings`. https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MySQL.html
 */
export interface MysqlEndpointSettings {
  /** Time zone of the source database (e.g. "US/Pacific"); needed when it is not UTC. */
  serverTimezone?: string;
  /** Seconds between binary log polls when the source is idle. @default DMS's (5) */
  eventsPollInterval?: number;
  /** Threads loading data into a MySQL target. */
  parallelLoadThreads?: number;
  /** Where a MySQL target's tables go: "specific-database" (the endpoint's) or "multiple-databases". */
  targetDbType?: "specific-database" | "multiple-databases";
  /** SQL run after DMS connects (e.g. `SET SESSION ...`). */
  afterConnectScript?: string;
  /** Clean and recreate table metadata on a mismatch (source). */
  cleanSourceMetadataOnMismatch?: boolean;
  /** Maximum CSV file size (KB) used to transfer data to a MySQL target. */
  maxFileSize?: number;
  /** Client statement timeout, seconds. */
  executeTimeout?: number;
}

export type EndpointEngineSettings =
  | PostgresEndpointSettings
  | MysqlEndpointSettings
  | OracleEndpointSettings
  | SqlServerEndpointSettings;

/** What an endpoint sends for its engine settings: one typed block, or SQL Server's attributes. */
export interface EndpointEngineSettingsInputs {
  postgresSettings?: PostgresEndpointSettings;
  mysqlSettings?: MysqlEndpointSettings;
  /** `oracleSettings` without the platform's own `asmSecretKmsKeyArn`; the ASM role is the endpoint's. */
  oracleSettings?: Omit<OracleEndpointSettings, "asmSecretKmsKeyArn">;
  extraConnectionAttributes?: string;
}

/**
 * The `postgresSettings` / `mysqlSettings` / `oracleSettings` property of an endpoint, or a SQL
 * Server endpoint's `extraConnectionAttributes`: the user's settings over the platform's defaults
 * (a heartbeat on PostgreSQL sources, commercialEngineDefaults on Oracle and SQL Server sources).
 */
export function endpointEngineSettings(
  engine: EndpointEngine,
  endpointType: "source" | "target",
  settings: EndpointEngineSettings | undefined,
): EndpointEngineSettingsInputs {
  const family = engineFamily(engine);
  if (family === "postgres") {
    const pg: PostgresEndpointSettings = {
      ...(endpointType === "source" ? { heartbeatEnable: true } : {}),
      ...(settings as PostgresEndpointSettings | undefined),
    };
    return Object.keys(pg).length > 0 ? { postgresSettings: pg } : {};
  }
  if (family === "oracle") {
    const { asmSecretKmsKeyArn: _key, ...oracle } = {
      ...(commercialEngineDefaults("oracle", endpointType) as OracleEndpointSettings),
      ...(settings as OracleEndpointSettings | undefined),
    };
    return Object.keys(oracle).length > 0 ? { oracleSettings: oracle } : {};
  }
  if (family === "sqlserver") {
    const attributes = sqlServerExtraConnectionAttributes({
      ...(commercialEngineDefaults("sqlserver", endpointType) as SqlServerEndpointSettings),
      ...(settings as SqlServerEndpointSettings | undefined),
    });
    return attributes !== undefined ? { extraConnectionAttributes: attributes } : {};
  }
  // A Redshift endpoint's redshiftSettings (intermediate bucket, KMS) are set by DmsReplication.
  if (family === "redshift") return {};
  const my = { ...(settings as MysqlEndpointSettings | undefined) };
  return Object.keys(my).length > 0 ? { mysqlSettings: my } : {};
}

/**
 * Where an endpoint that reads its credentials from Secrets Manager carries its database name,
 * as the provider sends and reads it back (hashicorp/terraform-provider-aws
 * internal/service/dms/endpoint.go, v6.x as bridged by @pulumi/aws 7.48: resourceEndpointCreate /
 * resourceEndpointUpdate / resourceEndpointSetState).
 * - PostgreSQL and Aurora PostgreSQL: `PostgreSQLSettings.DatabaseName` is sent on create and
 *   modify, and read back into `database_name`: set `databaseName`.
 * - Oracle and SQL Server: `OracleSettings.DatabaseName` / `MicrosoftSQLServerSettings.DatabaseName`
 *   is sent with the secret on create and modify: set `databaseName` (Oracle's is the service name
 *   or SID DMS connects to).
 * - MySQL, MariaDB and Aurora MySQL: with `secrets_manager_arn` set, `MySQLSettings` carries only
 *   the secret and its role; `database_name` is never sent and reads back empty, so setting it
 *   gives a diff on every preview and the endpoint ignores it (terraform-provider-aws issue
 *   36866, open). Leave it unset: a MySQL source needs none (DMS reads every schema the table
 *   mappings select), and a MySQL target writes each source schema into the database of the same
 *   name (`TargetDbType` multiple-databases, the default); rename with a `rename` rule on the
 *   schema to land elsewhere.
 */
export function endpointDatabaseName(engine: EndpointEngine, databaseName: string): { databaseName?: string } {
  return engineFamily(engine) === "mysql" ? {} : { databaseName };
}

/**
 * Why a MySQL-family setting cannot work on an endpoint whose credentials come from Secrets
 * Manager, or undefined: `targetDbType: "specific-database"` needs the endpoint's DatabaseName,
 * which the provider does not send with a secret (see endpointDatabaseName).
 */
export function secretEndpointSettingsProblem(
  engine: EndpointEngine,
  settings: EndpointEngineSettings | undefined,
): string | undefined {
  if (engineFamily(engine) !== "mysql") return undefined;
  const targetDbType = (settings as MysqlEndpointSettings | undefined)?.targetDbType;
  if (targetDbType === "specific-database") {
    return 'targetDbType "specific-database" needs a database name on the endpoint, which the AWS provider does not send for a Secrets Manager endpoint (terraform-provider-aws issue 36866): remove it and let each source schema land in the target database of the same name, or rename the schema with a table-mapping rule';
  }
  return undefined;
}

/**
 * The SSL mode of an endpoint: `verify-full` when a certificate is given, else the explicit mode,
 * else the profile's. Never `none` (the args schema refuses it). `verify-ca`/`verify-full` need a
 * CA certificate imported into DMS (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html):
 * returns an error text when one is missing.
 *
 * Oracle and SQL Server support fewer modes (SUPPORTED_SSL_MODES, the table of CHAP_Security.SSL.md):
 * an Oracle endpoint is always `verify-ca`, against the Oracle wallet imported as its certificate
 * (so it needs `certificateArn` in every environment, and prod's verify-full becomes verify-ca);
 * a SQL Server endpoint takes `require` or `verify-full`, and `verify-ca` is refused.
 */
export function resolveSslMode(
  profile: Pick<EnvironmentProfile, "endpointSslMode">,
  explicit: Exclude<DmsSslMode, "none"> | undefined,
  hasCertificate: boolean,
  engine?: EndpointEngine,
): { sslMode: Exclude<DmsSslMode, "none">; error?: string } {
  if (engine === "oracle") {
    if (explicit !== undefined && explicit !== "verify-ca") {
      return {
        sslMode: explicit,
        error: `sslMode ${explicit} is not supported by DMS for Oracle, which supports only verify-ca (CHAP_Security.SSL.md): remove sslMode, or set "verify-ca"`,
      };
    }
    if (!hasCertificate) {
      return {
        sslMode: "verify-ca",
        error:
          "an Oracle endpoint encrypts only with sslMode verify-ca, which needs certificateArn: import the Oracle wallet (.sso) of the database's CA with aws.dms.Certificate certificateWallet and pass its ARN (CHAP_Source.Oracle.md, SSL support for an Oracle endpoint)",
      };
    }
    return { sslMode: "verify-ca" };
  }
  const sslMode = explicit ?? (hasCertificate ? "verify-full" : profile.endpointSslMode);
  if (engine === "sqlserver" && !SUPPORTED_SSL_MODES.sqlserver.includes(sslMode)) {
    return {
      sslMode,
      error: `sslMode ${sslMode} is not supported by DMS for SQL Server, which supports require and verify-full (CHAP_Security.SSL.md): set "verify-full" with certificateArn, or "require"`,
    };
  }
  if ((sslMode === "verify-full" || sslMode === "verify-ca") && !hasCertificate) {
    return {
      sslMode,
      error: `sslMode ${sslMode}${explicit ? "" : " (the environment's default)"} needs certificateArn: import the RDS CA bundle with aws.dms.Certificate and pass its ARN, or set sslMode "require"`,
    };
  }
  return { sslMode };
}
