/**
 * The IAM and KMS policy documents of the migration network, as plain objects built from the
 * partition, region and account. Pure; the component serialises them with JSON.stringify.
 */

/** An IAM/KMS policy document. */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: Record<string, string | string[]>;
  Action: string | string[];
  /** Absent in a role's trust policy, where IAM refuses a Resource element. */
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** Where the documents apply. */
export interface AccountContext {
  /** `aws`, `aws-cn`, `aws-us-gov`. */
  partition: string;
  region: string;
  accountId: string;
  /** The partition's DNS suffix (`amazonaws.com`, `amazonaws.com.cn`), for service principals. */
  dnsSuffix: string;
}

/** The ARN pattern of CloudWatch log groups named `<namePattern>` in this account and region. */
export function logGroupArnPattern(ctx: AccountContext, namePattern: string): string {
  return `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${namePattern}`;
}

/**
 * The key policy of the network's customer-managed key.
 *
 * - The account root may administer and use the key, so IAM policies in the account decide who
 *   else may (the KMS default key policy; without it the key can become unmanageable).
 * - CloudWatch Logs in this region may use it only for log groups whose ARN matches
 *   `logGroupNamePatterns`: the service encrypts with the log group ARN as encryption context
 *   (`kms:EncryptionContext:aws:logs:arn`), see
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function networkKeyPolicy(ctx: AccountContext, logGroupNamePatterns: readonly string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersKey",
        Effect: "Allow",
        Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchLogsEncryptsNamedLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${ctx.region}.${ctx.dnsSuffix}` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnLike: {
            "kms:EncryptionContext:aws:logs:arn": logGroupNamePatterns.map((p) => logGroupArnPattern(ctx, p)),
          },
        },
      },
      // The DMS alarm topic is encrypted with this key: CloudWatch (alarm actions) and DMS (event
      // subscriptions) publish to it, which needs Decrypt and GenerateDataKey on the key.
      // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
      ...(["cloudwatch", "dms"] as const).map(
        (service): PolicyStatement => ({
          Sid: `${service === "dms" ? "Dms" : "CloudWatch"}PublishesToEncryptedTopics`,
          Effect: "Allow",
          Principal: { Service: `${service}.${ctx.dnsSuffix}` },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
        }),
      ),
    ],
  };
}

/**
 * The trust policy of the flow log role: only the VPC Flow Logs service, and only for flow logs of
 * this account and region (aws:SourceAccount / aws:SourceArn against the confused deputy problem, as
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html recommends).
 */
export function flowLogsTrustPolicy(ctx: AccountContext): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "VpcFlowLogsAssumesRole",
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ctx.accountId },
          ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:vpc-flow-log/*` },
        },
      },
    ],
  };
}

/**
 * What the flow log role may do: write streams and events to its own log group (the group exists,
 * so no logs:CreateLogGroup), and describe log groups, which flow logs call before delivering.
 */
export function flowLogsPublishPolicy(ctx: AccountContext, logGroupName: string): PolicyDocument {
  const group = logGroupArnPattern(ctx, logGroupName);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "WriteFlowLogGroup",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [group, `${group}:*`],
      },
      {
        Sid: "DescribeLogGroups",
        Effect: "Allow",
        Action: "logs:DescribeLogGroups",
        Resource: logGroupArnPattern(ctx, "*"),
      },
    ],
  };
}
