import type { DatabaseEngine, DmsSslMode, EnvironmentProfile } from "@dms-platform/config";

/**
 * Database engines a DmsReplication endpoint can point at, and what DMS calls them.
 * DMS EngineName values: https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateEndpoint.html
 * (Aurora MySQL is "aurora"; Aurora PostgreSQL is "aurora-postgresql").
 */
export { DATABASE_ENGINES, type DatabaseEngine } from "@dms-platform/config";

/** The two families whose endpoint settings DMS types separately (`mysqlSettings`, `postgresSettings`). */
export type EngineFamily = "mysql" | "postgres";

const ENGINE_TABLE: Readonly<Record<DatabaseEngine, { engineName: string; family: EngineFamily; port: number }>> = {
  mysql: { engineName: "mysql", family: "mysql", port: 3306 },
  mariadb: { engineName: "mariadb", family: "mysql", port: 3306 },
  "aurora-mysql": { engineName: "aurora", family: "mysql", port: 3306 },
  postgres: { engineName: "postgres", family: "postgres", port: 5432 },
  "aurora-postgresql": { engineName: "aurora-postgresql", family: "postgres", port: 5432 },
};

/** The DMS `engineName` of an engine. */
export function dmsEngineName(engine: DatabaseEngine): string {
  return ENGINE_TABLE[engine].engineName;
}

/** The settings family of an engine. */
export function engineFamily(engine: DatabaseEngine): EngineFamily {
  return ENGINE_TABLE[engine].family;
}

/** The engine's default port. */
export function defaultPort(engine: DatabaseEngine): number {
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

export type EndpointEngineSettings = PostgresEndpointSettings | MysqlEndpointSettings;

/**
 * The `postgresSettings` / `mysqlSettings` property of an endpoint: the user's settings, plus the
 * platform's CDC defaults (a heartbeat on PostgreSQL sources). Returns the property name to set.
 */
export function endpointEngineSettings(
  engine: DatabaseEngine,
  endpointType: "source" | "target",
  settings: EndpointEngineSettings | undefined,
): { postgresSettings?: PostgresEndpointSettings; mysqlSettings?: MysqlEndpointSettings } {
  if (engineFamily(engine) === "postgres") {
    const pg: PostgresEndpointSettings = {
      ...(endpointType === "source" ? { heartbeatEnable: true } : {}),
      ...(settings as PostgresEndpointSettings | undefined),
    };
    return Object.keys(pg).length > 0 ? { postgresSettings: pg } : {};
  }
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
 * - MySQL, MariaDB and Aurora MySQL: with `secrets_manager_arn` set, `MySQLSettings` carries only
 *   the secret and its role; `database_name` is never sent and reads back empty, so setting it
 *   gives a diff on every preview and the endpoint ignores it (terraform-provider-aws issue
 *   36866, open). Leave it unset: a MySQL source needs none (DMS reads every schema the table
 *   mappings select), and a MySQL target writes each source schema into the database of the same
 *   name (`TargetDbType` multiple-databases, the default); rename with a `rename` rule on the
 *   schema to land elsewhere.
 */
export function endpointDatabaseName(engine: DatabaseEngine, databaseName: string): { databaseName?: string } {
  return engineFamily(engine) === "postgres" ? { databaseName } : {};
}

/**
 * Why a MySQL-family setting cannot work on an endpoint whose credentials come from Secrets
 * Manager, or undefined: `targetDbType: "specific-database"` needs the endpoint's DatabaseName,
 * which the provider does not send with a secret (see endpointDatabaseName).
 */
export function secretEndpointSettingsProblem(
  engine: DatabaseEngine,
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
 */
export function resolveSslMode(
  profile: Pick<EnvironmentProfile, "endpointSslMode">,
  explicit: Exclude<DmsSslMode, "none"> | undefined,
  hasCertificate: boolean,
): { sslMode: Exclude<DmsSslMode, "none">; error?: string } {
  const sslMode = explicit ?? (hasCertificate ? "verify-full" : profile.endpointSslMode);
  if ((sslMode === "verify-full" || sslMode === "verify-ca") && !hasCertificate) {
    return {
      sslMode,
      error: `sslMode ${sslMode}${explicit ? "" : " (the environment's default)"} needs certificateArn: import the RDS CA bundle with aws.dms.Certificate and pass its ARN, or set sslMode "require"`,
    };
  }
  return { sslMode };
}
