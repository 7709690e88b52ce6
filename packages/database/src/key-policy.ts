/**
 * The key policy of the database's customer-managed key, as a plain object. Pure; the component
 * serialises it with JSON.stringify once the account, region and partition are known.
 */

import {
  type AccountContext,
  accountAdministersKey,
  cloudWatchLogsUseKey,
  type PolicyDocument,
  type PolicyStatement,
} from "@dms-platform/config";

/** Where the key lives. */
export type KeyPolicyContext = AccountContext;
export type KeyPolicyStatement = PolicyStatement;
export type KeyPolicyDocument = PolicyDocument;

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
      accountAdministersKey(ctx),
      cloudWatchLogsUseKey(ctx, [`${logGroupNamePrefix}*`], "CloudWatchLogsEncryptsDatabaseLogGroups"),
    ],
  };
}
