import {
  type Assert,
  componentContextSchema,
  dmsInstanceClassSchema,
  type Environment,
  input,
  namePartSchema,
  type RequiredTags,
  type SameKeys,
  type SameValues,
} from "@dms-platform/config";
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { OracleEndpointSettings, SourceHosting, SqlServerEndpointSettings } from "./commercial-engines.js";
import type { DmsAccountRoles } from "./dms-account-roles.js";
import { allowUnknownSettingsSchema } from "./documents/index.js";
import {
  ENDPOINT_ENGINES,
  type EndpointEngine,
  type EndpointEngineSettings,
  engineFamily,
  type MysqlEndpointSettings,
  type PostgresEndpointSettings,
} from "./engines.js";
import { type S3TargetArgs, s3TargetSchema } from "./s3-target.js";

/** A replication instance: always private, KMS-encrypted, minor versions upgraded automatically. */
export interface InstanceCapacityArgs {
  kind: "instance";
  /** Instance class. @default profile.replicationInstanceClass: dev dms.t3.medium, test dms.c5.large, prod dms.r5.large */
  instanceClass?: string;
  /** Storage in GiB (5-6144). @default profile.replicationAllocatedStorageGb: dev 50, test 100, prod 200 */
  allocatedStorageGb?: number;
  /** DMS engine version. @default AWS's current default */
  engineVersion?: string;
  /**
   * Let an engineVersion change cross a major version (3.4 -> 3.5): DMS refuses such a
   * ModifyReplicationInstance without it. @default false
   */
  allowMajorVersionUpgrade?: boolean;
  /** A standby in a second AZ. @default profile.multiAz: dev off, test off, prod on */
  multiAz?: boolean;
  /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC. @default AWS picks one */
  maintenanceWindow?: string;
}

/** DMS Serverless: one ReplicationConfig per task, scaling between the two DCU bounds. */
export interface ServerlessCapacityArgs {
  kind: "serverless";
  /** Minimum DMS capacity units (1, 2, 4, 8, …, 384). @default profile.serverlessCapacity.min: dev 1, test 2, prod 4 */
  minCapacityUnits?: number;
  /** Maximum DMS capacity units. @default profile.serverlessCapacity.max: dev 4, test 16, prod 64 */
  maxCapacityUnits?: number;
  /** Multi-AZ. @default profile.multiAz: dev off, test off, prod on */
  multiAz?: boolean;
}

/** An RDS/Aurora database in the migration VPC. */
export interface DatabaseEndpointArgs {
  engine: EndpointEngine;
  /** The database's address (kept for the plan and docs; DMS reads host and port from the secret). */
  address: pulumi.Input<string>;
  /** The database port; the DMS security group's egress and the database's ingress use it. */
  port: pulumi.Input<number>;
  /** Database DMS connects to. */
  databaseName: string;
  /**
   * Secrets Manager secret holding `username`, `password`, `host` and `port` (the RDS secret
   * format). The endpoint never carries a password.
   */
  secretArn: pulumi.Input<string>;
  /** KMS key the secret is encrypted with; the endpoint's access role may decrypt with it only. */
  secretKmsKeyArn: pulumi.Input<string>;
  /** The database's security group: it gets an ingress rule from the DMS group (by reference). */
  securityGroupId?: pulumi.Input<string>;
  /** SSL mode (never none). @default verify-full with a certificate, else profile.endpointSslMode: dev require, test require, prod verify-full */
  sslMode?: "require" | "verify-ca" | "verify-full";
  /** DMS certificate (aws.dms.Certificate) of the CA that signed the database's certificate. */
  certificateArn?: pulumi.Input<string>;
  /**
   * Engine settings CDC needs (PostgreSQL slot, plugin, heartbeat; MySQL time zone; Oracle LogMiner
   * or Binary Reader; SQL Server safeguard, MS-CDC; …).
   */
  settings?: EndpointEngineSettings;
}

/** A database outside the VPC (on premises), reached through the VPC's routes. */
export interface ExternalEndpointArgs {
  external: {
    hostname: string;
    port: number;
    engine: EndpointEngine;
    /**
     * Where the database runs: on premises or on EC2 ("self-managed"), or an RDS instance outside
     * this stack ("rds"); Oracle and SQL Server settings DMS cannot use on RDS are refused. @default "self-managed"
     */
    hosting?: SourceHosting;
    databaseName: string;
    /** Secret holding `username`, `password`, `host`, `port`. */
    secretArn: pulumi.Input<string>;
    secretKmsKeyArn: pulumi.Input<string>;
    /** CIDR blocks of the host, for the DMS security group's egress. @default none (a warning) */
    cidrBlocks?: string[];
    /** SSL mode (never none). @default as for a database endpoint */
    sslMode?: "require" | "verify-ca" | "verify-full";
    certificateArn?: pulumi.Input<string>;
    settings?: EndpointEngineSettings;
  };
}

export type EndpointArgs = DatabaseEndpointArgs | ExternalEndpointArgs;

export const MIGRATION_TYPES = ["full-load", "cdc", "full-load-and-cdc"] as const;
export type MigrationType = (typeof MIGRATION_TYPES)[number];

/** One replication task (with Serverless, one ReplicationConfig). */
export interface DmsTaskArgs {
  /** Name part of the task: `<env>-<app>-<name>-dms`. */
  name: string;
  migrationType: MigrationType;
  /** Table mappings: built with `tableMappings(selectionRule(...))`, a DMS JSON document, or its text. */
  tableMappings: string | object;
  /** Task settings merged over the platform's (logging, validation, LOB mode, table preparation). */
  settings?: string | object;
  /**
   * Settings keys the catalogue of documented DMS settings does not know that this task sends anyway (a setting
   * DMS added after the catalogue), as dotted paths: `TargetMetadata.NewSetting`. Each is a plan warning, and is
   * recorded on the task as its `DmsAllowUnknownSettings` tag for the policy pack. @default none
   */
  allowUnknownSettings?: string[];
  /** Native CDC start point (LSN, binlog position or checkpoint); only for a `cdc` task. */
  cdcStartPosition?: string;
  /** CDC start time, a Date or an ISO 8601 string; only for a `cdc` task. Sent as Unix seconds. */
  cdcStartTime?: string | Date;
  /** Start the task once created (and resume it after an update). @default true */
  start?: boolean;
  /**
   * The source the task reads: a key of `sources` (required with `sources`, refused with `source`).
   * @default the one `source`
   */
  source?: string;
  /**
   * The wave the task belongs to (1, 2, …), recorded as the task's `MigrationWave` tag. Resources are
   * keyed by task name, so adding a wave-2 task leaves every wave-1 task untouched. @default 1
   */
  wave?: number;
}

export interface DmsReplicationArgs {
  /** The stack's environment; selects the profile of defaults. */
  environment: Environment;
  /** Application name, a part of every physical name. */
  application: string;
  /** The five required tags (extra tags allowed), applied to every taggable child. */
  tags: RequiredTags & Record<string, string>;
  /** VPC of the replication (the DMS security group lives here). */
  vpcId: pulumi.Input<string>;
  /** Private subnets (two AZs at least) of the replication subnet group. */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group of the VPC interface endpoints; the DMS group may reach it on 443. */
  endpointSecurityGroupId: pulumi.Input<string>;
  /** Customer KMS key: instance/config storage, endpoints, task log group, SNS topic. */
  kmsKeyArn: pulumi.Input<string>;
  /** Replication capacity: a replication instance or DMS Serverless. */
  capacity: InstanceCapacityArgs | ServerlessCapacityArgs;
  /** The source database (one source). Give `source` or `sources`, not both. */
  source?: EndpointArgs;
  /**
   * Several sources consolidated into the one target, by name (a name part: `crm`, `billing-eu`);
   * each task names the one it reads. Endpoints are `<env>-<app>-src-<name>-dms`. No two tasks may
   * write the same target table unless their mappings rename them apart.
   */
  sources?: Record<string, EndpointArgs>;
  /** The target database, or `{ s3: {...} }` for an Amazon S3 data lake (docs/analytics-targets.md). */
  target: EndpointArgs | S3TargetArgs;
  /** Tasks (at least one). */
  tasks: DmsTaskArgs[];
  /** E-mail addresses subscribed to the alarm topic (each must confirm). @default none */
  alarmEmails?: string[];
  /** The account roles; the subnet group and tasks depend on their policy attachments. */
  accountRoles?: DmsAccountRoles;
  /**
   * Let a change replace the instance, tasks or configs (a full reload) in an environment whose
   * profile protects them (prod). @default false
   */
  allowReplacement?: boolean;
}

const DCU_VALUES = [1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384] as const;
const sslModeSchema = z.enum(["require", "verify-ca", "verify-full"], {
  error: (iss) =>
    `must be one of require, verify-ca, verify-full: SSL is never off for a database engine (got ${JSON.stringify(iss.input)})`,
});
/** A `pulumi.Input<T>`: a T checked by `schema`, or an Output or Promise taken as is. */
const pulumiInput = <S extends z.ZodType>(schema: S) => input<S, pulumi.Input<z.input<S>>>(schema);
const arnOf = (service: string) =>
  pulumiInput(z.string().regex(new RegExp(`^arn:aws[a-z-]*:${service}:`), `must be a ${service} ARN`));

/** One of a list of strings; the message lists them: `must be one of a, b, c (got "x")`. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? "is required"
        : `must be one of ${values.join(", ")} (got ${JSON.stringify(iss.input)})`,
  });
}

const engineSchema = oneOf(ENDPOINT_ENGINES);

// Each family's endpoint settings (the interfaces in engines.ts), value types included; keys are
// checked first so an unknown key's message lists the known ones.
const postgresSettingsSchema = z
  .object({
    slotName: z.string().optional(),
    pluginName: z.enum(["test_decoding", "pglogical"]).optional(),
    heartbeatEnable: z.boolean().optional(),
    heartbeatFrequency: z.number().optional(),
    heartbeatSchema: z.string().optional(),
    captureDdls: z.boolean().optional(),
    ddlArtifactsSchema: z.string().optional(),
    failTasksOnLobTruncation: z.boolean().optional(),
    executeTimeout: z.number().optional(),
    maxFileSize: z.number().optional(),
    mapBooleanAsBoolean: z.boolean().optional(),
  })
  .strict();
const mysqlSettingsSchema = z
  .object({
    serverTimezone: z.string().optional(),
    eventsPollInterval: z.number().optional(),
    parallelLoadThreads: z.number().optional(),
    targetDbType: z.enum(["specific-database", "multiple-databases"]).optional(),
    afterConnectScript: z.string().optional(),
    cleanSourceMetadataOnMismatch: z.boolean().optional(),
    maxFileSize: z.number().optional(),
    executeTimeout: z.number().optional(),
  })
  .strict();
// Oracle's names are aws.dms.Endpoint's oracleSettings (@pulumi/aws 7.48 EndpointOracleSettings);
// ranges and combinations are checked by oracleSettingsProblems, which knows the endpoint's side.
const oracleSettingsSchema = z
  .object({
    useLogminerReader: z.boolean().optional(),
    useBfile: z.boolean().optional(),
    accessAlternateDirectly: z.boolean().optional(),
    useAlternateFolderForOnline: z.boolean().optional(),
    oraclePathPrefix: z.string().min(1).optional(),
    usePathPrefix: z.string().min(1).optional(),
    replacePathPrefix: z.boolean().optional(),
    addSupplementalLogging: z.boolean().optional(),
    archivedLogDestId: z.number().int().optional(),
    additionalArchivedLogDestId: z.number().int().optional(),
    extraArchivedLogDestIds: z.array(z.number().int()).optional(),
    archivedLogsOnly: z.boolean().optional(),
    standbyDelayTime: z.number().int().min(0).optional(),
    asmServer: z.string().min(1).optional(),
    secretsManagerOracleAsmSecretId: z.string().min(1).optional(),
    asmSecretKmsKeyArn: z.string().min(1).optional(),
    parallelAsmReadThreads: z.number().optional(),
    readAheadBlocks: z.number().optional(),
    numberDatatypeScale: z.number().optional(),
    charLengthSemantics: z.enum(["default", "char", "byte"]).optional(),
    convertTimestampWithZoneToUtc: z.boolean().optional(),
    failTaskOnLobTruncation: z.boolean().optional(),
    openTransactionWindow: z.number().optional(),
    retryInterval: z.number().int().min(1).optional(),
    readTableSpaceName: z.boolean().optional(),
    trimSpaceInChar: z.boolean().optional(),
    spatialDataOptionToGeoJsonFunctionName: z.string().min(1).optional(),
    allowSelectedNestedTables: z.boolean().optional(),
  })
  .strict();
// SQL Server's are the guide's endpoint settings (CHAP_Source.SQLServer.md), sent as extra
// connection attributes (commercial-engines.ts).
const sqlServerSettingsSchema = z
  .object({
    safeguardPolicy: z.enum(["RELY_ON_SQL_SERVER_REPLICATION_AGENT", "EXCLUSIVE_AUTOMATIC_TRUNCATION"]).optional(),
    activateSafeguard: z.boolean().optional(),
    setUpMsCdcForTables: z.boolean().optional(),
    readBackupOnly: z.boolean().optional(),
    tlogAccessMode: z.enum(["BackupOnly", "PreferBackup", "PreferTlog", "TlogOnly"]).optional(),
    fatalOnSimpleModel: z.boolean().optional(),
    forceLobLookup: z.boolean().optional(),
    alwaysOnSharedSynchedBackupIsEnabled: z.boolean().optional(),
    multiSubnetFailover: z.boolean().optional(),
    applicationIntent: z.literal("ReadOnly").optional(),
    use3rdPartyBackupDevice: z.boolean().optional(),
    useBcpFullLoad: z.boolean().optional(),
  })
  .strict();
/** Each family's settings: the keys allowed (a slotName is refused on a MySQL endpoint) and their values. */
const FAMILY_SETTINGS = {
  postgres: postgresSettingsSchema,
  mysql: mysqlSettingsSchema,
  oracle: oracleSettingsSchema,
  sqlserver: sqlServerSettingsSchema,
  // A Redshift target takes no settings of the user's: its redshiftSettings are the platform's.
  redshift: z.object({}).strict(),
} as const;

/** Validate `settings` against the engine's family: its keys, then their values. */
function checkSettings(
  engine: EndpointEngine,
  settings: Record<string, unknown> | undefined,
  ctx: z.RefinementCtx,
  path: PropertyKey[],
) {
  if (!settings) return;
  const family = engineFamily(engine);
  const known = Object.keys(FAMILY_SETTINGS[family].shape);
  const unknown = Object.keys(settings).filter((key) => !known.includes(key));
  for (const key of unknown) {
    ctx.addIssue({
      code: "custom",
      path: [...path, key],
      message: `is not a ${family} endpoint setting; known: ${known.join(", ")}`,
    });
  }
  if (unknown.length > 0) return;
  const result = FAMILY_SETTINGS[family].safeParse(settings, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      ctx.addIssue({ ...issue, path: [...path, ...issue.path] } as unknown as Parameters<typeof ctx.addIssue>[0]);
    }
  }
}

// Keys and values are checked against the engine's family by checkSettings, so the settings are
// either family's (the endpoint's engine is known only beside them).
const settingsSchema = (
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.number())])) as unknown as z.ZodType<
    EndpointEngineSettings,
    EndpointEngineSettings
  >
).optional();

const databaseEndpointSchema = z
  .object({
    engine: engineSchema,
    address: pulumiInput(z.string().min(1)),
    port: pulumiInput(z.number().int().min(1).max(65535)),
    databaseName: z.string().min(1),
    secretArn: arnOf("secretsmanager"),
    secretKmsKeyArn: arnOf("kms"),
    securityGroupId: pulumiInput(z.string().min(1)).optional(),
    sslMode: sslModeSchema.optional(),
    certificateArn: arnOf("dms").optional(),
    settings: settingsSchema,
  })
  .strict()
  .superRefine((v, ctx) =>
    checkSettings(v.engine, v.settings as Record<string, unknown> | undefined, ctx, ["settings"]),
  );

const externalEndpointSchema = z
  .object({
    external: z
      .object({
        hostname: z.string().min(1),
        port: z.number().int().min(1).max(65535),
        engine: engineSchema,
        hosting: z.enum(["self-managed", "rds"]).optional(),
        databaseName: z.string().min(1),
        secretArn: arnOf("secretsmanager"),
        secretKmsKeyArn: arnOf("kms"),
        cidrBlocks: z.array(z.cidrv4()).optional(),
        sslMode: sslModeSchema.optional(),
        certificateArn: arnOf("dms").optional(),
        settings: settingsSchema,
      })
      .strict()
      .superRefine((v, ctx) =>
        checkSettings(v.engine, v.settings as Record<string, unknown> | undefined, ctx, ["settings"]),
      ),
  })
  .strict();

/**
 * A schema chosen by the value's shape, so errors name the fields of the variant meant. Typed as the
 * union of the variants `Variants` (what `pick` chooses from), so `z.input` of a schema using it is
 * the args interface's type.
 */
function variant<Variants extends z.ZodType>(pick: (value: unknown) => Variants | z.ZodType) {
  return z.unknown().superRefine((value, ctx) => {
    const result = pick(value).safeParse(value, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue(issue as unknown as Parameters<typeof ctx.addIssue>[0]);
    }
  }) as unknown as z.ZodType<z.output<Variants>, z.input<Variants>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const endpointSchema = variant<typeof externalEndpointSchema | typeof databaseEndpointSchema>((v) =>
  isObject(v) && "external" in v ? externalEndpointSchema : databaseEndpointSchema,
);

const instanceCapacitySchema = z
  .object({
    kind: z.literal("instance"),
    instanceClass: dmsInstanceClassSchema.optional(),
    allocatedStorageGb: z.number().int().min(5).max(6144).optional(),
    engineVersion: z.string().min(1).optional(),
    allowMajorVersionUpgrade: z.boolean().optional(),
    multiAz: z.boolean().optional(),
    maintenanceWindow: z
      .string()
      .regex(
        /^(mon|tue|wed|thu|fri|sat|sun):\d{2}:\d{2}-(mon|tue|wed|thu|fri|sat|sun):\d{2}:\d{2}$/,
        "must be ddd:hh24:mi-ddd:hh24:mi (UTC)",
      )
      .optional(),
  })
  .strict();

const dcu = z
  .number()
  .refine((n) => (DCU_VALUES as readonly number[]).includes(n), `must be one of ${DCU_VALUES.join(", ")}`);
const serverlessCapacitySchema = z
  .object({
    kind: z.literal("serverless"),
    minCapacityUnits: dcu.optional(),
    maxCapacityUnits: dcu.optional(),
    multiAz: z.boolean().optional(),
  })
  .strict();

const capacitySchema = variant<typeof serverlessCapacitySchema | typeof instanceCapacitySchema>((v) =>
  isObject(v) && v.kind === "serverless"
    ? serverlessCapacitySchema
    : isObject(v) && v.kind === "instance"
      ? instanceCapacitySchema
      : z.object({ kind: z.enum(["instance", "serverless"]) }),
);

/** A JSON document given as an object (not an array); its own parser checks its content. */
const jsonDocument = z.custom<object>((v) => isObject(v) && !Array.isArray(v));

const taskSchema = z
  .object({
    name: namePartSchema,
    migrationType: oneOf(MIGRATION_TYPES),
    tableMappings: z.union([z.string(), jsonDocument], {
      error: "must be a table-mappings document or its JSON text",
    }),
    settings: z.union([z.string(), jsonDocument]).optional(),
    allowUnknownSettings: allowUnknownSettingsSchema.optional(),
    cdcStartPosition: z.string().min(1).optional(),
    cdcStartTime: z
      .union([z.date(), z.iso.datetime({ offset: true })], { error: "must be a Date or an ISO 8601 date-time" })
      .optional(),
    start: z.boolean().optional(),
    source: namePartSchema.optional(),
    wave: z.number().int("must be a whole number").min(1, "must be 1 or more").optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.cdcStartPosition !== undefined && t.cdcStartTime !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["cdcStartTime"],
        message: "give cdcStartPosition or cdcStartTime, not both",
      });
    }
    for (const key of ["cdcStartPosition", "cdcStartTime"] as const) {
      if (t[key] !== undefined && t.migrationType !== "cdc") {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `applies only to a "cdc" task (this one is "${t.migrationType}", which starts with a full load)`,
        });
      }
    }
  });

/** The zod schema DmsReplication validates its args with. */
export const dmsReplicationArgsSchema = componentContextSchema
  .extend({
    vpcId: pulumiInput(z.string().min(1)),
    subnetIds: pulumiInput(z.array(pulumiInput(z.string().min(1)))),
    endpointSecurityGroupId: pulumiInput(z.string().min(1)),
    kmsKeyArn: arnOf("kms"),
    capacity: capacitySchema,
    source: endpointSchema.optional(),
    sources: z
      .record(namePartSchema, endpointSchema)
      .refine((sources) => Object.keys(sources).length > 0, "must name at least one source")
      .optional(),
    target: variant<typeof s3TargetSchema | typeof externalEndpointSchema | typeof databaseEndpointSchema>((v) =>
      isObject(v) && "s3" in v
        ? s3TargetSchema
        : isObject(v) && "external" in v
          ? externalEndpointSchema
          : databaseEndpointSchema,
    ),
    tasks: z
      .array(taskSchema)
      .min(1, "must list at least one task")
      .superRefine((tasks, ctx) => {
        const seen = new Set<string>();
        tasks.forEach((t, i) => {
          if (seen.has(t.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `duplicates "${t.name}"` });
          seen.add(t.name);
        });
      }),
    alarmEmails: z.array(z.email()).optional(),
    accountRoles: z
      .custom<DmsAccountRoles>(
        (v) => isObject(v) && Array.isArray((v as { dependencies?: unknown }).dependencies),
        "must be a DmsAccountRoles",
      )
      .optional(),
    allowReplacement: z.boolean().optional(),
  })
  .strict()
  .superRefine((args, ctx) => {
    // Each message carries its own "(got …)": zod would otherwise show the whole args object.
    const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (args.source !== undefined && args.sources !== undefined) {
      problem(["sources"], "give source (one source) or sources (several), not both (got both)");
      return;
    }
    if (args.source === undefined && args.sources === undefined) {
      problem(["source"], "is required, or sources to consolidate several sources (got neither)");
      return;
    }
    const names = args.sources ? Object.keys(args.sources) : undefined;
    args.tasks.forEach((task, i) => {
      if (!names) {
        if (task.source !== undefined) {
          problem(
            ["tasks", i, "source"],
            `names a source, but the replication has one source (give sources to name them) (got "${task.source}")`,
          );
        }
      } else if (task.source === undefined) {
        problem(["tasks", i, "source"], `is required with sources: name one of ${names.join(", ")} (got none)`);
      } else if (!names.includes(task.source)) {
        problem(["tasks", i, "source"], `must be one of ${names.join(", ")} (got "${task.source}")`);
      }
    });
  });

// One source of truth: the interfaces (the documentation) and the schema (the validation) accept
// the same values, at the top level and in each nested object; a drift is a compile error naming
// the field.
type ReplicationInput = z.input<typeof dmsReplicationArgsSchema>;
export type DmsReplicationArgsMatchSchema = [
  SameValues<DmsReplicationArgs, ReplicationInput>,
  Assert<SameKeys<DmsReplicationArgs, ReplicationInput>>,
  Assert<SameKeys<DmsTaskArgs, z.input<typeof taskSchema>>>,
  Assert<SameKeys<InstanceCapacityArgs, z.input<typeof instanceCapacitySchema>>>,
  Assert<SameKeys<ServerlessCapacityArgs, z.input<typeof serverlessCapacitySchema>>>,
  Assert<SameKeys<DatabaseEndpointArgs, z.input<typeof databaseEndpointSchema>>>,
  Assert<SameKeys<ExternalEndpointArgs["external"], z.input<typeof externalEndpointSchema>["external"]>>,
  SameValues<PostgresEndpointSettings, z.input<typeof postgresSettingsSchema>>,
  Assert<SameKeys<PostgresEndpointSettings, z.input<typeof postgresSettingsSchema>>>,
  SameValues<MysqlEndpointSettings, z.input<typeof mysqlSettingsSchema>>,
  Assert<SameKeys<MysqlEndpointSettings, z.input<typeof mysqlSettingsSchema>>>,
  SameValues<OracleEndpointSettings, z.input<typeof oracleSettingsSchema>>,
  Assert<SameKeys<OracleEndpointSettings, z.input<typeof oracleSettingsSchema>>>,
  SameValues<SqlServerEndpointSettings, z.input<typeof sqlServerSettingsSchema>>,
  Assert<SameKeys<SqlServerEndpointSettings, z.input<typeof sqlServerSettingsSchema>>>,
];

/** Whether an endpoint is external. */
export function isExternal(e: EndpointArgs): e is ExternalEndpointArgs {
  return "external" in e;
}
