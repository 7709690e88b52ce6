import {
  databaseEngineSchema,
  type Environment,
  environmentSchema,
  namePartSchema,
  parseStackConfig,
  readDefaultTags,
  type StackTags,
} from "@dms-platform/config";
import { engineVersionPinProblem } from "@dms-platform/database";
import { z } from "zod";

/** The Pulumi project name, also the config namespace of this stack. */
export const PROJECT = "dms-platform-foundation";

const cidr = z
  .string()
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, "must be an IPv4 CIDR such as 10.20.0.0/16");

const engineSchema = databaseEngineSchema;

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
    /** Name of the database created on the instance. */
    databaseName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "must start with a letter; letters, digits and _ only"),
    /** Instance class; defaults to the environment profile's. */
    instanceClass: z
      .string()
      .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "must be an RDS instance class such as db.t3.micro")
      .optional(),
    /** Allocated storage (GiB) for RDS instances. */
    allocatedStorageGb: z.number().int().min(20).max(65536).optional(),
    /** Multi-AZ; defaults to the profile. */
    multiAz: z.boolean().optional(),
  })
  .strict()
  .superRefine((db, ctx) => {
    // Checked here too, so the message names this key rather than the component's argument.
    if (db.engineVersion === undefined) return;
    const problem = engineVersionPinProblem(db.engine, db.engineVersion, db.autoMinorVersionUpgrade ?? true);
    if (problem) ctx.addIssue({ code: "custom", path: ["engineVersion"], message: problem });
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
        onPremisesCidrs: z.array(cidr).optional(),
      })
      .strict(),
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
  })
  .strict();

export type FoundationConfig = z.output<typeof foundationConfigSchema> & { tags: StackTags };

/** Validate the stack's config (values keyed `namespace:key`, from YAML or from the Pulumi runtime). */
export function loadFoundationConfig(values: Readonly<Record<string, unknown>>, file: string): FoundationConfig {
  const config = parseStackConfig(foundationConfigSchema, values, { file, namespace: PROJECT });
  const tags = readDefaultTags(values, file, config.environment as Environment);
  return { ...config, tags };
}
