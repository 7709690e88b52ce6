/**
 * The IAM and KMS policy documents of the migration network, as plain objects built from the
 * partition, region and account. Pure; the component serialises them with JSON.stringify.
 */

import {
  type AccountContext,
  accountAdministersKey,
  cloudWatchLogsUseKey,
  logGroupArnPattern,
  type PolicyDocument,
  type PolicyStatement,
} from "@dms-platform/config";

export type { AccountContext, PolicyDocument, PolicyStatement };
export { logGroupArnPattern };

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
      accountAdministersKey(ctx),
      cloudWatchLogsUseKey(ctx, logGroupNamePatterns, "CloudWatchLogsEncryptsNamedLogGroups"),
      // The DMS alarm topic is encrypted with this key: CloudWatch (alarm actions) and EventBridge
      // (the rule routing DMS events) publish to it, which needs Decrypt and GenerateDataKey on the key.
      // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
      ...(["cloudwatch", "events"] as const).map(
        (service): PolicyStatement => ({
          Sid: `${service === "events" ? "EventBridge" : "CloudWatch"}PublishesToEncryptedTopics`,
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
