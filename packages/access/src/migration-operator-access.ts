import { componentContextSchema, input, mergeTags, parseComponentArgs, type RequiredTags } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  adminPolicyDocument,
  deleteGuardDocument,
  type OperatorInputs,
  operatorNames,
  principalSchema,
  roleArnSchema,
  trustPolicyDocument,
  viewerPolicyDocument,
} from "./iam-documents.js";

export interface MigrationOperatorAccessArgs {
  /** The stack's environment; selects the MFA default. */
  environment: RequiredTags["Environment"];
  /** Application name: part of every name and the `Application` tag the policies scope by. */
  application: string;
  /** The five required tags. */
  tags: RequiredTags & Record<string, string>;
  /** Who may assume `migration-admin`: 12-digit account ids, SSO permission-set role ARNs, the CI's OIDC role ARN. */
  adminPrincipals: string[];
  /** Who may assume `migration-viewer` (same forms). */
  viewerPrincipals: string[];
  /** The CI's role (it runs `pulumi up`): exempt from the delete guard and from the MFA condition. */
  ciRoleArn: string;
  /**
   * The delete guard: while true, nobody but the CI role may delete the migration's tasks, replication
   * instance, Serverless configs or task log groups (docs/access.md). Set false before destroying the stack.
   */
  migrationActive: boolean;
  /**
   * The migration's task log groups (DmsReplication's `logGroupNames`): the viewer reads them and
   * the delete guard covers them, by exact name. @default the instance pattern `dms-tasks-<env>-<app>-*`
   * (it misses a Serverless log group: pass the names)
   */
  logGroupNames?: pulumi.Input<string>[];
  /** Task changes and deletes need MFA (or the CI role). @default true in prod, false elsewhere */
  requireMfa?: boolean;
  /**
   * The trail auditing this account (the foundation stack's `auditTrailName` output). Recorded on the
   * component, where the `cloudtrail-trail-present` policy reads it. @default none (the policy warns)
   */
  auditTrailName?: pulumi.Input<string>;
  /**
   * A Redshift target: `migration-admin` may count rows on it with the Redshift Data API (`validate`,
   * `cutover-check`): ExecuteStatement on the cluster (or the Serverless workgroup's ARN), its own
   * statements' results, and the warehouse's admin secret. @default none
   */
  warehouse?: {
    /** The provisioned cluster's identifier (empty: none). */
    clusterIdentifier?: pulumi.Input<string>;
    /** A Serverless workgroup's ARN (empty: none); it wins over the cluster. */
    workgroupArn?: pulumi.Input<string>;
    secretArn: pulumi.Input<string>;
  };
  /** An S3 data-lake target: both roles may list its bucket (`validate`'s object counts). @default false */
  s3Lake?: boolean;
}

const argsSchema = componentContextSchema
  .extend({
    adminPrincipals: z.array(principalSchema).min(1, "name at least one admin principal"),
    viewerPrincipals: z.array(principalSchema).min(1, "name at least one viewer principal"),
    ciRoleArn: roleArnSchema,
    migrationActive: z.boolean(),
    requireMfa: z.boolean().optional(),
    logGroupNames: z.array(input(z.string().min(1))).optional(),
    auditTrailName: input(z.string().min(1)).optional(),
    warehouse: z
      .object({
        // Empty: none (the replication stack knows which one the foundation exported only at deployment).
        clusterIdentifier: input(z.string()).optional(),
        workgroupArn: input(z.string()).optional(),
        secretArn: input(z.string().min(1)),
      })
      .strict()
      .optional(),
    s3Lake: z.boolean().optional(),
  })
  .strict();

/**
 * The two operator roles of a migration, `<env>-<app>-migration-admin` and
 * `<env>-<app>-migration-viewer`, each with its managed policy, and — while `migrationActive` —
 * the delete guard, a managed policy attached to both roles whose document is also an output
 * (`deleteGuardPolicy`) ready to be made an SCP by whoever owns the organisation.
 */
export class MigrationOperatorAccess extends pulumi.ComponentResource {
  readonly adminRoleArn: pulumi.Output<string>;
  readonly viewerRoleArn: pulumi.Output<string>;
  /** The guard's managed policy ARN, when the migration is active. */
  readonly deleteGuardPolicyArn: pulumi.Output<string> | undefined;
  /** The guard's document (JSON, SCP-ready), when the migration is active. */
  readonly deleteGuardPolicy: pulumi.Output<string> | undefined;
  readonly requireMfa: boolean;
  readonly migrationActive: boolean;

  constructor(name: string, args: MigrationOperatorAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    // auditTrailName is recorded as the component's input: the cloudtrail-trail-present stack
    // policy reads it (policies see resources, not stack outputs).
    super(
      "dms-platform:access:MigrationOperatorAccess",
      name,
      args.auditTrailName !== undefined ? { auditTrailName: args.auditTrailName } : {},
      opts,
    );
    const parsed = parseComponentArgs(argsSchema, args, "MigrationOperatorAccess", name);
    this.requireMfa = parsed.requireMfa ?? parsed.environment === "prod";
    this.migrationActive = parsed.migrationActive;
    const names = operatorNames(parsed.environment, parsed.application);

    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const region = aws.getRegionOutput({}, { parent: this }).region;
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const logGroupNames = parsed.logGroupNames ? pulumi.all(parsed.logGroupNames) : pulumi.output(undefined);
    const warehouse = args.warehouse ? pulumi.output(args.warehouse) : pulumi.output(undefined);
    const inputs = pulumi.all([partition, region, accountId, logGroupNames, warehouse]).apply(
      ([p, r, a, logs, w]): OperatorInputs => ({
        partition: p,
        region: r,
        accountId: a,
        environment: parsed.environment,
        application: parsed.application,
        ciRoleArn: parsed.ciRoleArn,
        migrationActive: parsed.migrationActive,
        requireMfa: this.requireMfa,
        ...(logs ? { logGroupNames: logs } : {}),
        ...(w
          ? {
              warehouse: {
                ...(w.workgroupArn ? { workgroupArn: w.workgroupArn } : { clusterIdentifier: w.clusterIdentifier }),
                secretArn: w.secretArn,
              },
            }
          : {}),
        ...(parsed.s3Lake ? { s3Lake: true } : {}),
      }),
    );

    const role = (logical: string, roleName: string, principals: string[], description: string) =>
      new aws.iam.Role(
        `${name}-${logical}`,
        {
          name: roleName,
          description,
          maxSessionDuration: 3600,
          assumeRolePolicy: partition.apply((p) =>
            JSON.stringify(
              trustPolicyDocument({
                partition: p,
                principals,
                ciRoleArn: parsed.ciRoleArn,
                requireMfa: this.requireMfa,
              }),
            ),
          ),
          tags: mergeTags(parsed.tags, { Name: roleName }),
        },
        { parent: this },
      );
    const policy = (logical: string, policyName: string, document: pulumi.Output<string>, description: string) =>
      new aws.iam.Policy(
        `${name}-${logical}`,
        { name: policyName, description, policy: document, tags: mergeTags(parsed.tags, { Name: policyName }) },
        { parent: this },
      );
    const attach = (logical: string, target: aws.iam.Role, managed: aws.iam.Policy) =>
      new aws.iam.RolePolicyAttachment(
        `${name}-${logical}`,
        { role: target.name, policyArn: managed.arn },
        { parent: target },
      );

    const admin = role(
      "admin",
      names.adminRole,
      parsed.adminPrincipals,
      `Creates, changes, starts, stops and deletes the DMS resources of ${parsed.environment}-${parsed.application}`,
    );
    const adminPolicy = policy(
      "admin-policy",
      names.adminPolicy,
      inputs.apply((i) => JSON.stringify(adminPolicyDocument(i))),
      "migration-admin: this migration's DMS resources (by tag), its secrets and logs, PassRole to its DMS roles",
    );
    attach("admin-policy-attachment", admin, adminPolicy);

    const viewer = role(
      "viewer",
      names.viewerRole,
      parsed.viewerPrincipals,
      `Watches the DMS resources of ${parsed.environment}-${parsed.application}: describe, metrics, task logs`,
    );
    const viewerPolicy = policy(
      "viewer-policy",
      names.viewerPolicy,
      inputs.apply((i) => JSON.stringify(viewerPolicyDocument(i))),
      "migration-viewer: describe/list DMS, CloudWatch metrics, the task log groups; no writes, no secret values",
    );
    attach("viewer-policy-attachment", viewer, viewerPolicy);

    if (parsed.migrationActive) {
      const guardDocument = inputs.apply((i) => JSON.stringify(deleteGuardDocument(i)));
      const guard = policy(
        "delete-guard",
        names.guardPolicy,
        guardDocument,
        "While the migration is active: no deleting its tasks, instance, Serverless configs or task log groups (except the CI role)",
      );
      attach("admin-delete-guard", admin, guard);
      attach("viewer-delete-guard", viewer, guard);
      this.deleteGuardPolicyArn = guard.arn;
      this.deleteGuardPolicy = guardDocument;
    }

    this.adminRoleArn = admin.arn;
    this.viewerRoleArn = viewer.arn;
    this.registerOutputs({
      adminRoleArn: this.adminRoleArn,
      viewerRoleArn: this.viewerRoleArn,
      requireMfa: this.requireMfa,
      migrationActive: this.migrationActive,
      deleteGuardPolicyArn: this.deleteGuardPolicyArn,
      deleteGuardPolicy: this.deleteGuardPolicy,
    });
  }
}
