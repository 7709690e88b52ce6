import { componentContextSchema, mergeTags, parseComponentArgs, type RequiredTags } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { REDSHIFT_ACCOUNT_ROLE, REDSHIFT_ACCOUNT_ROLE_TRUST } from "./redshift-endpoint.js";

/**
 * The account-level roles DMS looks up by fixed name, and the AWS managed policy each needs
 * (https://docs.aws.amazon.com/dms/latest/userguide/security-iam.html#CHAP_Security.APIRole,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonDMSVPCManagementRole.html).
 */
export const DMS_ACCOUNT_ROLES = {
  vpc: { roleName: "dms-vpc-role", policy: "service-role/AmazonDMSVPCManagementRole" },
  cloudwatchLogs: { roleName: "dms-cloudwatch-logs-role", policy: "service-role/AmazonDMSCloudWatchLogsRole" },
} as const;

/** The trust policy of the account roles: the DMS service principal. */
export const DMS_ACCOUNT_ROLE_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "dms.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

export interface DmsAccountRolesArgs {
  /** The stack's environment (tags only: the roles are per account). */
  environment: RequiredTags["Environment"];
  /** Application name (tags only). */
  application: string;
  /** The five required tags. */
  tags: RequiredTags & Record<string, string>;
  /**
   * `create` the two roles and their policy attachments (one long-lived stack per account: the
   * foundation of one environment, docs/accounts.md), or `adopt` the roles that already exist in
   * the account (looked up by name; nothing is managed, so the stack can be destroyed and re-created
   * any number of times). A missing role is an error naming the stack that must create it.
   * @default "create"
   */
  mode?: "create" | "adopt";
  /**
   * Leave the roles in the account when the creating stack is destroyed. Off by default: the
   * creating stack is the long-lived one and is destroyed last, and a retained role would make its
   * re-creation fail with EntityAlreadyExists. @default false
   */
  retainOnDelete?: boolean;
  /**
   * Also `dms-access-for-endpoint`, the role DMS needs for a Redshift target's intermediate S3
   * bucket (REDSHIFT_ACCOUNT_ROLE; docs/analytics-targets.md): created or adopted like the others.
   * @default false
   */
  redshift?: boolean;
}

const argsSchema = componentContextSchema
  .extend({
    mode: z.enum(["create", "adopt"]).optional(),
    retainOnDelete: z.boolean().optional(),
    redshift: z.boolean().optional(),
  })
  .strict();

/**
 * The ARN of an adopted account role, or an error saying which stack must create it. Exported for
 * tests.
 */
export function adoptedRoleArn(roleName: string, arns: readonly string[]): string {
  const [arn] = arns;
  if (arn === undefined) {
    throw new Error(
      `the account has no IAM role ${roleName}, which DMS needs: deploy the foundation stack that creates the account's DMS roles first (dms-platform-foundation:accountRoles: create, in one environment per account; docs/accounts.md)`,
    );
  }
  return arn;
}

/**
 * `dms-vpc-role` and `dms-cloudwatch-logs-role`, created or adopted. A DmsReplication given this
 * component makes its replication subnet group and tasks depend on `dependencies` (the policy
 * attachments): AWS refuses a subnet group while dms-vpc-role has no usable policy
 * ("The IAM Role arn:aws:iam::…:role/dms-vpc-role is not configured properly").
 */
export class DmsAccountRoles extends pulumi.ComponentResource {
  readonly vpcRoleArn: pulumi.Output<string>;
  readonly cloudwatchLogsRoleArn: pulumi.Output<string>;
  /** `dms-access-for-endpoint`'s ARN, with `redshift: true`. */
  readonly redshiftRoleArn?: pulumi.Output<string>;
  /** What replication resources must wait for: the policy attachments (create), nothing (adopt). */
  readonly dependencies: pulumi.Resource[];
  readonly mode: "create" | "adopt";

  constructor(name: string, args: DmsAccountRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dms-platform:dms:DmsAccountRoles", name, {}, opts);
    const parsed = parseComponentArgs(argsSchema, args, "DmsAccountRoles", name);
    this.mode = parsed.mode ?? "create";
    const retainOnDelete = parsed.retainOnDelete ?? false;

    if (this.mode === "adopt") {
      // iam.getRoles answers an empty list for a role that is not there (iam.getRole fails with the
      // provider's "couldn't find resource"), so the error can say what to do, at preview.
      const read = (key: keyof typeof DMS_ACCOUNT_ROLES) => {
        const { roleName } = DMS_ACCOUNT_ROLES[key];
        return aws.iam
          .getRolesOutput({ nameRegex: `^${roleName}$` }, { parent: this })
          .arns.apply((arns) => adoptedRoleArn(roleName, arns));
      };
      this.vpcRoleArn = read("vpc");
      this.cloudwatchLogsRoleArn = read("cloudwatchLogs");
      if (parsed.redshift) {
        const { roleName } = REDSHIFT_ACCOUNT_ROLE;
        this.redshiftRoleArn = aws.iam
          .getRolesOutput({ nameRegex: `^${roleName}$` }, { parent: this })
          .arns.apply((arns) => adoptedRoleArn(roleName, arns));
      }
      this.dependencies = [];
    } else {
      const partition = aws.getPartitionOutput({}, { parent: this }).partition;
      const create = (
        { roleName, policy, trust }: { roleName: string; policy: string; trust?: string },
        logical: string,
      ) => {
        const role = new aws.iam.Role(
          `${name}-${logical}`,
          {
            name: roleName,
            assumeRolePolicy: trust ?? DMS_ACCOUNT_ROLE_TRUST,
            description: `DMS account role (${policy.split("/")[1]}), shared by every migration in the account`,
            tags: mergeTags(parsed.tags, { Name: roleName }),
          },
          { parent: this, retainOnDelete },
        );
        const attachment = new aws.iam.RolePolicyAttachment(
          `${name}-${logical}-policy`,
          { role: role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}` },
          { parent: role, retainOnDelete },
        );
        return { role, attachment };
      };
      const vpc = create(DMS_ACCOUNT_ROLES.vpc, "vpc-role");
      const logs = create(DMS_ACCOUNT_ROLES.cloudwatchLogs, "cloudwatch-logs-role");
      this.vpcRoleArn = vpc.role.arn;
      this.cloudwatchLogsRoleArn = logs.role.arn;
      this.dependencies = [vpc.attachment, logs.attachment];
      if (parsed.redshift) {
        const endpointAccess = create(
          { ...REDSHIFT_ACCOUNT_ROLE, trust: REDSHIFT_ACCOUNT_ROLE_TRUST },
          "endpoint-access-role",
        );
        this.redshiftRoleArn = endpointAccess.role.arn;
        this.dependencies.push(endpointAccess.attachment);
      }
    }

    this.registerOutputs({
      mode: this.mode,
      vpcRoleArn: this.vpcRoleArn,
      cloudwatchLogsRoleArn: this.cloudwatchLogsRoleArn,
      ...(this.redshiftRoleArn ? { redshiftRoleArn: this.redshiftRoleArn } : {}),
    });
  }
}
