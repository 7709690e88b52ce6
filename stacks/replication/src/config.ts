import { principalSchema, roleArnSchema } from "@dms-platform/access/iam-documents";
import {
  type ArgOrigin,
  type ConfigOrigins,
  sourceEngineSchema as configSourceEngineSchema,
  dmsInstanceClassSchema,
  dmsTargetEditionProblem,
  type Environment,
  environmentSchema,
  getProfile,
  isCommercialEngine,
  isRdsCommercialEngine,
  keyedUnion,
  type NamePartOrigins,
  namePartSchema,
  parseStackConfig,
  readDefaultTags,
  refuseInternetReach,
  type StackTags,
  secretable,
  targetEngineSchema,
} from "@dms-platform/config";
import {
  allowUnknownSettingsSchema,
  findTargetConflicts,
  parseTableMappings,
  type TableMappings,
} from "@dms-platform/dms/documents";
import { s3TargetSchema } from "@dms-platform/dms/s3-target";
import { cidrProblem } from "@dms-platform/network";
import { z } from "zod";
import { checkArnPlacement } from "./arn-placement.js";
import { checkReplicationStack } from "./migrations.js";

/** The Pulumi project name, also the config namespace of this stack. */
export const PROJECT = "dms-platform-replication";
/** The foundation's project name (the middle part of foundationStack). */
const FOUNDATION_PROJECT = "dms-platform-foundation";

// An ARN may be kept encrypted in the stack file (`secure:`): plan accepts it unread, and the
// program checks the decrypted value under the CLI (secretable).
/** A source may also be Oracle or SQL Server (docs/heterogeneous.md); the target is the foundation's database. */
const sourceEngineSchema = configSourceEngineSchema;
const arn = (service: string) =>
  secretable(
    z.string().regex(new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]+:\\d{12}:.+$`), `must be a ${service} ARN`),
  );

/** One replication task of the migration definition. Its table mappings and settings are validated by the DMS component. */
const taskSchema = z
  .object({
    /** Task name: a part of the task identifier `<env>-<app>-<name>-dms`. */
    name: namePartSchema,
    /** What the task does. */
    migrationType: z.enum(["full-load", "cdc", "full-load-and-cdc"]),
    /** DMS table mappings (selection and transformation rules), as a DMS JSON document. */
    tableMappings: z.record(z.string(), z.unknown()),
    /** Task settings merged over the platform defaults. */
    settings: z.record(z.string(), z.unknown()).optional(),
    /** Settings keys newer than the catalogue of documented DMS settings, sent anyway (`TargetMetadata.NewSetting`); a plan warning each. */
    allowUnknownSettings: allowUnknownSettingsSchema.optional(),
    /** CDC start position (native log position) for cdc tasks. */
    cdcStartPosition: z.string().optional(),
    /** CDC start time (RFC 3339) for cdc tasks. */
    cdcStartTime: z.string().optional(),
    /** Start the task once created. */
    start: z.boolean().optional(),
    /** Wave the task belongs to (the task's MigrationWave tag); later waves are added without touching running ones. @default 1 */
    wave: z.number().int().min(1).optional(),
    /** With `sources` (consolidation): the source the task reads. */
    source: namePartSchema.optional(),
  })
  .strict();

/**
 * The target: the foundation's database, by its RDS engine name (mysql … aurora-postgresql, and
 * RDS for Oracle / SQL Server editions such as oracle-ee or sqlserver-se; docs/heterogeneous.md), or
 * (engine redshift) its warehouse (docs/analytics-targets.md).
 */
const databaseSchema = z
  .object({
    engine: targetEngineSchema,
    databaseName: z.string().min(1),
    /**
     * Which of the foundation's further targets (`dms-platform-foundation:targets.<name>`) the
     * migration loads, by name (the `claims` migration: `claims`). @default the foundation's `target`
     * (its `warehouse` for engine redshift)
     */
    foundationTarget: z
      .string()
      .regex(
        /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/,
        "must name an entry of dms-platform-foundation:targets (lowercase letters, digits and single hyphens)",
      )
      .optional(),
  })
  .strict()
  .superRefine((db, ctx) => {
    const edition = isRdsCommercialEngine(db.engine) ? dmsTargetEditionProblem(db.engine) : undefined;
    if (edition) ctx.addIssue({ code: "custom", path: ["engine"], message: edition });
  });

/**
 * The target: the foundation's database (`{ engine, databaseName }`), or an Amazon S3 data lake the
 * replication creates (`{ s3: { bucketFolder?, parquetVersion?, … } }`, docs/analytics-targets.md).
 * Chosen by the value's shape, so errors name the fields of the form meant.
 */
const migrationTargetSchema = z
  .custom<z.output<typeof databaseSchema> | z.output<typeof s3TargetSchema>>()
  .superRefine((value, ctx) => {
    const schema = typeof value === "object" && value !== null && "s3" in value ? s3TargetSchema : databaseSchema;
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue(issue as unknown as Parameters<typeof ctx.addIssue>[0]);
    }
  });

/**
 * A source of the migration definition: its engine, database and (promoted with it) the engine's
 * endpoint settings, checked by the DMS component against the engine (Oracle LogMiner or Binary
 * Reader, SQL Server safeguard, PostgreSQL slot, …; docs/heterogeneous.md).
 */
const sourceDatabaseSchema = z
  .object({
    engine: sourceEngineSchema,
    databaseName: z.string().min(1),
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.number())])).optional(),
  })
  .strict();

/**
 * Report a custom issue. Errors end with `(got <value>)`: pass the value at `path`, or write the
 * `(got …)` into the message (zod would otherwise report the whole object refined).
 */
function issueReporter(ctx: z.RefinementCtx) {
  return (path: PropertyKey[], message: string, input?: unknown): void => {
    ctx.addIssue({ code: "custom", path, message, ...(input !== undefined ? { input } : {}) });
  };
}

/** The table mappings of each task that parse (a broken one is reported by the DMS component, with its JSON path). */
function parsedMappings(tasks: ReadonlyArray<{ tableMappings: unknown }>): Array<TableMappings | undefined> {
  return tasks.map((t) => {
    try {
      return parseTableMappings(t.tableMappings);
    } catch {
      return undefined;
    }
  });
}

/** The promotable part: identical in dev, test and prod. */
export const migrationSchema = z
  .object({
    /** Engine, database and endpoint settings of the source (one source). */
    source: sourceDatabaseSchema.optional(),
    /** Several sources consolidated into the one target, by name; each task names its `source`. */
    sources: z.record(namePartSchema, sourceDatabaseSchema).optional(),
    /** Engine and database of the target (the foundation's target database), or `{ s3: {...} }` for a data lake. */
    target: migrationTargetSchema,
    /** The tasks. */
    tasks: z.array(taskSchema).min(1, "a migration has at least one task"),
  })
  .strict()
  .superRefine((m, ctx) => {
    const problem = issueReporter(ctx);
    if (m.source !== undefined && m.sources !== undefined) {
      return problem(["sources"], "give source (one source) or sources (several), not both (got both)");
    }
    if (m.source === undefined && m.sources === undefined) {
      return problem(
        ["source"],
        "is required, or sources to consolidate several sources into the target (got neither)",
      );
    }
    const names = m.sources ? Object.keys(m.sources) : undefined;
    if (names?.length === 0) return problem(["sources"], "must name at least one source (got none)");
    const seen = new Set<string>();
    m.tasks.forEach((task, i) => {
      if (seen.has(task.name)) problem(["tasks", i, "name"], `duplicates an earlier task (got "${task.name}")`);
      seen.add(task.name);
      if (!names) {
        if (task.source !== undefined) {
          problem(
            ["tasks", i, "source"],
            `must be unset: the migration has one source; use sources to name several (got "${task.source}")`,
          );
        }
      } else if (task.source === undefined) {
        problem(["tasks", i, "source"], `is required with sources: name one of ${names.join(", ")} (got none)`);
      } else if (!names.includes(task.source)) {
        problem(["tasks", i, "source"], `must be one of ${names.join(", ")} (got "${task.source}")`);
      }
    });
    // Two tasks writing one target table: the later one's full load would drop or overwrite the
    // earlier one's rows (docs/migrations.md, consolidation).
    const mappings = parsedMappings(m.tasks);
    const checked = m.tasks.flatMap((task, i) => {
      const tableMappings = mappings[i];
      return tableMappings ? [{ task: task.name, ...(task.source ? { source: task.source } : {}), tableMappings }] : [];
    });
    const [conflict] = findTargetConflicts(checked);
    if (conflict) {
      const index = m.tasks.findIndex((t) => t.name === conflict.tasks[1]);
      problem(["tasks", index, "tableMappings"], conflict.reason, m.tasks[index]?.tableMappings);
    }
  });

/** Where a source is: a database of the foundation stack (dev's lab source), or an external host. */
const sourceConnectionSchema = keyedUnion(
  {
    foundationOutput: z.object({ foundationOutput: z.enum(["labSource"]) }).strict(),
    external: z
      .object({
        external: z
          .object({
            hostname: secretable(z.string().min(1)),
            port: z.number().int().min(1).max(65535),
            secretArn: arn("secretsmanager"),
            secretKmsKeyArn: arn("kms"),
            /**
             * DMS certificate (imported CA) to verify the source's TLS certificate; required for
             * verify-full, and for every Oracle source (the Oracle wallet: DMS encrypts Oracle only with verify-ca).
             */
            certificateArn: arn("dms").optional(),
            /**
             * Where the source runs: on premises or EC2 ("self-managed"), or an RDS instance outside the
             * foundation ("rds"): Oracle and SQL Server settings DMS cannot use on RDS are refused. @default "self-managed"
             */
            hosting: z.enum(["self-managed", "rds"]).optional(),
            /** The host's network (on premises), for the DMS security group's egress. */
            cidrBlocks: z
              .array(
                z
                  .string()
                  .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "must be an IPv4 CIDR")
                  // Host bits, octets and prefix checked here, so the message names this key.
                  .superRefine((cidr, ctx) => {
                    const problem = cidrProblem(cidr);
                    if (problem) ctx.addIssue({ code: "custom", message: problem });
                  }),
              )
              .min(1, "name the network the source is in")
              .superRefine(refuseInternetReach),
          })
          .strict(),
      })
      .strict(),
  },
  "{ foundationOutput: labSource } (dev's lab source database of the foundation stack) or { external: { hostname, port, secretArn, secretKmsKeyArn, cidrBlocks, certificateArn? } } (a database outside the foundation)",
);

/**
 * What crosses environments: a foundation stack of another environment, and dev's lab source read
 * by a test or prod stack.
 */
function crossEnvironmentProblems(
  c: {
    environment: Environment;
    foundationStack?: string | undefined;
    sourceConnection?: { foundationOutput: string } | object | undefined;
    sourceConnections?: Record<string, { foundationOutput: string } | object> | undefined;
  },
  problem: (path: PropertyKey[], message: string, input?: unknown) => void,
): void {
  // Unset, the program reads the foundation of its own organization and environment.
  if (c.foundationStack !== undefined) {
    const [, project, stack] = c.foundationStack.split("/");
    const expected = `<organization>/${FOUNDATION_PROJECT}/${c.environment}`;
    if (project !== FOUNDATION_PROJECT) {
      problem(["foundationStack"], `must name the foundation project: ${expected} (got "${c.foundationStack}")`);
    } else if (stack !== c.environment) {
      problem(
        ["foundationStack"],
        `must be the foundation of this stack's environment, ${expected}: a ${c.environment} replication must not read another environment's network and databases (got "${c.foundationStack}")`,
      );
    }
  }
  if (getProfile(c.environment).labSource) return;
  const labSource = (connection: unknown) =>
    typeof connection === "object" && connection !== null && "foundationOutput" in connection;
  const fix = `the lab source is dev-only: in ${c.environment} give the real source as { external: { hostname, port, secretArn, secretKmsKeyArn, cidrBlocks } }`;
  if (labSource(c.sourceConnection)) problem(["sourceConnection", "foundationOutput"], `${fix} (got "labSource")`);
  for (const [name, connection] of Object.entries(c.sourceConnections ?? {})) {
    if (labSource(connection)) problem(["sourceConnections", name, "foundationOutput"], `${fix} (got "labSource")`);
  }
}

/** The validated config of the replication stack. */
export const replicationConfigSchema = z
  .object({
    /** The environment; must equal the Environment tag. */
    environment: environmentSchema,
    /** Application name, part of every physical name. */
    application: namePartSchema,
    /**
     * The foundation stack of this environment, read through a StackReference:
     * `<organization>/<project>/<stack>`. @default `<the current organization>/dms-platform-foundation/<environment>`
     * (pulumi.getOrganization(): the Pulumi Cloud organisation, or "organization" on a self-managed backend)
     */
    foundationStack: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+\/[\w.-]+$/, "must be <organization>/<project>/<stack>")
      .optional(),
    /**
     * No longer set here: a replication stack always adopts the account's DMS roles, which the
     * foundation creates (`dms-platform-foundation:accountRoles`). Kept in the schema only to
     * refuse it with that advice.
     */
    accountRoles: z.unknown().optional(),
    /** Replication capacity: an instance, or DMS Serverless. Sizes default to the profile. */
    capacity: z.discriminatedUnion("kind", [
      z
        .object({
          kind: z.literal("instance"),
          instanceClass: dmsInstanceClassSchema.optional(),
          allocatedStorageGb: z.number().int().min(5).max(6144).optional(),
          engineVersion: z.string().optional(),
          /** Let an engineVersion change cross a major version (3.4 -> 3.5); DMS refuses it otherwise. */
          allowMajorVersionUpgrade: z.boolean().optional(),
          multiAz: z.boolean().optional(),
        })
        .strict(),
      z
        .object({
          kind: z.literal("serverless"),
          minCapacityUnits: z.number().int().min(1).optional(),
          maxCapacityUnits: z.number().int().min(1).optional(),
          multiAz: z.boolean().optional(),
        })
        .strict(),
    ]),
    /** Where the source is (migration.source): a database of the foundation stack (dev's lab source), or an external host. */
    sourceConnection: sourceConnectionSchema.optional(),
    /** Where each source is (migration.sources), by the same names. */
    sourceConnections: z.record(namePartSchema, sourceConnectionSchema).optional(),
    /**
     * DMS certificate (the imported RDS CA bundle) to verify the target's TLS certificate; needed
     * where the profile's SSL mode is verify-full (prod). Imported once per account (docs/dms.md).
     */
    targetCertificateArn: arn("dms").optional(),
    /** E-mail addresses subscribed to the alarm topic. */
    alarmEmails: z.array(z.email()).optional(),
    /** Allow changes that replace tasks or the instance (a full reload) where the profile protects them. */
    allowReplacement: z.boolean().optional(),
    /**
     * Environment-specific (never promoted): `false` creates every task (or Serverless config) of this
     * stack stopped, whatever its `start`, for a source that cannot run yet (dev's freshly created,
     * empty lab source; a `new-migration` stack with placeholder connections). The provider starts a
     * task on create and waits for `running`: a task that fails at start fails the `up`. Start it
     * afterwards with the command in docs/runbook.md. @default true (each task's `start`)
     */
    startTasks: z.boolean().optional(),
    /**
     * Environment-specific (never promoted): `{}` provisions DMS Schema Conversion next to the
     * replication (instance profile in its subnets, data providers for the source and the target,
     * migration project, its bucket and roles; docs/heterogeneous.md), so the schema is converted
     * before the data moves. One source only (`migration.source`). @default none
     */
    schemaConversion: z.object({}).strict().optional(),
    /** The migration definition (promoted unchanged between environments). */
    migration: migrationSchema,
    /**
     * Who operates the migration (environment-specific, never promoted): the `migration-admin` and
     * `migration-viewer` roles and the delete guard (docs/access.md).
     */
    operators: z
      .object({
        /** May assume migration-admin: 12-digit account ids, SSO permission-set role ARNs, the CI's OIDC role ARN. */
        adminPrincipals: z.array(principalSchema).min(1, "name at least one admin principal"),
        /** May assume migration-viewer (same forms). */
        viewerPrincipals: z.array(principalSchema).min(1, "name at least one viewer principal"),
        /** The CI's role (it runs `pulumi up`): exempt from the delete guard and from prod's MFA condition. */
        ciRoleArn: roleArnSchema,
        /**
         * The delete guard: while true nobody but the CI role may delete the tasks, the replication
         * instance or the task log groups. Set false (and `pulumi up`) before `pulumi destroy`.
         */
        migrationActive: z.boolean(),
        /** Task changes and deletes need MFA or the CI role. @default true in prod, false elsewhere */
        requireMfa: z.boolean().optional(),
      })
      .strict(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const problem = issueReporter(ctx);
    crossEnvironmentProblems(c, problem);
    if (c.schemaConversion !== undefined && c.migration.sources !== undefined) {
      problem(
        ["schemaConversion"],
        "converts the schema of one source: use it with migration.source, or give each source its own migration (got migration.sources)",
      );
    }
    const { target } = c.migration;
    if (!("s3" in target) && target.engine === "redshift" && target.foundationTarget !== undefined) {
      problem(
        ["migration", "target", "foundationTarget"],
        `must be unset with engine redshift: a Redshift target is the foundation's warehouse (dms-platform-foundation:warehouse); foundationTarget names a database of dms-platform-foundation:targets (got "${target.foundationTarget}")`,
      );
    }
    if (c.schemaConversion !== undefined && ("s3" in target || target.engine === "redshift")) {
      problem(
        ["schemaConversion"],
        `converts into a database target the foundation builds; the platform does not provision Schema Conversion into ${"s3" in target ? "an S3 data lake" : "a Redshift warehouse"}: remove schemaConversion and create the target's tables before the load (docs/analytics-targets.md)`,
      );
    }
    if (c.accountRoles !== undefined) {
      problem(
        ["accountRoles"],
        `must be removed: a replication stack adopts the account's DMS roles, which the foundation creates; set dms-platform-foundation:accountRoles: create in the foundation of one environment per account (docs/accounts.md) (got ${JSON.stringify(c.accountRoles)})`,
      );
    }
    const { source, sources } = c.migration;
    // The foundation creates RDS/Aurora MySQL and PostgreSQL databases only: an Oracle or SQL
    // Server source is always outside it (docs/heterogeneous.md).
    const commercialFromFoundation = (engine: string, connection: unknown, at: PropertyKey[]) => {
      if (
        isCommercialEngine(engine) &&
        typeof connection === "object" &&
        connection &&
        "foundationOutput" in connection
      ) {
        problem(
          [...at, "foundationOutput"],
          `cannot hold ${engine === "oracle" ? "an Oracle" : "a SQL Server"} source: the foundation's databases run MySQL or PostgreSQL engines; give the ${engine} database as { external: { hostname, port, secretArn, secretKmsKeyArn, cidrBlocks, certificateArn, hosting } } (got "${(connection as { foundationOutput: string }).foundationOutput}")`,
        );
      }
    };
    if (source) commercialFromFoundation(source.engine, c.sourceConnection, ["sourceConnection"]);
    for (const [name, db] of Object.entries(sources ?? {})) {
      commercialFromFoundation(db.engine, c.sourceConnections?.[name], ["sourceConnections", name]);
    }
    if (source !== undefined) {
      if (c.sourceConnections !== undefined) {
        return problem(
          ["sourceConnections"],
          "must be unset: it is for migration.sources; with migration.source use sourceConnection (got sourceConnections)",
        );
      }
      if (c.sourceConnection === undefined) {
        return problem(["sourceConnection"], "is required: where the source is (got none)");
      }
    }
    if (sources !== undefined) {
      if (c.sourceConnection !== undefined) {
        return problem(
          ["sourceConnection"],
          "must be unset: it is for migration.source; with migration.sources use sourceConnections (got sourceConnection)",
        );
      }
      const names = Object.keys(sources);
      if (c.sourceConnections === undefined) {
        return problem(["sourceConnections"], `is required: where each source (${names.join(", ")}) is (got none)`);
      }
      for (const name of names) {
        if (!(name in c.sourceConnections)) {
          problem(["sourceConnections", name], `is required: where source ${name} is (got none)`);
        }
      }
      for (const name of Object.keys(c.sourceConnections)) {
        if (!names.includes(name)) {
          problem(
            ["sourceConnections", name],
            `must name a source of migration.sources: ${names.join(", ")} (got "${name}")`,
          );
        }
      }
    }
  });

export type ReplicationConfig = z.output<typeof replicationConfigSchema> & { tags: StackTags };

/**
 * Validate the stack's config (values keyed `namespace:key`, from YAML or from the Pulumi runtime).
 * Given the stack name, also check it: `<env>` or `<migration>-<env>` (docs/migrations.md).
 */
export function loadReplicationConfig(
  values: Readonly<Record<string, unknown>>,
  file: string,
  stack?: string,
  /** Keys holding secrets (parseStackConfig): their encrypted values are accepted unread. */
  secretKeys?: readonly string[],
): ReplicationConfig {
  const config = parseStackConfig(replicationConfigSchema, values, {
    file,
    namespace: PROJECT,
    ...(secretKeys ? { secretKeys } : {}),
  });
  if (stack !== undefined) checkReplicationStack(stack, config, PROJECT);
  checkArnPlacement(values, file, PROJECT, config);
  const tags = readDefaultTags(values, file, config.environment as Environment);
  return { ...config, tags };
}

/**
 * The foundation output a database target is read from: `targets.<name>` for a
 * `foundationTarget`, `warehouse` for Redshift, else `target`.
 */
export function foundationTargetOutput(target: ReplicationConfig["migration"]["target"]): string {
  if ("s3" in target) return "target";
  if (target.foundationTarget !== undefined) return `targets.${target.foundationTarget}`;
  return target.engine === "redshift" ? "warehouse" : "target";
}

/**
 * Which config key feeds which component argument (declareReplication), so a value the schema let
 * through and a component refused is reported at the key the user wrote, with the fix in the
 * stack file's terms.
 */
export function replicationOrigins(config: Pick<ReplicationConfig, "environment" | "migration">): ConfigOrigins {
  const key = (k: string) => `${PROJECT}:${k}`;
  const context = { environment: key("environment"), application: key("application"), tags: "aws:defaultTags.tags" };
  const fromFoundation = (output: string): ArgOrigin => ({
    key: key("foundationStack"),
    rule: (rule) => `the foundation stack's output ${output} ${rule}`,
  });
  const certificate = (k: string): ArgOrigin => ({
    key: key(k),
    rule: (rule) =>
      /not supported by DMS/.test(rule)
        ? rule
        : /Oracle/.test(rule)
          ? `is required: DMS encrypts an Oracle connection only with sslMode verify-ca, against the Oracle wallet of the database's CA; set ${k} to the ARN of that wallet imported into DMS (aws dms import-certificate --certificate-wallet; docs/heterogeneous.md)`
          : `is required: ${config.environment}'s endpoints verify the database's certificate (sslMode ${/sslMode (\S+)/.exec(rule)?.[1] ?? "verify-full"}); set ${k} to the ARN of the DMS certificate of the CA that signed it (for RDS, the imported RDS CA bundle; docs/dms.md)`,
  });
  const targetOutput = foundationTargetOutput(config.migration.target);
  const endpoint = (arg: string, connection: string, database: string) => ({
    [`${arg}.external`]: key(`${connection}.external`),
    [`${arg}.external.engine`]: key(`${database}.engine`),
    [`${arg}.external.databaseName`]: key(`${database}.databaseName`),
    [`${arg}.external.settings`]: key(`${database}.settings`),
    [`${arg}.external.hosting`]: key(`${connection}.external.hosting`),
    [`${arg}.external.sslMode`]: certificate(`${connection}.external.certificateArn`),
    [`${arg}.engine`]: key(`${database}.engine`),
    [`${arg}.databaseName`]: key(`${database}.databaseName`),
    [`${arg}.sslMode`]: certificate("targetCertificateArn"),
    [`${arg}.certificateArn`]: key("targetCertificateArn"),
    [`${arg}.address`]: fromFoundation(`${arg === "target" ? targetOutput : "labSource"}.address`),
    [`${arg}.port`]: fromFoundation(`${arg === "target" ? targetOutput : "labSource"}.port`),
  });
  const sources = Object.keys(config.migration.sources ?? {}).map((name) =>
    endpoint(`sources.${name}`, `sourceConnections.${name}`, `migration.sources.${name}`),
  );
  return {
    'DmsReplication "replication"': {
      ...context,
      vpcId: fromFoundation("vpcId"),
      subnetIds: fromFoundation("privateSubnetIds"),
      endpointSecurityGroupId: fromFoundation("endpointSecurityGroupId"),
      kmsKeyArn: fromFoundation("kmsKeyArn"),
      capacity: key("capacity"),
      ...endpoint("source", "sourceConnection", "migration.source"),
      ...Object.assign({}, ...sources),
      ...endpoint("target", "targetCertificateArn", "migration.target"),
      "target.s3": key("migration.target.s3"),
      sources: key("migration.sources"),
      tasks: key("migration.tasks"),
      alarmEmails: key("alarmEmails"),
      allowReplacement: key("allowReplacement"),
    },
    // The account roles are adopted whatever the file says (accountRoles is refused): context only.
    'DmsAccountRoles "account-roles"': context,
    'DmsAssessmentResults "assessments"': { ...context, kmsKeyArn: fromFoundation("kmsKeyArn") },
    'MigrationOperatorAccess "operators"': {
      ...context,
      adminPrincipals: key("operators.adminPrincipals"),
      viewerPrincipals: key("operators.viewerPrincipals"),
      ciRoleArn: key("operators.ciRoleArn"),
      migrationActive: key("operators.migrationActive"),
      requireMfa: key("operators.requireMfa"),
      auditTrailName: fromFoundation("auditTrailName"),
    },
  };
}

/** The config values that make physical names (application, task names), with their keys. */
export function replicationNameParts(config: Pick<ReplicationConfig, "application" | "migration">): NamePartOrigins {
  return [
    { value: config.application, key: `${PROJECT}:application` },
    ...config.migration.tasks.map((t, i) => ({ value: t.name, key: `${PROJECT}:migration.tasks[${i}].name` })),
    ...Object.keys(config.migration.sources ?? {}).map((name) => ({
      value: name,
      key: `${PROJECT}:migration.sources.${name}`,
    })),
  ];
}
