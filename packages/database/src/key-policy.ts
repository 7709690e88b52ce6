/**
 * The key policy of the database's customer-managed key, as a plain object. Pure; the component
 * serialises it with JSON.stringify once the account, region and partition are known.
 */

/** Where the key lives. */
export interface KeyPolicyContext {
  /** `aws`, `aws-cn`, `aws-us-gov`. */
  partition: string;
  region: string;
  accountId: string;
  /** The partition's DNS suffix (`amazonaws.com`, `amazonaws.com.cn`), for service principals. */
  dnsSuffix: string;
}

export interface KeyPolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal: Record<string, string>;
  Action: string | string[];
  Resource: "*";
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface KeyPolicyDocument {
  Version: "2012-10-17";
  Statement: KeyPolicyStatement[];
}

/**
 * - The account root administers and uses the key, so IAM policies decide who else may: RDS,
 *   Performance Insights and Secrets Manager use it through grants made with the caller's
 *   permissions, and the DMS Secrets Manager access role needs only `kms:Decrypt` in its IAM policy
 *   (the KMS default key policy; without it the key can become unmanageable).
 * - CloudWatch Logs in this region may use it only for the database's own log groups
 *   (`kms:EncryptionContext:aws:logs:arn`), see
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function databaseKeyPolicy(ctx: KeyPolicyContext, logGroupNamePrefix: string): KeyPolicyDocument {
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
        Sid: "CloudWatchLogsEncryptsDatabaseLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${ctx.region}.${ctx.dnsSuffix}` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnLike: {
            "kms:EncryptionContext:aws:logs:arn": `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${logGroupNamePrefix}*`,
          },
        },
      },
    ],
  };
}
