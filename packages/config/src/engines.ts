import { z } from "zod";

/**
 * The database engines the platform migrates between, as sources and targets: RDS MySQL, MariaDB
 * and PostgreSQL, and Aurora MySQL and PostgreSQL. One list for the components, the stacks'
 * config schemas and the CLI.
 */
export const DATABASE_ENGINES = ["mysql", "mariadb", "postgres", "aurora-mysql", "aurora-postgresql"] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];
export const databaseEngineSchema = z.enum(DATABASE_ENGINES);

/**
 * The commercial engines DMS reads from a database the platform does not create (on premises, on
 * EC2, or an RDS for Oracle / RDS for SQL Server instance of another stack): Oracle and Microsoft
 * SQL Server, DMS engine names `oracle` and `sqlserver`
 * (https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateEndpoint.html, EngineName).
 */
export const COMMERCIAL_ENGINES = ["oracle", "sqlserver"] as const;
export type CommercialEngine = (typeof COMMERCIAL_ENGINES)[number];

/**
 * The analytics warehouses DMS writes to, targets only: Amazon Redshift, DMS engine name `redshift`
 * (docs/analytics-targets.md).
 */
export const WAREHOUSE_ENGINES = ["redshift"] as const;
export type WarehouseEngine = (typeof WAREHOUSE_ENGINES)[number];

/** The engines DMS reads from: the database engines and the commercial engines. */
export const SOURCE_ENGINES = [...DATABASE_ENGINES, ...COMMERCIAL_ENGINES] as const;
export const sourceEngineSchema = z.enum(SOURCE_ENGINES);

/** Whether an engine is an analytics warehouse (Redshift). */
export function isWarehouseEngine(engine: string): engine is WarehouseEngine {
  return (WAREHOUSE_ENGINES as readonly string[]).includes(engine);
}

/**
 * Every engine a DMS endpoint of the platform can point at: the database engines, the
 * commercial engines (heterogeneous migrations, docs/heterogeneous.md) and the warehouses.
 */
export const ENDPOINT_ENGINES = [...DATABASE_ENGINES, ...COMMERCIAL_ENGINES, ...WAREHOUSE_ENGINES] as const;
export type EndpointEngine = (typeof ENDPOINT_ENGINES)[number];
export const endpointEngineSchema = z.enum(ENDPOINT_ENGINES);

/** Whether an engine is Oracle or SQL Server. */
export function isCommercialEngine(engine: string): engine is CommercialEngine {
  return (COMMERCIAL_ENGINES as readonly string[]).includes(engine);
}

/**
 * RDS for Oracle and RDS for SQL Server engines MigrationDatabase builds as targets, named as RDS
 * names them (CreateDBInstance Engine; hashicorp/terraform-provider-aws v6.x
 * internal/service/rds/consts.go instanceEngineOracle* / instanceEngineSQLServer*): Oracle
 * Enterprise and Standard Edition 2 (non-CDB and CDB architecture), SQL Server Enterprise,
 * Standard, Express and Web.
 */
export const RDS_COMMERCIAL_ENGINES = [
  "oracle-ee",
  "oracle-ee-cdb",
  "oracle-se2",
  "oracle-se2-cdb",
  "sqlserver-ee",
  "sqlserver-se",
  "sqlserver-ex",
  "sqlserver-web",
] as const;
export type RdsCommercialEngine = (typeof RDS_COMMERCIAL_ENGINES)[number];

/**
 * Why DMS cannot write to the engine, or undefined. DMS writes to SQL Server Enterprise, Standard,
 * Workgroup and Developer editions, not Web or Express (DMS User Guide, "Targets for AWS DMS":
 * "The Web and Express editions are not supported", for RDS instances as for self-managed ones, and
 * CHAP_Target.SQLServer.md; awsdocs/aws-dms-user-guide doc_source at commits 0a38dfe5 and
 * 81be26a0, and the live pages of 2026). RDS creates such instances, but a DMS task writing to one
 * fails, so a migration target of either is refused, in the foundation's database keys and in the
 * replication's `migration.target.engine`.
 */
export function dmsTargetEditionProblem(engine: RdsCommercialEngine): string | undefined {
  if (engine !== "sqlserver-web" && engine !== "sqlserver-ex") return undefined;
  const edition = engine === "sqlserver-web" ? "Web" : "Express";
  return `AWS DMS does not write to SQL Server ${edition} Edition (it supports Enterprise, Standard, Workgroup and Developer; DMS User Guide, "Targets for AWS DMS"): use sqlserver-se or sqlserver-ee (got "${engine}")`;
}

/** Every engine MigrationDatabase builds: the database engines, and RDS for Oracle / SQL Server (targets). */
export const MIGRATION_DATABASE_ENGINES = [...DATABASE_ENGINES, ...RDS_COMMERCIAL_ENGINES] as const;
export type MigrationDatabaseEngine = (typeof MIGRATION_DATABASE_ENGINES)[number];
export const migrationDatabaseEngineSchema = z.enum(MIGRATION_DATABASE_ENGINES);

/**
 * The engines a migration's target can be: a database MigrationDatabase builds (RDS for Oracle and
 * SQL Server included), or a warehouse.
 */
export const TARGET_ENGINES = [...MIGRATION_DATABASE_ENGINES, ...WAREHOUSE_ENGINES] as const;
export type TargetEngine = (typeof TARGET_ENGINES)[number];
export const targetEngineSchema = z.enum(TARGET_ENGINES);

/** Whether an engine is an RDS for Oracle or RDS for SQL Server edition. */
export function isRdsCommercialEngine(engine: string): engine is RdsCommercialEngine {
  return (RDS_COMMERCIAL_ENGINES as readonly string[]).includes(engine);
}

/** The DMS endpoint engine of a database MigrationDatabase builds: `oracle` for every Oracle edition, `sqlserver` for every SQL Server one. */
export function endpointEngineOf(engine: MigrationDatabaseEngine | WarehouseEngine): EndpointEngine {
  if (!isRdsCommercialEngine(engine)) return engine;
  return engine.startsWith("oracle") ? "oracle" : "sqlserver";
}
