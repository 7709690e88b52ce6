/**
 * What a Redshift Serverless warehouse (a namespace holding the data, a workgroup holding the
 * compute) is made of, decided before anything is declared: capacity per environment, the config
 * parameters that force TLS and user activity logging, the audit logs exported to CloudWatch, and
 * what happens to the data on `pulumi destroy`. Pure: no Pulumi.
 *
 * Sources: Redshift Management Guide, "Compute capacity for Amazon Redshift Serverless"
 * (serverless-capacity.html: base capacity 8 to 512 RPUs in units of 8), "Considerations when using
 * Amazon Redshift Serverless" (serverless-usage-considerations.html: at least three subnets in three
 * Availability Zones), "Audit logging for Amazon Redshift Serverless" (log groups
 * `/aws/redshift/<namespace>/<log_type>`); Redshift Serverless API Reference, CreateNamespace /
 * CreateWorkgroup (names: 3-64 of [a-z0-9-]); terraform-provider-aws v6.58.0
 * internal/service/redshiftserverless resourceNamespace / resourceWorkgroup / resourceNamespaceDelete
 * (lonegunmanb/terraform-provider-aws-index @ 2f6e22c4).
 */
import {
  type Assert,
  componentContextSchema,
  type Environment,
  getProfile,
  type RequiredTags,
  type SameKeys,
} from "@dms-platform/config";
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  REDSHIFT_LOG_EXPORTS,
  REDSHIFT_PARAMETERS,
  REDSHIFT_PORT,
  redshiftWarehouseArgsSchema,
} from "./redshift-plan.js";

/** The fewest and most base RPUs, and the step between them (Management Guide, serverless-capacity.html). */
export const SERVERLESS_BASE_CAPACITY = { min: 8, max: 512, step: 8 } as const;

/**
 * Subnets in at least this many Availability Zones: Redshift Serverless refuses fewer (Management
 * Guide, serverless-usage-considerations.html, "Three subnets"; us-west-1 takes three subnets over two
 * AZs, which the platform does not special-case).
 */
export const SERVERLESS_MIN_AZS = 3;

/** The capacity the platform gives each environment (RPUs); an explicit baseCapacity/maxCapacity overrides. */
export const SERVERLESS_CAPACITY: Readonly<Record<Environment, { baseCapacity: number; maxCapacity: number }>> = {
  dev: { baseCapacity: 8, maxCapacity: 32 },
  test: { baseCapacity: 8, maxCapacity: 64 },
  prod: { baseCapacity: 32, maxCapacity: 256 },
};

/**
 * The workgroup's config parameters: every parameter a new workgroup reads back, with the two the
 * platform requires (`require_ssl`, `enable_user_activity_logging`, as REDSHIFT_PARAMETERS for the
 * cluster) at "true". `config_parameter` is an Optional+Computed set (resourceWorkgroup, v6.58.0):
 * sending only the two would differ from what AWS reads back (the defaults of the others) at every
 * preview. The values are those a workgroup created without parameters reads back
 * (terraform-provider-aws internal/service/redshiftserverless/workgroup_test.go,
 * TestAccRedshiftServerlessWorkgroup_basic).
 */
export const SERVERLESS_CONFIG_PARAMETERS: ReadonlyArray<{ parameterKey: string; parameterValue: string }> = [
  { parameterKey: "auto_mv", parameterValue: "true" },
  { parameterKey: "datestyle", parameterValue: "ISO, MDY" },
  { parameterKey: "enable_case_sensitive_identifier", parameterValue: "false" },
  ...REDSHIFT_PARAMETERS.map((p) => ({ parameterKey: p.name, parameterValue: p.value })),
  { parameterKey: "max_query_execution_time", parameterValue: "14400" },
  { parameterKey: "query_group", parameterValue: "default" },
  { parameterKey: "search_path", parameterValue: "$user, public" },
  { parameterKey: "use_fips_ssl", parameterValue: "false" },
];

/** Whether a base capacity is one Redshift Serverless accepts: 8-512 in units of 8. */
export function baseCapacityProblem(rpus: number): string | undefined {
  const { min, max, step } = SERVERLESS_BASE_CAPACITY;
  if (Number.isInteger(rpus) && rpus >= min && rpus <= max && rpus % step === 0) return undefined;
  return `must be ${min} to ${max} RPUs in units of ${step} (8, 16, 24 ... 512; Redshift Management Guide, "Compute capacity for Amazon Redshift Serverless") (got ${rpus})`;
}

const rpus = z
  .number()
  .int("must be a whole number of RPUs")
  .superRefine((v, ctx) => {
    const problem = baseCapacityProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** Arguments of RedshiftServerlessWarehouse. Defaults come from the environment's profile. */
export interface RedshiftServerlessWarehouseArgs {
  /** The stack's environment; selects the profile of defaults. */
  environment: Environment;
  /** Application name, a part of every physical name (`<env>-<app>-<purpose>`). */
  application: string;
  /** The five required tags (plus any extra), set on every taggable child. */
  tags: RequiredTags & Record<string, string>;
  /** The database DMS writes to (not `dev`, Redshift's default: Security Hub Redshift.9). */
  databaseName: string;
  /** Base capacity in RPUs, 8-512 in units of 8. @default 8 in dev/test, 32 in prod */
  baseCapacity?: number;
  /** Most RPUs the workgroup scales to, at least baseCapacity, in units of 8. @default 32 dev, 64 test, 256 prod */
  maxCapacity?: number;
  /** The admin user (not `awsuser` or `admin`: Security Hub Redshift.8). @default "dmsadmin" */
  adminUsername?: string;
  /** Raise to rotate the admin password through Pulumi (a new one is generated and written to the secret). @default 1 */
  adminPasswordVersion?: number;
  /** The VPC the workgroup's security group is created in. */
  vpcId: pulumi.Input<string>;
  /** Private subnets of the workgroup: at least three, in three Availability Zones. */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The purpose part of physical names. @default "dwh" */
  purpose?: string;
}

/** The admin user names the Redshift Serverless console proposes (`admin`) and the provisioned one (`awsuser`). */
export const SERVERLESS_DEFAULT_ADMIN_USERNAMES = ["admin", "awsuser"] as const;

export const redshiftServerlessWarehouseArgsSchema = componentContextSchema
  .extend({
    databaseName: redshiftWarehouseArgsSchema.shape.databaseName,
    baseCapacity: rpus.optional(),
    maxCapacity: z
      .number()
      .int("must be a whole number of RPUs")
      .multipleOf(SERVERLESS_BASE_CAPACITY.step, "must be a multiple of 8 RPUs")
      .min(SERVERLESS_BASE_CAPACITY.min)
      .optional(),
    adminUsername: redshiftWarehouseArgsSchema.shape.adminUsername.refine(
      (v) => v === undefined || !(SERVERLESS_DEFAULT_ADMIN_USERNAMES as readonly string[]).includes(v),
      {
        message: `must not be "admin" or "awsuser", the admin user names Redshift's consoles propose (Security Hub Redshift.8)`,
      },
    ),
    adminPasswordVersion: z.number().int().min(1).optional(),
    vpcId: z.custom<pulumi.Input<string>>((v) => v !== undefined && v !== null, "is required"),
    subnetIds: z.custom<pulumi.Input<pulumi.Input<string>[]>>((v) => v !== undefined && v !== null, "is required"),
    purpose: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .optional(),
  })
  .strict()
  .superRefine((args, ctx) => {
    // Known subnets: count them here (the foundation checks its network.azCount, which names the AZs).
    if (Array.isArray(args.subnetIds) && args.subnetIds.length < SERVERLESS_MIN_AZS) {
      ctx.addIssue({
        code: "custom",
        path: ["subnetIds"],
        message: `Redshift Serverless needs at least ${SERVERLESS_MIN_AZS} subnets in ${SERVERLESS_MIN_AZS} Availability Zones (got ${args.subnetIds.length})`,
      });
    }
    const base = args.baseCapacity ?? SERVERLESS_CAPACITY[args.environment].baseCapacity;
    if (args.maxCapacity !== undefined && args.maxCapacity < base) {
      ctx.addIssue({
        code: "custom",
        path: ["maxCapacity"],
        // CreateWorkgroup/UpdateWorkgroup refuse it (ValidationException; terraform-provider-aws
        // workgroup_test.go TestAccRedshiftServerlessWorkgroup_maxCapacityBelowBaseCapacity).
        message: `must be at least the base capacity (${base} RPUs); Redshift Serverless refuses a maximum below the base (got ${args.maxCapacity})`,
      });
    }
  });

// One source of truth: a drift between the interface and the schema is a compile error.
export type RedshiftServerlessWarehouseArgsMatchSchema = Assert<
  SameKeys<RedshiftServerlessWarehouseArgs, z.input<typeof redshiftServerlessWarehouseArgsSchema>>
>;

/** What was decided for a serverless warehouse. */
export interface RedshiftServerlessWarehousePlan {
  purpose: string;
  databaseName: string;
  adminUsername: string;
  baseCapacity: number;
  maxCapacity: number;
  port: number;
  /**
   * `pulumi destroy` leaves the namespace (its data, its recovery points) and its key in AWS
   * (`retainOnDelete`) where the profile takes a final snapshot (test, prod): the provider's delete
   * sends no final snapshot (resourceNamespaceDelete calls DeleteNamespace with the name only).
   */
  retainData: boolean;
  /** Pulumi `protect` on the namespace, the workgroup and the key (prod). */
  protect: boolean;
  adminPasswordVersion: number;
  kmsDeletionWindowDays: number;
  secretRecoveryWindowDays: number;
  /** The workgroup's config parameters (the provisioned cluster's parameter group, as key/value). */
  configParameters: ReadonlyArray<{ parameterKey: string; parameterValue: string }>;
  logExports: readonly string[];
}

/** Decide a serverless warehouse from its parsed args and the environment's profile. */
export function planRedshiftServerlessWarehouse(
  args: z.output<typeof redshiftServerlessWarehouseArgsSchema>,
): RedshiftServerlessWarehousePlan {
  const profile = getProfile(args.environment);
  const capacity = SERVERLESS_CAPACITY[args.environment];
  const baseCapacity = args.baseCapacity ?? capacity.baseCapacity;
  return {
    purpose: args.purpose ?? "dwh",
    databaseName: args.databaseName,
    adminUsername: args.adminUsername ?? "dmsadmin",
    baseCapacity,
    maxCapacity: args.maxCapacity ?? Math.max(capacity.maxCapacity, baseCapacity),
    port: REDSHIFT_PORT,
    retainData: profile.finalSnapshot,
    protect: profile.protect,
    adminPasswordVersion: args.adminPasswordVersion ?? 1,
    kmsDeletionWindowDays: profile.kmsDeletionWindowDays,
    // As MigrationDatabase's master secret (args.ts planDatabase) and RedshiftWarehouse's.
    secretRecoveryWindowDays: profile.environment === "prod" ? 30 : 7,
    configParameters: SERVERLESS_CONFIG_PARAMETERS,
    logExports: REDSHIFT_LOG_EXPORTS,
  };
}

/** The CloudWatch log group Redshift Serverless exports a log type of a namespace to (Management Guide, serverless-audit-logging.html). */
export function redshiftServerlessLogGroupName(namespaceName: string, logType: string): string {
  return `/aws/redshift/${namespaceName}/${logType}`;
}
