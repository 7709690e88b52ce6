import {
  type Assert,
  componentContextSchema,
  type Environment,
  getProfile,
  input,
  isEnvironment,
  MIGRATION_DATABASE_ENGINES,
  type MigrationDatabaseEngine,
  type RequiredTags,
  rdsInstanceClassSchema,
  type SameKeys,
  type SameValues,
} from "@dms-platform/config";
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  type DatabaseEngine,
  ENGINE_PORTS,
  isAurora,
  type ParameterRequirement,
  parameterGroupFamily,
  parametersForScope,
  serverParameters,
} from "./cdc-parameters.js";
import {
  COMMERCIAL_DEFAULT_VERSIONS,
  commercialDatabaseNameProblem,
  commercialEngineVersionProblem,
  commercialInstanceClassProblem,
  commercialListenerPort,
  commercialLogExports,
  commercialParameterGroupFamily,
  dmsTargetEditionProblem,
  isOracleEdition,
  isRdsCommercialEngine,
  LICENSE_MODELS,
  type LicenseModel,
  licenseModelProblem,
  MULTI_AZ_REFUSAL,
  multiAzSupported,
  type OptionRequirement,
  ORACLE_NCHAR_CHARACTER_SETS,
  ORACLE_SSL_PORT,
  oracleSslOption,
  type RdsCommercialEngine,
  SQLSERVER_FORCE_SSL,
} from "./commercial.js";
import {
  AURORA_MIN_INSTANCE_CLASS,
  auroraInstanceClassProblem,
  DEFAULT_ENGINE_VERSIONS,
  engineVersionPinProblem,
  engineVersionProblem,
  performanceInsightsSupported,
} from "./engine.js";
import { DATABASE_LOGGING, planLogging } from "./log-parameters.js";

/** Arguments of MigrationDatabase. Defaults come from the environment's profile (`getProfile(environment)`). */
export interface MigrationDatabaseArgs {
  /** The stack's environment; selects the profile of defaults. */
  environment: Environment;
  /** Application name, a part of every physical name (`<env>-<app>-<purpose>`). */
  application: string;
  /** The five required tags (plus any extra), set on every taggable child; Environment must equal `environment`. */
  tags: RequiredTags & Record<string, string>;
  /** Whether DMS reads from this database (`source`) or writes to it (`target`). */
  role: "source" | "target";
  /**
   * The database engine; `aurora-*` builds a cluster with one writer (and a reader when multi-AZ).
   * RDS for Oracle (`oracle-ee`, `oracle-se2`, and their `-cdb` architecture) and RDS for SQL Server
   * (`sqlserver-ee`, `sqlserver-se`) build a target only (docs/heterogeneous.md); `sqlserver-ex` and
   * `sqlserver-web` are refused, as DMS writes to neither edition.
   */
  engine: MigrationDatabaseEngine;
  /**
   * Engine version AWS accepts: the major version ("8.0", "16"), which RDS (and Aurora) keeps on its
   * latest minor; a full one ("8.0.39", "16.6", "8.0.mysql_aurora.3.08.2") only with
   * `autoMinorVersionUpgrade: false`. @default mysql "8.4", mariadb "11.4", postgres "16", aurora-mysql "8.0", aurora-postgresql "16"
   */
  engineVersion?: string;
  /** Let RDS apply minor version upgrades in the maintenance window. Off only to pin a full engineVersion. @default true */
  autoMinorVersionUpgrade?: boolean;
  /**
   * Oracle and SQL Server only: `license-included` (AWS's licenses, in the hourly price) or
   * `bring-your-own-license`. Oracle EE takes BYOL only; SQL Server License Included only.
   * @default oracle-se2 and SQL Server "license-included", oracle-ee "bring-your-own-license"
   */
  licenseModel?: LicenseModel;
  /** Oracle only: the database character set, fixed at creation. @default "AL32UTF8" (RDS's default) */
  characterSetName?: string;
  /** Oracle only: the national character set (AL16UTF16 or UTF8), fixed at creation. @default "AL16UTF16" (RDS's default) */
  ncharCharacterSetName?: (typeof ORACLE_NCHAR_CHARACTER_SETS)[number];
  /** Prepare the database as a CDC source (binlog / logical replication parameters, backups on). Only with role "source". @default false */
  cdc?: boolean;
  /** The purpose part of physical names (`<env>-<app>-<purpose>`). @default "src" for a source, "tgt" for a target */
  purpose?: string;
  /**
   * DB instance class. @default profile.dbInstanceClass: dev db.t3.micro, test db.t3.medium, prod db.r6g.large (Aurora: db.t4g.medium where the profile's class is micro/small).
   * Required for Oracle and SQL Server, whose classes differ per edition (and are never Graviton).
   */
  instanceClass?: string;
  /** Allocated storage in GiB (RDS instances only; Aurora storage grows by itself). @default 20 */
  allocatedStorageGb?: number;
  /** Upper bound for storage autoscaling in GiB (RDS instances only). @default 5 × allocatedStorageGb */
  maxAllocatedStorageGb?: number;
  /**
   * The database created at launch, which DMS endpoints name. Oracle: the SID (1 to 8 letters and
   * digits). SQL Server: RDS creates none at launch; the name of the database DMS writes to, created
   * by the operator before the task starts. @default "app"
   */
  databaseName?: string;
  /** Master user name. @default "dbadmin" */
  masterUsername?: string;
  /** Bump to rotate the master password: a new one is generated, set on the database and written to the secret. @default 1 */
  masterPasswordVersion?: number;
  /** The VPC the database's security group lives in. */
  vpcId: pulumi.Input<string>;
  /** Private subnets (at least two, in distinct availability zones) for the DB subnet group; a list or an Output of one. */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security groups admitted on the engine's port (more can be added with `allowFrom`). @default none */
  allowedSecurityGroupIds?: pulumi.Input<string>[];
  /** Customer-managed KMS key for storage, Performance Insights and the secret. @default a new key with rotation on */
  kmsKeyArn?: pulumi.Input<string>;
  /** Multi-AZ instance (Aurora: a reader in a second AZ). @default profile.multiAz: dev off, test off, prod on */
  multiAz?: boolean;
  /** RDS deletion protection. @default profile.deletionProtection: dev off, test on, prod on */
  deletionProtection?: boolean;
  /** Days of automated backups; at least 1 for a CDC source. @default profile.backupRetentionDays: dev 1, test 7, prod 35 */
  backupRetentionDays?: number;
  /** Take a final snapshot on deletion. @default profile.finalSnapshot: dev off, test on, prod on */
  finalSnapshot?: boolean;
  /** Pulumi `protect` on the database and its key. @default profile.protect: dev off, test off, prod on */
  protect?: boolean;
  /** Days the RDS log groups keep events. @default profile.logRetentionDays: dev 30, test 90, prod 365 */
  logRetentionDays?: number;
}

/** CloudWatch Logs retention values (PutRetentionPolicy), "never expire" excluded. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

// RDS: database names and master user names start with a letter and hold letters, digits and
// underscores; MySQL caps user names at 32 characters and database names at 64, PostgreSQL at 63.
const identifierSchema = (max: number) =>
  z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must start with a letter and contain only letters, digits and underscores")
    .max(max, `must be at most ${max} characters`);

// Accounts RDS creates for itself on every instance; a master user cannot take their names.
const RESERVED_USERNAMES = ["rdsadmin", "rdsrepladmin", "rdstopmgr"];

/** A `pulumi.Input<T>`: a T checked by `schema`, or an Output or Promise taken as is. */
const pulumiInput = <S extends z.ZodType>(schema: S) => input<S, pulumi.Input<z.input<S>>>(schema);

const securityGroupId = pulumiInput(z.string().regex(/^sg-[0-9a-f]+$/, "must be a security group id (sg-...)"));

/** The zod schema of MigrationDatabaseArgs: unknown keys are errors; cross-field rules name the field they concern. */
export const migrationDatabaseArgsSchema = componentContextSchema
  .extend({
    role: z.enum(["source", "target"]),
    engine: z.enum(MIGRATION_DATABASE_ENGINES),
    engineVersion: z.string().optional(),
    autoMinorVersionUpgrade: z.boolean().optional(),
    licenseModel: z.enum(["license-included", "bring-your-own-license"]).optional(),
    characterSetName: z
      .string()
      .regex(/^[A-Z][A-Z0-9]*$/, "must be an Oracle character set name such as AL32UTF8")
      .optional(),
    ncharCharacterSetName: z.enum(ORACLE_NCHAR_CHARACTER_SETS).optional(),
    cdc: z.boolean().optional(),
    purpose: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters and digits separated by single hyphens")
      .optional(),
    instanceClass: rdsInstanceClassSchema.optional(),
    allocatedStorageGb: z
      .number()
      .int("must be a whole number")
      .min(20, "must be at least 20 GiB (gp3)")
      .max(65536)
      .optional(),
    maxAllocatedStorageGb: z.number().int("must be a whole number").max(65536).optional(),
    databaseName: identifierSchema(63).optional(),
    masterUsername: identifierSchema(16)
      .refine((u) => !RESERVED_USERNAMES.includes(u.toLowerCase()), "is a name RDS reserves")
      .optional(),
    masterPasswordVersion: z.number().int("must be a whole number").min(1, "must be at least 1").optional(),
    vpcId: pulumiInput(z.string().regex(/^vpc-[0-9a-f]+$/, "must be a VPC id (vpc-...)")),
    subnetIds: pulumiInput(
      z
        .array(pulumiInput(z.string().regex(/^subnet-[0-9a-f]+$/, "must be a subnet id (subnet-...)")))
        .min(2, "must list at least 2 private subnets in distinct availability zones (RDS subnet groups need two)"),
    ),
    allowedSecurityGroupIds: z.array(securityGroupId).optional(),
    kmsKeyArn: pulumiInput(
      z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, "must be a KMS key ARN"),
    ).optional(),
    multiAz: z.boolean().optional(),
    deletionProtection: z.boolean().optional(),
    backupRetentionDays: z
      .number()
      .int("must be a whole number")
      .min(0)
      .max(35, "must be at most 35 (RDS limit)")
      .optional(),
    finalSnapshot: z.boolean().optional(),
    protect: z.boolean().optional(),
    logRetentionDays: z
      .number()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
        message: `must be a CloudWatch Logs retention value: ${LOG_RETENTION_DAYS.join(", ")}`,
      })
      .optional(),
  })
  .strict()
  .superRefine((args, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const engine = args.engine;
    if (isRdsCommercialEngine(engine)) {
      commercialProblems({ ...args, engine }, issue);
    } else {
      for (const key of ["licenseModel", "characterSetName", "ncharCharacterSetName"] as const) {
        if (args[key] !== undefined)
          issue([key], `applies to RDS for Oracle and SQL Server only (engine is ${engine})`);
      }
    }
    if (args.engineVersion !== undefined) {
      const problem =
        (isRdsCommercialEngine(engine)
          ? commercialEngineVersionProblem(engine, args.engineVersion)
          : engineVersionProblem(engine, args.engineVersion)) ??
        engineVersionPinProblem(engine, args.engineVersion, args.autoMinorVersionUpgrade ?? true);
      if (problem) issue(["engineVersion"], problem);
    }
    if (args.cdc && args.role !== "source") issue(["cdc"], 'applies to a source only (role is "target")');
    if (args.instanceClass && !isRdsCommercialEngine(engine)) {
      const problem = auroraInstanceClassProblem(engine, args.instanceClass);
      if (problem) issue(["instanceClass"], problem);
    }
    if (!isRdsCommercialEngine(engine) && isAurora(engine)) {
      for (const key of ["allocatedStorageGb", "maxAllocatedStorageGb"] as const) {
        if (args[key] !== undefined) issue([key], "is not used with Aurora (cluster storage grows by itself)");
      }
    }
    if (args.maxAllocatedStorageGb !== undefined && args.maxAllocatedStorageGb < (args.allocatedStorageGb ?? 20)) {
      issue(["maxAllocatedStorageGb"], "must be at least allocatedStorageGb");
    }
    const minBackups = (!isRdsCommercialEngine(engine) && isAurora(engine)) || args.cdc ? 1 : 0;
    if (args.backupRetentionDays !== undefined && args.backupRetentionDays < minBackups) {
      issue(
        ["backupRetentionDays"],
        args.cdc
          ? "must be at least 1 for a CDC source: RDS keeps binary logs / WAL for DMS only with automated backups on"
          : "must be at least 1 (Aurora always keeps backups)",
      );
    }
    const profile = isEnvironment(args.environment) ? getProfile(args.environment) : undefined;
    if (profile && args.logRetentionDays !== undefined && args.logRetentionDays < profile.logRetentionDays) {
      issue(
        ["logRetentionDays"],
        `must be at least the ${profile.environment} profile's ${profile.logRetentionDays} days (got ${args.logRetentionDays})`,
      );
    }
  });

/**
 * What RDS refuses, or the platform does not build, for an Oracle or SQL Server database (each rule
 * cited in commercial.ts): a source (the foundation builds these as targets; a commercial source runs
 * outside it), a license model the edition does not offer, Multi-AZ on SQL Server Express, a missing
 * or Graviton instance class, an Oracle SID or SQL Server name RDS refuses, character sets on SQL Server.
 */
function commercialProblems(
  args: {
    engine: RdsCommercialEngine;
    role: string;
    environment: string;
    multiAz?: boolean | undefined;
    licenseModel?: string | undefined;
    instanceClass?: string | undefined;
    databaseName?: string | undefined;
    characterSetName?: string | undefined;
    ncharCharacterSetName?: string | undefined;
  },
  issue: (path: PropertyKey[], message: string) => void,
): void {
  const { engine } = args;
  const edition = dmsTargetEditionProblem(engine);
  if (edition) {
    // The one thing to change: every other rule of the edition (Express has no Multi-AZ) is moot.
    issue(["engine"], edition);
    return;
  }
  if (args.role !== "target") {
    issue(
      ["role"],
      `${engine} is built as a migration target only: an Oracle or SQL Server source runs outside the foundation (the replication stack's sourceConnection.external, hosting rds) (got "${args.role}")`,
    );
  }
  if (args.licenseModel !== undefined) {
    const problem = licenseModelProblem(engine, args.licenseModel);
    if (problem) issue(["licenseModel"], problem);
  }
  if (!multiAzSupported(engine)) {
    const profile = isEnvironment(args.environment) ? getProfile(args.environment) : undefined;
    if (args.multiAz === true) issue(["multiAz"], `${MULTI_AZ_REFUSAL} (got true)`);
    else if (args.multiAz === undefined && profile?.multiAz) {
      issue(["multiAz"], `the ${profile.environment} profile turns Multi-AZ on, and ${MULTI_AZ_REFUSAL} (got none)`);
    }
  }
  if (args.instanceClass === undefined) {
    issue(
      ["instanceClass"],
      `is required for ${engine}: the classes RDS runs differ per edition and license model (RDS User Guide, "DB instance class support for Microsoft SQL Server" / "RDS for Oracle DB instance classes"), so the platform does not pick one (got none)`,
    );
  } else {
    const problem = commercialInstanceClassProblem(args.instanceClass);
    if (problem) issue(["instanceClass"], problem);
  }
  if (args.databaseName !== undefined) {
    const problem = commercialDatabaseNameProblem(engine, args.databaseName);
    if (problem) issue(["databaseName"], problem);
  }
  if (!isOracleEdition(engine)) {
    for (const key of ["characterSetName", "ncharCharacterSetName"] as const) {
      if (args[key] !== undefined) {
        issue([key], `applies to Oracle only; a SQL Server instance keeps RDS's server collation (got "${args[key]}")`);
      }
    }
  }
}

// One source of truth: the interface (the documentation) and the schema (the validation) accept the
// same values; a drift is a compile error naming the field.
type DatabaseInput = z.input<typeof migrationDatabaseArgsSchema>;
export type MigrationDatabaseArgsMatchSchema = [
  SameValues<MigrationDatabaseArgs, DatabaseInput>,
  Assert<SameKeys<MigrationDatabaseArgs, DatabaseInput>>,
];

export type ParsedMigrationDatabaseArgs = z.output<typeof migrationDatabaseArgsSchema>;

/** Everything the component decides before declaring a resource. */
export interface DatabasePlan {
  engine: MigrationDatabaseEngine;
  engineVersion: string;
  /** RDS applies minor upgrades itself (engineVersion is then a major version on RDS instances). */
  autoMinorVersionUpgrade: boolean;
  aurora: boolean;
  /** The port clients and DMS connect to: the engine's, or Oracle's SSL listener. */
  port: number;
  /** The instance's own listener port (Oracle's clear-text 1521, which no security group rule admits). */
  listenerPort: number;
  purpose: string;
  cdc: boolean;
  instanceClass: string;
  /** Aurora: writer plus a reader when multi-AZ. RDS: 1. */
  instanceCount: number;
  allocatedStorageGb: number;
  maxAllocatedStorageGb: number;
  databaseName: string;
  masterUsername: string;
  masterPasswordVersion: number;
  multiAz: boolean;
  deletionProtection: boolean;
  backupRetentionDays: number;
  finalSnapshot: boolean;
  protect: boolean;
  logRetentionDays: number;
  /** Logs exported to CloudWatch; the parameter groups make the engine write each of them. */
  logExports: string[];
  performanceInsights: boolean;
  parameterGroupFamily: string;
  /** Every server parameter this database gets (TLS always; CDC prerequisites for a CDC source). */
  parameters: ParameterRequirement[];
  /** The subset for the DB (instance) parameter group. */
  instanceParameters: ParameterRequirement[];
  /** The subset for the Aurora cluster parameter group (empty for RDS instances). */
  clusterParameters: ParameterRequirement[];
  /**
   * Days a deleted secret can be restored (7 to 30): the profile's, never shortened. Rebuilds do
   * not wait for it: the secret's name carries a generation suffix made when the stack creates it.
   */
  secretRecoveryWindowDays: number;
  kmsDeletionWindowDays: number;
  /** IAM database authentication: on where the engine has it (not RDS for Oracle or SQL Server). */
  iamAuthentication: boolean;
  /** The DBName sent to RDS: the database name, Oracle's SID, or none for SQL Server (RDS requires null). */
  dbName?: string;
  /** Oracle and SQL Server: the license model. */
  licenseModel?: LicenseModel;
  /** Oracle: the character sets, fixed at creation. */
  characterSetName?: string;
  ncharCharacterSetName?: string;
  /** Oracle: the option group (engine, major version) and its options (the SSL option). */
  optionGroup?: { engineName: string; majorEngineVersion: string; options: OptionRequirement[] };
}

/** Resolve the profile defaults and the engine's facts into the plan the component declares. */
export function planDatabase(args: ParsedMigrationDatabaseArgs): DatabasePlan {
  const engine = args.engine;
  if (isRdsCommercialEngine(engine)) return planCommercialDatabase({ ...args, engine });
  return planOpenSourceDatabase({ ...args, engine });
}

function planOpenSourceDatabase(args: ParsedMigrationDatabaseArgs & { engine: DatabaseEngine }): DatabasePlan {
  const profile = getProfile(args.environment);
  const engine = args.engine;
  const aurora = isAurora(engine);
  const engineVersion = args.engineVersion ?? DEFAULT_ENGINE_VERSIONS[engine];
  const cdc = args.role === "source" && args.cdc === true;
  const profileClass =
    aurora && auroraInstanceClassProblem(engine, profile.dbInstanceClass)
      ? AURORA_MIN_INSTANCE_CLASS
      : profile.dbInstanceClass;
  const instanceClass = args.instanceClass ?? profileClass;
  const multiAz = args.multiAz ?? profile.multiAz;
  const allocatedStorageGb = args.allocatedStorageGb ?? 20;
  const logging = planLogging(engine, DATABASE_LOGGING[profile.environment]);
  const parameters = [...serverParameters(engine, { role: args.role, cdc, engineVersion }), ...logging.parameters];
  // A CDC source needs automated backups whatever the profile says (RDS purges binlogs otherwise).
  const backupRetentionDays = Math.max(args.backupRetentionDays ?? profile.backupRetentionDays, cdc || aurora ? 1 : 0);
  return {
    engine,
    engineVersion,
    autoMinorVersionUpgrade: args.autoMinorVersionUpgrade ?? true,
    aurora,
    port: ENGINE_PORTS[engine],
    listenerPort: ENGINE_PORTS[engine],
    purpose: args.purpose ?? (args.role === "source" ? "src" : "tgt"),
    cdc,
    instanceClass,
    instanceCount: aurora ? (multiAz ? 2 : 1) : 1,
    allocatedStorageGb,
    maxAllocatedStorageGb: args.maxAllocatedStorageGb ?? allocatedStorageGb * 5,
    databaseName: args.databaseName ?? "app",
    masterUsername: args.masterUsername ?? "dbadmin",
    masterPasswordVersion: args.masterPasswordVersion ?? 1,
    multiAz,
    deletionProtection: args.deletionProtection ?? profile.deletionProtection,
    backupRetentionDays,
    finalSnapshot: args.finalSnapshot ?? profile.finalSnapshot,
    protect: args.protect ?? profile.protect,
    logRetentionDays: args.logRetentionDays ?? profile.logRetentionDays,
    logExports: logging.exports,
    performanceInsights: performanceInsightsSupported(engine, instanceClass),
    parameterGroupFamily: parameterGroupFamily(engine, engineVersion),
    parameters,
    instanceParameters: parametersForScope(parameters, "instance"),
    clusterParameters: parametersForScope(parameters, "cluster"),
    secretRecoveryWindowDays: profile.environment === "prod" ? 30 : 7,
    kmsDeletionWindowDays: profile.kmsDeletionWindowDays,
    iamAuthentication: true,
    dbName: args.databaseName ?? "app",
  };
}

/**
 * An RDS for Oracle or SQL Server target: TLS through the Oracle SSL option (clients admitted on its
 * port only) or SQL Server's rds.force_ssl; logs, backups, deletion protection, KMS and the secret
 * as for every engine; no IAM database authentication, which these engines do not have ("Supported
 * Regions and DB engines for IAM database authentication in Amazon RDS").
 */
function planCommercialDatabase(args: ParsedMigrationDatabaseArgs & { engine: RdsCommercialEngine }): DatabasePlan {
  const profile = getProfile(args.environment);
  const engine = args.engine;
  const oracle = isOracleEdition(engine);
  const engineVersion = args.engineVersion ?? COMMERCIAL_DEFAULT_VERSIONS[engine];
  const family = commercialParameterGroupFamily(engine, engineVersion);
  const parameters = oracle ? [] : [SQLSERVER_FORCE_SSL];
  const allocatedStorageGb = args.allocatedStorageGb ?? 20;
  const databaseName = args.databaseName ?? "app";
  return {
    engine,
    engineVersion,
    autoMinorVersionUpgrade: args.autoMinorVersionUpgrade ?? true,
    aurora: false,
    port: oracle ? ORACLE_SSL_PORT : commercialListenerPort(engine),
    listenerPort: commercialListenerPort(engine),
    purpose: args.purpose ?? "tgt",
    cdc: false,
    // The schema requires it for these engines.
    instanceClass: args.instanceClass ?? profile.dbInstanceClass,
    instanceCount: 1,
    allocatedStorageGb,
    maxAllocatedStorageGb: args.maxAllocatedStorageGb ?? allocatedStorageGb * 5,
    databaseName,
    masterUsername: args.masterUsername ?? "dbadmin",
    masterPasswordVersion: args.masterPasswordVersion ?? 1,
    multiAz: args.multiAz ?? (multiAzSupported(engine) && profile.multiAz),
    deletionProtection: args.deletionProtection ?? profile.deletionProtection,
    backupRetentionDays: args.backupRetentionDays ?? profile.backupRetentionDays,
    finalSnapshot: args.finalSnapshot ?? profile.finalSnapshot,
    protect: args.protect ?? profile.protect,
    logRetentionDays: args.logRetentionDays ?? profile.logRetentionDays,
    logExports: commercialLogExports(engine),
    // Database Insights lists no instance class restriction for RDS for SQL Server or Oracle
    // ("Amazon RDS DB engine, Region, and instance class support for Database Insights").
    performanceInsights: true,
    parameterGroupFamily: family,
    parameters,
    instanceParameters: parameters,
    clusterParameters: [],
    secretRecoveryWindowDays: profile.environment === "prod" ? 30 : 7,
    kmsDeletionWindowDays: profile.kmsDeletionWindowDays,
    iamAuthentication: false,
    ...(oracle ? { dbName: databaseName } : {}),
    licenseModel: args.licenseModel ?? (LICENSE_MODELS[engine][0] as LicenseModel),
    ...(oracle
      ? {
          characterSetName: args.characterSetName ?? "AL32UTF8",
          ncharCharacterSetName: args.ncharCharacterSetName ?? "AL16UTF16",
          optionGroup: {
            engineName: engine,
            majorEngineVersion: family.slice(engine.length + 1),
            options: [oracleSslOption(ORACLE_SSL_PORT)],
          },
        }
      : {}),
  };
}
