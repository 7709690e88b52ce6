/**
 * The documents of a created CloudTrail trail, as plain objects: the bucket policy and the key
 * policy. Pure; the component serialises them once the account, region and partition are known.
 */
import { accountAdministersKey } from "@dms-platform/config";
import type { PolicyDocument } from "./iam-documents.js";

export interface TrailContext {
  partition: string;
  region: string;
  accountId: string;
  /** The trail's name (its ARN is known before it exists: `arn:<p>:cloudtrail:<region>:<account>:trail/<name>`). */
  trailName: string;
  /** The log bucket's name. */
  bucketName: string;
}

/** The trail's ARN, built from its name. */
export function trailArn(ctx: Pick<TrailContext, "partition" | "region" | "accountId" | "trailName">): string {
  return `arn:${ctx.partition}:cloudtrail:${ctx.region}:${ctx.accountId}:trail/${ctx.trailName}`;
}

/**
 * - CloudTrail checks the bucket ACL and writes under `AWSLogs/<account>/` with
 *   `s3:x-amz-acl = bucket-owner-full-control`, both only for this trail (`aws:SourceArn`):
 *   https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 * - Every request without TLS is denied (Security Hub S3.5).
 */
export function trailBucketPolicy(ctx: TrailContext): PolicyDocument {
  const bucket = `arn:${ctx.partition}:s3:::${ctx.bucketName}`;
  const source = { "aws:SourceArn": trailArn(ctx) };
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "CloudTrailChecksBucketAcl",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: bucket,
        Condition: { StringEquals: source },
      },
      {
        Sid: "CloudTrailWritesLogs",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${bucket}/AWSLogs/${ctx.accountId}/*`,
        Condition: { StringEquals: { ...source, "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucket, `${bucket}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
}

/**
 * - The account root administers the key (the KMS default key policy: IAM policies decide the rest).
 * - CloudTrail encrypts log and digest files for this trail only: `kms:GenerateDataKey*` with the
 *   trail's encryption context and `aws:SourceArn`, and may describe the key:
 *   https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 * - Principals of this account with IAM permission may decrypt the log files (reading the trail).
 */
export function trailKeyPolicy(ctx: Omit<TrailContext, "bucketName">): PolicyDocument {
  const arn = trailArn(ctx);
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministersKey(ctx),
      {
        Sid: "CloudTrailEncryptsThisTrailsLogs",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceArn": arn },
          StringLike: {
            "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/*`,
          },
        },
      },
      {
        Sid: "CloudTrailDescribesKey",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceArn": arn } },
      },
      {
        Sid: "AccountReadsTrailLogs",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
        Resource: "*",
        Condition: {
          StringEquals: { "kms:CallerAccount": ctx.accountId },
          StringLike: {
            "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/*`,
          },
        },
      },
    ],
  };
}
