/**
 * The KMS key-policy statements every customer-managed key of the platform shares, as plain
 * objects (pure: no Pulumi). Each package adds the statements of its own services.
 */

/** Where a key lives. */
export interface AccountContext {
  /** `aws`, `aws-cn`, `aws-us-gov`. */
  partition: string;
  region: string;
  accountId: string;
  /** The partition's DNS suffix (`amazonaws.com`, `amazonaws.com.cn`), for regional service principals. */
  dnsSuffix: string;
}

/** One statement of an IAM or KMS policy document. */
export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: Record<string, string | string[]>;
  Action: string | string[];
  /** Absent in a role's trust policy, where IAM refuses a Resource element. */
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** An IAM or KMS policy document. */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/**
 * The KMS default key policy statement: the account root administers and uses the key, so IAM
 * policies in the account decide who else may (without it a key can become unmanageable).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export function accountAdministersKey(ctx: Pick<AccountContext, "partition" | "accountId">): PolicyStatement {
  return {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

/** The ARN pattern of CloudWatch log groups named `<namePattern>` in this account and region. */
export function logGroupArnPattern(ctx: AccountContext, namePattern: string): string {
  return `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${namePattern}`;
}

/**
 * CloudWatch Logs of this region may use the key only for log groups whose names match
 * `namePatterns`: the service encrypts with the log group's ARN as encryption context.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function cloudWatchLogsUseKey(
  ctx: AccountContext,
  namePatterns: readonly string[],
  sid: string,
): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: `logs.${ctx.region}.${ctx.dnsSuffix}` },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    Resource: "*",
    Condition: {
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": namePatterns.map((p) => logGroupArnPattern(ctx, p)) },
    },
  };
}
