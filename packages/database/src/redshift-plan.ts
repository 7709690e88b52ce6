/**
 * What a Redshift warehouse (a DMS analytics target) is made of, decided before anything is
 * declared: node type and count, snapshot retention, the parameters that force TLS and user
 * activity logging, the audit logs exported to CloudWatch. Pure: no Pulumi.
 *
 * Sources: Redshift Management Guide (db-auditing, connecting-ssl-support), Security Hub controls
 * Redshift.1-4/7/8/10 (https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html),
 * terraform-provider-aws v6 internal/service/redshift resourceCluster (defaults and ForceNew).
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

/** Redshift's port (CreateCluster Port default; the provider's default 5439). */
export const REDSHIFT_PORT = 5439;

/** The parameter group family of every current Redshift cluster. */
export const REDSHIFT_PARAMETER_GROUP_FAMILY = "redshift-2.0";

/**
 * The cluster parameters the platform sets: `require_ssl` refuses every connection without TLS
 * (Security Hub Redshift.2, checkov CKV_AWS_105), and `enable_user_activity_logging` makes
 * Redshift write the user activity log, which the audit log export otherwise leaves empty
 * (Redshift Management Guide, "Database audit logging": "you must also enable the
 * enable_user_activity_logging database parameter").
 */
export const REDSHIFT_PARAMETERS = [
  { name: "require_ssl", value: "true" },
  { name: "enable_user_activity_logging", value: "true" },
] as const;

/** The audit logs exported to CloudWatch Logs (aws.redshift.Logging logExports; Security Hub Redshift.4). */
export const REDSHIFT_LOG_EXPORTS = ["connectionlog", "useractivitylog", "userlog"] as const;

/**
 * The minimum automated snapshot retention Security Hub Redshift.3 accepts (its parameter
 * MinRetentionPeriod defaults to 7 days); the profile's RDS retention is raised to it.
 */
export const REDSHIFT_MIN_SNAPSHOT_RETENTION_DAYS = 7;

/** The admin user name Redshift's console proposes, which Security Hub Redshift.8 refuses. */
export const REDSHIFT_DEFAULT_ADMIN_USERNAME = "awsuser";

/** The database Redshift creates when none is named, which Security Hub Redshift.9 refuses. */
export const REDSHIFT_DEFAULT_DATABASE_NAME = "dev";

/** The node types the platform sizes per environment (RA3: managed storage, enhanced VPC routing). */
const DEFAULT_NODES: Readonly<Record<Environment, { nodeType: string; numberOfNodes: number }>> = {
  dev: { nodeType: "ra3.xlplus", numberOfNodes: 1 },
  test: { nodeType: "ra3.xlplus", numberOfNodes: 1 },
  prod: { nodeType: "ra3.4xlarge", numberOfNodes: 2 },
};

/** Arguments of RedshiftWarehouse. Defaults come from the environment's profile. */
export interface RedshiftWarehouseArgs {
  /** The stack's environment; selects the profile of defaults. */
  environment: Environment;
  /** Application name, a part of every physical name (`<env>-<app>-<purpose>`). */
  application: string;
  /** The five required tags (plus any extra), set on every taggable child. */
  tags: RequiredTags & Record<string, string>;
  /** The database DMS writes to (not `dev`, Redshift's default: Security Hub Redshift.9). */
  databaseName: string;
  /** Node type. @default ra3.xlplus in dev/test, ra3.4xlarge in prod */
  nodeType?: string;
  /** Number of compute nodes (1 is a single-node cluster). @default 1 in dev/test, 2 in prod */
  numberOfNodes?: number;
  /** The admin user (not `awsuser`: Security Hub Redshift.8). @default "dmsadmin" */
  adminUsername?: string;
  /** Days of automated snapshots, 7-35. @default the profile's backup retention, at least 7 */
  snapshotRetentionDays?: number;
  /** Raise to rotate the admin password through Pulumi (a new one is generated and written to the secret). @default 1 */
  adminPasswordVersion?: number;
  /** The VPC the cluster's security group is created in. */
  vpcId: pulumi.Input<string>;
  /** Private subnets of the cluster subnet group (two or more AZs). */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The purpose part of physical names. @default "dwh" */
  purpose?: string;
}

// A Redshift identifier: lowercase letters, digits, _ and $, first a letter or _ (terraform-provider-aws
// v6 resourceCluster database_name / master_username validation), and not a reserved default.
const redshiftIdentifier = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[a-z_][a-z0-9_$]*$/, "must be lowercase letters, digits, _ or $, starting with a letter or _");

export const redshiftWarehouseArgsSchema = componentContextSchema
  .extend({
    databaseName: redshiftIdentifier(64).refine((v) => v !== REDSHIFT_DEFAULT_DATABASE_NAME, {
      message: `must not be "${REDSHIFT_DEFAULT_DATABASE_NAME}", Redshift's default database (Security Hub Redshift.9)`,
    }),
    nodeType: z
      .string()
      .regex(/^(ra3|dc2)\.[a-z0-9]+$/, "must be a Redshift node type such as ra3.xlplus")
      .optional(),
    numberOfNodes: z.number().int().min(1).max(128).optional(),
    adminUsername: redshiftIdentifier(128)
      .refine((v) => v !== REDSHIFT_DEFAULT_ADMIN_USERNAME, {
        message: `must not be "${REDSHIFT_DEFAULT_ADMIN_USERNAME}", Redshift's default admin user (Security Hub Redshift.8)`,
      })
      .optional(),
    snapshotRetentionDays: z.number().int().min(REDSHIFT_MIN_SNAPSHOT_RETENTION_DAYS).max(35).optional(),
    adminPasswordVersion: z.number().int().min(1).optional(),
    vpcId: z.custom<pulumi.Input<string>>((v) => v !== undefined && v !== null, "is required"),
    subnetIds: z.custom<pulumi.Input<pulumi.Input<string>[]>>((v) => v !== undefined && v !== null, "is required"),
    purpose: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .optional(),
  })
  .strict();

// One source of truth: a drift between the interface and the schema is a compile error.
export type RedshiftWarehouseArgsMatchSchema = Assert<
  SameKeys<RedshiftWarehouseArgs, z.input<typeof redshiftWarehouseArgsSchema>>
>;

/** What was decided for a warehouse. */
export interface RedshiftWarehousePlan {
  purpose: string;
  databaseName: string;
  adminUsername: string;
  nodeType: string;
  numberOfNodes: number;
  /** `single-node` for one node, else `multi-node` (CreateCluster ClusterType). */
  clusterType: "single-node" | "multi-node";
  port: number;
  snapshotRetentionDays: number;
  /** Take a final snapshot on delete (the profile's finalSnapshot). */
  finalSnapshot: boolean;
  /** Pulumi `protect` on the cluster and its key. */
  protect: boolean;
  adminPasswordVersion: number;
  kmsDeletionWindowDays: number;
  secretRecoveryWindowDays: number;
  parameters: ReadonlyArray<{ name: string; value: string }>;
  logExports: readonly string[];
}

/** Decide a warehouse from its parsed args and the environment's profile. */
export function planRedshiftWarehouse(args: z.output<typeof redshiftWarehouseArgsSchema>): RedshiftWarehousePlan {
  const profile = getProfile(args.environment);
  const nodes = DEFAULT_NODES[args.environment];
  const numberOfNodes = args.numberOfNodes ?? nodes.numberOfNodes;
  return {
    purpose: args.purpose ?? "dwh",
    databaseName: args.databaseName,
    adminUsername: args.adminUsername ?? "dmsadmin",
    nodeType: args.nodeType ?? nodes.nodeType,
    numberOfNodes,
    clusterType: numberOfNodes === 1 ? "single-node" : "multi-node",
    port: REDSHIFT_PORT,
    snapshotRetentionDays:
      args.snapshotRetentionDays ?? Math.max(profile.backupRetentionDays, REDSHIFT_MIN_SNAPSHOT_RETENTION_DAYS),
    finalSnapshot: profile.finalSnapshot,
    protect: profile.protect,
    adminPasswordVersion: args.adminPasswordVersion ?? 1,
    kmsDeletionWindowDays: profile.kmsDeletionWindowDays,
    // As MigrationDatabase's master secret (args.ts planDatabase).
    secretRecoveryWindowDays: profile.environment === "prod" ? 30 : 7,
    parameters: REDSHIFT_PARAMETERS,
    logExports: REDSHIFT_LOG_EXPORTS,
  };
}

/** The CloudWatch log group Redshift writes a log type of a cluster to (Management Guide, "Audit logging to CloudWatch"). */
export function redshiftLogGroupName(clusterIdentifier: string, logType: string): string {
  return `/aws/redshift/cluster/${clusterIdentifier}/${logType}`;
}
