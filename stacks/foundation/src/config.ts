import {
  type ConfigOrigins,
  dmsQuotasSchema,
  dmsTargetEditionProblem,
  type Environment,
  environmentSchema,
  getProfile,
  isRdsCommercialEngine,
  migrationDatabaseEngineSchema,
  type NamePartOrigins,
  namePartSchema,
  parseStackConfig,
  rdsInstanceClassSchema,
  readDefaultTags,
  refuseInternetReach,
  type StackTags,
} from "@dms-platform/config";
import {
  engineVersionPinProblem,
  redshiftServerlessWarehouseArgsSchema,
  redshiftWarehouseArgsSchema,
  SERVERLESS_MIN_AZS,
} from "@dms-platform/database";
import { z } from "zod";

/** The Pulumi project name, also the config namespace of this stack. */
export const PROJECT = "dms-platform-foundation";

const cidr = z
  .string()
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, "must be an IPv4 CIDR such as 10.20.0.0/16");

/** RDS engine names: MySQL and PostgreSQL families, and for the target RDS for Oracle and SQL Server editions (docs/heterogeneous.md). */
const engineSchema = migrationDatabaseEngineSchema;

/** A database of this stack. `engine`, `engineVersion` and `databaseName` are the migration definition; sizes are per environment. */
const databaseSchema = z
  .object({
    /** Database engine. */
    engine: engineSchema,
    /**
     * Engine version, quoted ("8.0": YAML reads 8.0 unquoted as the number 8). The major version
     * while RDS applies minor upgrades (the default); a full one ("8.0.39") only with
     * autoMinorVersionUpgrade: false. Validated by the database component.
     */
    engineVersion: z
      .string({ error: 'must be a quoted version such as "8.0" (YAML reads 8.0 unquoted as a number)' })
      .min(1)
      .optional(),
    /** Let RDS apply minor version upgrades; false only to pin a full engineVersion. @default true */
    autoMinorVersionUpgrade: z.boolean().optional(),
    /**
     * Oracle and SQL Server: license-included or bring-your-own-license (Oracle EE: BYOL only; SQL
     * Server: license-included only). Validated by the database component. @default the edition's
     */
    licenseModel: z.enum(["license-included", "bring-your-own-license"]).optional(),
    /** Oracle: the database character set, fixed at creation. @default "AL32UTF8" */
    characterSetName: z.string().min(1).optional(),
    /** Name of the database created on the instance. */
    databaseName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "must start with a letter; letters, digits and _ only"),
    /** Instance class; defaults to the environment profile's. */
    instanceClass: rdsInstanceClassSchema.optional(),
    /** Allocated storage (GiB) for RDS instances. */
    allocatedStorageGb: z.number().int().min(20).max(65536).optional(),
    /** Multi-AZ; defaults to the profile. */
    multiAz: z.boolean().optional(),
    /**
     * Raise to rotate the master password through Pulumi: a new one is generated, set on the
     * database and written to its secret (docs/runbook.md, step 10). @default 1
     */
    masterPasswordVersion: z.number().int("must be a whole number").min(1, "must be at least 1").optional(),
  })
  .strict()
  .superRefine((db, ctx) => {
    // Checked here too, so the messages name these keys rather than the component's arguments.
    const edition = isRdsCommercialEngine(db.engine) ? dmsTargetEditionProblem(db.engine) : undefined;
    if (edition) ctx.addIssue({ code: "custom", path: ["engine"], message: edition });
    if (db.engineVersion === undefined) return;
    const problem = engineVersionPinProblem(db.engine, db.engineVersion, db.autoMinorVersionUpgrade ?? true);
    if (problem) ctx.addIssue({ code: "custom", path: ["engineVersion"], message: problem });
  });

/**
 * The name of a further target database (`targets.<name>`): a part of its physical names
 * (`<env>-<app>-<name>-tgt`) and of its logical name (`<name>-target`), so short and lowercase.
 */
export const targetNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/,
    "must be lowercase letters and digits separated by single hyphens, starting with a letter",
  )
  .max(20, "must be at most 20 characters (it is a part of the database's RDS identifiers)");

/** The logical name of the database `targets.<name>` (the existing `target` keeps its own, unchanged). */
export const namedTargetResourceName = (name: string): string => `${name}-target`;

/** The purpose part of the physical names of the database `targets.<name>`: unique per target. */
export const namedTargetPurpose = (name: string): string => `${name}-tgt`;

/** The analytics warehouse of this stack (a Redshift cluster, docs/analytics-targets.md). */
const warehouseSchema = z
  .object({
    /** The warehouse engine: `redshift` (a provisioned Amazon Redshift cluster). */
    engine: z.literal("redshift"),
    /** The database DMS writes to; lowercase, not Redshift's default `dev`. */
    databaseName: redshiftWarehouseArgsSchema.shape.databaseName,
    /** Node type; defaults to the profile (ra3.xlplus dev/test, ra3.4xlarge prod). */
    nodeType: redshiftWarehouseArgsSchema.shape.nodeType,
    /** Compute nodes; defaults to the profile (1 dev/test, 2 prod). */
    numberOfNodes: redshiftWarehouseArgsSchema.shape.numberOfNodes,
    /** Days of automated snapshots (7-35); defaults to the profile's backup retention, at least 7. */
    snapshotRetentionDays: redshiftWarehouseArgsSchema.shape.snapshotRetentionDays,
    /** Raise to rotate the admin password through Pulumi. @default 1 */
    adminPasswordVersion: redshiftWarehouseArgsSchema.shape.adminPasswordVersion,
    /**
     * `provisioned` (a Redshift cluster) or `serverless` (a Redshift Serverless namespace and
     * workgroup, which needs network.azCount 3 or more). Promoted. @default "provisioned"
     */
    kind: z.enum(["provisioned", "serverless"]).optional(),
    /** Serverless: base capacity in RPUs, 8-512 in units of 8; defaults to 8 dev/test, 32 prod. */
    baseCapacity: redshiftServerlessWarehouseArgsSchema.shape.baseCapacity,
    /** Serverless: most RPUs the workgroup scales to; defaults to 32 dev, 64 test, 256 prod. */
    maxCapacity: redshiftServerlessWarehouseArgsSchema.shape.maxCapacity,
  })
  .strict()
  .superRefine((w, ctx) => {
    // Each kind's sizes only: a key of the other kind would be silently ignored.
    const serverless = w.kind === "serverless";
    const foreign = serverless
      ? (["nodeType", "numberOfNodes", "snapshotRetentionDays"] as const)
      : (["baseCapacity", "maxCapacity"] as const);
    for (const k of foreign) {
      if (w[k] === undefined) continue;
      ctx.addIssue({
        code: "custom",
        path: [k],
        message: serverless
          ? `is a provisioned cluster's setting; a serverless warehouse is sized with baseCapacity and maxCapacity (RPUs) and keeps its recovery points itself (got ${k})`
          : `is a serverless warehouse's setting; set kind: serverless, or size the cluster with nodeType and numberOfNodes (got ${k})`,
      });
    }
    if (serverless && w.maxCapacity !== undefined && w.baseCapacity !== undefined && w.maxCapacity < w.baseCapacity) {
      ctx.addIssue({
        code: "custom",
        path: ["maxCapacity"],
        message: `must be at least baseCapacity (${w.baseCapacity} RPUs); Redshift Serverless refuses a maximum below the base (got ${w.maxCapacity})`,
      });
    }
  });

/** The validated config of the foundation stack. */
export const foundationConfigSchema = z
  .object({
    /** The environment; must equal the stack name's environment and the Environment tag. */
    environment: environmentSchema,
    /** Application name, part of every physical name. */
    application: namePartSchema,
    /** The migration network. */
    network: z
      .object({
        /** VPC CIDR (a /16 to /24). */
        vpcCidr: cidr,
        /** Number of private subnets / AZs; defaults to the profile (2 dev/test, 3 prod). */
        azCount: z.number().int().min(2).max(6).optional(),
        /** On-premises CIDRs a VPN or Direct Connect brings in (for external sources). */
        onPremisesCidrs: z.array(cidr).superRefine(refuseInternetReach).optional(),
        /** Route onPremisesCidrs from every private route table to this transit gateway (attached to the VPC by the network team). */
        transitGatewayId: z
          .string()
          .regex(/^tgw-[0-9a-f]+$/, "must be a transit gateway id (tgw-...)")
          .optional(),
        /** Or to this virtual private gateway (site-to-site VPN or Direct Connect). */
        vpnGatewayId: z
          .string()
          .regex(/^vgw-[0-9a-f]+$/, "must be a virtual private gateway id (vgw-...)")
          .optional(),
        /** Resolve these on-premises domains with these on-premises DNS servers (Route 53 Resolver outbound forwarding). */
        dnsForwarding: z
          .object({
            domains: z.array(z.string().min(1)).min(1, "name at least one domain"),
            targetIps: z.array(z.string().min(1)).min(1, "name at least one DNS server"),
          })
          .strict()
          .optional(),
      })
      .strict()
      .superRefine((network, ctx) => {
        // Checked here too, so the messages name these keys rather than the component's arguments.
        const gateways = [network.transitGatewayId, network.vpnGatewayId].filter((g) => g !== undefined);
        if (gateways.length > 1) {
          ctx.addIssue({
            code: "custom",
            path: ["vpnGatewayId"],
            message: "give transitGatewayId or vpnGatewayId, not both",
          });
        }
        if ((gateways.length > 0 || network.dnsForwarding) && !network.onPremisesCidrs?.length) {
          ctx.addIssue({
            code: "custom",
            path: ["onPremisesCidrs"],
            message: "is required with a gateway or dnsForwarding: list the on-premises ranges to route",
          });
        }
        if (network.dnsForwarding && gateways.length === 0) {
          ctx.addIssue({
            code: "custom",
            path: ["dnsForwarding"],
            message: "needs a route to the on-premises DNS servers: set transitGatewayId or vpnGatewayId",
          });
        }
      }),
    /**
     * The account-level DMS roles dms-vpc-role and dms-cloudwatch-logs-role: `create` them (the
     * foundation of exactly one environment per AWS account), or `adopt` the ones that foundation
     * (or AWS, or the console) made. Environment-specific, never promoted (docs/accounts.md).
     * @default "adopt"
     */
    accountRoles: z.enum(["create", "adopt"]).optional(),
    /** The target database (long-lived: it stays after cutover). */
    target: databaseSchema,
    /** The lab source database reproducing the reference lab (dev only). */
    labSource: databaseSchema.optional(),
    /**
     * Further target databases, by name, for named migrations whose target is not `target` (the
     * `claims` migration's Aurora PostgreSQL): each as `target` (engine, engineVersion,
     * databaseName promoted; sizes per environment), exported as `targets.<name>` and read by a
     * replication stack's `migration.target.foundationTarget: <name>` (docs/heterogeneous.md).
     * @default none
     */
    targets: z
      .record(z.string(), databaseSchema)
      .superRefine((targets, ctx) => {
        // Checked here rather than as the record's key schema, so the message says the rule.
        for (const name of Object.keys(targets)) {
          const result = targetNameSchema.safeParse(name);
          if (!result.success) {
            ctx.addIssue({
              code: "custom",
              path: [name],
              message: result.error.issues.map((i) => i.message).join("; "),
              input: name,
            });
          }
        }
      })
      .optional(),
    /**
     * The analytics warehouse: a private, encrypted Amazon Redshift cluster a named migration (the
     * `analytics` migration) writes to with DMS (docs/analytics-targets.md). `engine` and
     * `databaseName` are the migration definition (promoted); sizes are per environment.
     */
    warehouse: warehouseSchema.optional(),
    /**
     * The CloudTrail trail auditing this account (every DMS API call). Environment-specific, never
     * promoted. `{}` creates one (multi-region, validated, KMS, private bucket); `{ trailName }`
     * adopts an organisation or account trail by name and creates nothing. @default {} (create)
     */
    audit: z
      .object({
        /** The existing trail to adopt (CloudTrail trail name: 3-128 letters, digits, ._-). */
        trailName: z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/, "must be a CloudTrail trail name (3-128 letters, digits, ._-)")
          .optional(),
      })
      .strict()
      .optional(),
    /**
     * DMS quotas AWS raised for this foundation's account in its region (aws:allowedAccountIds,
     * aws:region), by quota name: `npm run plan` checks the fleet against these instead of the
     * defaults (docs/plan.md, "DMS quotas across the fleet"). Environment-specific, never promoted.
     * @default the DMS User Guide's defaults
     */
    quotas: dmsQuotasSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    // Redshift Serverless needs subnets in three AZs (Management Guide, serverless-usage-considerations.html).
    const azCount = c.network.azCount ?? getProfile(c.environment).azCount;
    if (c.warehouse?.kind === "serverless" && azCount < SERVERLESS_MIN_AZS) {
      ctx.addIssue({
        code: "custom",
        path: ["network", "azCount"],
        message: `must be at least ${SERVERLESS_MIN_AZS} with warehouse.kind: serverless: Redshift Serverless needs subnets in at least ${SERVERLESS_MIN_AZS} Availability Zones (Redshift Management Guide, "Considerations when using Amazon Redshift Serverless"); set network.azCount: ${SERVERLESS_MIN_AZS} (got ${azCount}${c.network.azCount === undefined ? `, the ${c.environment} profile's default` : ""})`,
      });
    }
    if (c.labSource !== undefined && isRdsCommercialEngine(c.labSource.engine)) {
      ctx.addIssue({
        code: "custom",
        path: ["labSource", "engine"],
        message: `the lab source runs a MySQL or PostgreSQL engine; RDS for Oracle and SQL Server are built as targets only, and an Oracle or SQL Server source is read through the replication stack's sourceConnection.external (got "${c.labSource.engine}")`,
      });
    }
    if (c.labSource !== undefined && !getProfile(c.environment).labSource) {
      ctx.addIssue({
        code: "custom",
        path: ["labSource"],
        message: `the reference lab's source database is dev-only: remove labSource from the ${c.environment} stack (a ${c.environment} migration reads its real source through the replication stack's sourceConnection.external) (got labSource)`,
      });
    }
  });

export type FoundationConfig = z.output<typeof foundationConfigSchema> & { tags: StackTags };

/** Validate the stack's config (values keyed `namespace:key`, from YAML or from the Pulumi runtime). */
export function loadFoundationConfig(values: Readonly<Record<string, unknown>>, file: string): FoundationConfig {
  const config = parseStackConfig(foundationConfigSchema, values, { file, namespace: PROJECT });
  const tags = readDefaultTags(values, file, config.environment as Environment);
  return { ...config, tags };
}

/**
 * Which config key feeds which component argument (declareFoundation), so a value the schema let
 * through and a component refused is reported at the key the user wrote.
 */
export function foundationOrigins(config?: Pick<FoundationConfig, "targets">): ConfigOrigins {
  const key = (k: string) => `${PROJECT}:${k}`;
  const context = { environment: key("environment"), application: key("application"), tags: "aws:defaultTags.tags" };
  const database = (k: string) => ({
    ...context,
    engine: key(`${k}.engine`),
    engineVersion: key(`${k}.engineVersion`),
    autoMinorVersionUpgrade: key(`${k}.autoMinorVersionUpgrade`),
    licenseModel: key(`${k}.licenseModel`),
    characterSetName: key(`${k}.characterSetName`),
    databaseName: key(`${k}.databaseName`),
    instanceClass: key(`${k}.instanceClass`),
    allocatedStorageGb: key(`${k}.allocatedStorageGb`),
    multiAz: key(`${k}.multiAz`),
    masterPasswordVersion: key(`${k}.masterPasswordVersion`),
  });
  return {
    'MigrationNetwork "network"': {
      ...context,
      cidrBlock: key("network.vpcCidr"),
      azCount: key("network.azCount"),
      "hybrid.onPremisesCidrs": key("network.onPremisesCidrs"),
      "hybrid.transitGatewayId": key("network.transitGatewayId"),
      "hybrid.vpnGatewayId": key("network.vpnGatewayId"),
      "hybrid.dnsForwarding": key("network.dnsForwarding"),
    },
    'MigrationDatabase "target"': database("target"),
    'MigrationDatabase "lab-source"': database("labSource"),
    ...Object.fromEntries(
      Object.keys(config?.targets ?? {}).map((name) => [
        `MigrationDatabase "${namedTargetResourceName(name)}"`,
        database(`targets.${name}`),
      ]),
    ),
    'MigrationAuditTrail "audit"': { ...context, adoptedTrailName: key("audit.trailName") },
    'RedshiftWarehouse "warehouse"': {
      ...context,
      databaseName: key("warehouse.databaseName"),
      nodeType: key("warehouse.nodeType"),
      numberOfNodes: key("warehouse.numberOfNodes"),
      snapshotRetentionDays: key("warehouse.snapshotRetentionDays"),
      adminPasswordVersion: key("warehouse.adminPasswordVersion"),
    },
    'RedshiftServerlessWarehouse "warehouse"': {
      ...context,
      databaseName: key("warehouse.databaseName"),
      baseCapacity: key("warehouse.baseCapacity"),
      maxCapacity: key("warehouse.maxCapacity"),
      adminPasswordVersion: key("warehouse.adminPasswordVersion"),
      subnetIds: key("network.azCount"),
    },
    'DmsAccountRoles "account-roles"': { ...context, mode: key("accountRoles") },
  };
}

/** The config values that make physical names, with their keys. */
export function foundationNameParts(config: FoundationConfig): NamePartOrigins {
  return [
    { value: config.application, key: `${PROJECT}:application` },
    ...Object.keys(config.targets ?? {}).map((name) => ({ value: name, key: `${PROJECT}:targets.${name}` })),
  ];
}
