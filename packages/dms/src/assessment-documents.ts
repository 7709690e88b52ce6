/**
 * Premigration assessment results: where DMS writes them and the role it writes them with, decided
 * as plain names and policy documents (pure: no Pulumi), so the component, the `assess` command
 * and the tests compute them the same way.
 *
 * DMS User Guide (awsdocs/aws-dms-user-guide, doc_source at commit d0f781f, the last with content):
 * - CHAP_Tasks.AssessmentReport.md, "Storing premigration assessment runs in an S3 Bucket": a
 *   service role trusted by `dms.amazonaws.com` with s3:PutObject, s3:DeleteObject, s3:GetObject and
 *   s3:PutObjectTagging on the bucket's objects, s3:ListBucket and s3:GetBucketLocation on the bucket.
 * - cross-service-confused-deputy-prevention.md, "IAM policy to store preflight assessments in
 *   Amazon S3": the trust narrowed with `aws:SourceAccount` (StringEquals) and `aws:SourceArn`
 *   (ArnLike `...:assessment-run:*` and `...:task:*`).
 * The results are written SSE-KMS with the migration's key (StartReplicationTaskAssessmentRun
 * ResultEncryptionMode SSE_KMS, ResultKmsKeyArn): writing and reading such objects takes
 * kms:GenerateDataKey and kms:Decrypt on the key (S3 User Guide, "Using server-side encryption with
 * AWS KMS keys (SSE-KMS)", permissions), granted only through S3 (kms:ViaService).
 */
import { type NameParts, physicalName } from "@dms-platform/config";

type Parts = Omit<NameParts, "purpose">;

/** Where a document is evaluated: partition, region and account of the stack. */
export interface AssessmentContext {
  partition: string;
  region: string;
  accountId: string;
}

/** The results bucket: `<env>-<app>-assessments-<account>` (bucket names are global: the account makes it unique). */
export function assessmentBucketName(parts: Parts, accountId: string): string {
  return physicalName("s3-bucket", { ...parts, purpose: `assessments-${accountId}` });
}

/** The role DMS assumes to write the results: `<env>-<app>-dms-assessment`. */
export function assessmentRoleName(parts: Parts): string {
  return physicalName("iam-role", { ...parts, purpose: "dms-assessment" });
}

/** The folder of one task's runs in the bucket (ResultLocationFolder). */
export function assessmentFolder(taskIdentifier: string): string {
  return `assessments/${taskIdentifier}`;
}

/** DMS may assume the role only for assessment runs and tasks of this account and region (confused deputy). */
export function assessmentTrustPolicy(ctx: AssessmentContext): string {
  const arn = (resource: string) => `arn:${ctx.partition}:dms:${ctx.region}:${ctx.accountId}:${resource}:*`;
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DmsWritesAssessmentResults",
        Effect: "Allow",
        Principal: { Service: "dms.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ctx.accountId },
          ArnLike: { "aws:SourceArn": [arn("assessment-run"), arn("task")] },
        },
      },
    ],
  });
}

/** The guide's actions on the one bucket, and its key through S3 only. */
export function assessmentRolePolicy(bucketArn: string, kmsKeyArn: string, region: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TheResultObjects",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:DeleteObject", "s3:GetObject", "s3:PutObjectTagging"],
        Resource: `${bucketArn}/*`,
      },
      {
        Sid: "TheResultsBucket",
        Effect: "Allow",
        Action: ["s3:ListBucket", "s3:GetBucketLocation"],
        Resource: bucketArn,
      },
      {
        Sid: "TheKeyThroughS3",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: kmsKeyArn,
        Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
      },
    ],
  });
}

/**
 * Refuse every request to the bucket that does not use TLS (Security Hub S3.5: `aws:SecureTransport`
 * false denied for the bucket and its objects).
 */
export function assessmentBucketPolicy(bucketArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });
}
