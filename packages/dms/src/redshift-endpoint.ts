/**
 * What a DMS Redshift target needs besides the endpoint: the intermediate S3 bucket DMS writes
 * .csv files to before Redshift COPYs them, the account role `dms-access-for-endpoint` that
 * reads and writes it, and the task settings the DMS User Guide recommends for Redshift.
 *
 * Sources: DMS User Guide, "Using an Amazon Redshift database as a target" (CHAP_Target.Redshift:
 * prerequisites, limitations, "Using a data encryption key, and an Amazon S3 bucket as intermediate
 * storage", "Multithreaded task settings", target data types) and "Creating the IAM roles to use
 * with the AWS CLI and AWS DMS API" (security-iam.md, CHAP_Security.APIRole), awsdocs/aws-dms-user-guide
 * at d0f781f; terraform-provider-aws v6 internal/service/dms resourceEndpointCreate (engine "redshift":
 * `secrets_manager_arn` and its role are sent as RedshiftSettings.SecretsManagerSecretId and
 * SecretsManagerAccessRoleArn, `database_name` as RedshiftSettings.DatabaseName).
 */
import { mergeTags, type NameParts, physicalName } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TaskSettings } from "./documents/index.js";

/**
 * The account role DMS uses for a Redshift target's intermediate bucket, by fixed name, with the
 * AWS managed policy the guide attaches to it; trusted by DMS and by Redshift (which COPYs from the
 * bucket with it).
 */
export const REDSHIFT_ACCOUNT_ROLE = {
  roleName: "dms-access-for-endpoint",
  policy: "service-role/AmazonDMSRedshiftS3Role",
} as const;

/** The trust policy of `dms-access-for-endpoint` (security-iam.md, dmsAssumeRolePolicyDocument3.json). */
export const REDSHIFT_ACCOUNT_ROLE_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Sid: "1", Effect: "Allow", Principal: { Service: "dms.amazonaws.com" }, Action: "sts:AssumeRole" },
    { Sid: "2", Effect: "Allow", Principal: { Service: "redshift.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});

/**
 * The largest LOB (KB) DMS can land in Redshift for every LOB type: a BLOB becomes
 * VARCHAR(maximum LOB size * 2), and "the maximum LOB size cannot exceed 31 KB" (CLOB and NCLOB
 * allow 63 KB); Redshift has no VARCHAR over 64 KB (CHAP_Target.Redshift, target data types).
 */
export const REDSHIFT_LOB_MAX_SIZE_KB = 31;

/**
 * The task settings a Redshift target starts from, merged over the platform's and under the task's
 * own (docs/analytics-targets.md):
 * - `BatchApplyEnabled: true`: the guide's prerequisite "for AWS DMS to handle changes to Amazon
 *   Redshift target tables during CDC" (applied statement by statement otherwise, with target
 *   latency and a loaded commit queue);
 * - limited-size LOB mode at 31 KB (REDSHIFT_LOB_MAX_SIZE_KB): a larger LOB cannot be stored.
 * `ParallelApplyThreads` is left at DMS's 0: the guide's minimum recommended value is the number of
 * slices of the cluster, which the replication stack does not know; set it per task.
 */
export function redshiftTaskSettings(): TaskSettings {
  return {
    TargetMetadata: {
      BatchApplyEnabled: true,
      SupportLobs: true,
      FullLobMode: false,
      LimitedSizeLobMode: true,
      LobMaxSize: REDSHIFT_LOB_MAX_SIZE_KB,
    },
  };
}

/** The intermediate bucket's policy: TLS only (`aws:SecureTransport`), as for every bucket of ours. */
export function stagingBucketPolicy(bucketArn: string): string {
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

/**
 * What `dms-access-for-endpoint` may do for this migration: the managed policy covers buckets named
 * `dms-*` only, so this migration's bucket and its key are granted inline (DMS writes and deletes
 * the .csv files; Redshift's COPY reads them; both through the migration's KMS key).
 */
export function stagingAccessPolicy(bucketArn: string, kmsKeyArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ListTheStagingBucket",
        Effect: "Allow",
        Action: ["s3:ListBucket", "s3:GetBucketLocation"],
        Resource: bucketArn,
      },
      {
        Sid: "StageCsvFiles",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
        Resource: `${bucketArn}/*`,
      },
      {
        Sid: "EncryptWithTheMigrationKey",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
        Resource: kmsKeyArn,
      },
    ],
  });
}

/** Days the intermediate .csv files are kept if DMS does not delete them after COPY. */
export const STAGING_EXPIRATION_DAYS = 1;

export interface RedshiftStagingContext {
  name: string;
  parent: pulumi.Resource;
  parts: Omit<NameParts, "purpose">;
  tags: Record<string, string>;
  kmsKeyArn: pulumi.Input<string>;
  region: pulumi.Input<string>;
  /** The DMS security group: it gets HTTPS egress to S3's prefix list (the VPC's gateway endpoint). */
  securityGroupId: pulumi.Input<string>;
  /** The account's `dms-access-for-endpoint` (created by a foundation, adopted here). */
  accountRoleArn: pulumi.Input<string>;
}

/** What a Redshift endpoint sends in `redshiftSettings`. */
export interface RedshiftStaging {
  bucketName: pulumi.Output<string>;
  serviceAccessRoleArn: pulumi.Input<string>;
  kmsKeyArn: pulumi.Input<string>;
  /** What the endpoint must wait for: the bucket's encryption and policy, the role's grant. */
  dependencies: pulumi.Resource[];
}

/**
 * The intermediate bucket (private, owner-enforced, SSE-KMS with the migration's key, TLS only, no
 * versioning — the guide: versioning makes the endpoint's list-object call time out — and expiring
 * leftovers after a day), the grant on `dms-access-for-endpoint`, and the DMS security group's egress
 * to S3.
 */
export function declareRedshiftStaging(ctx: RedshiftStagingContext): RedshiftStaging {
  const opts = { parent: ctx.parent };
  const accountId = aws.getCallerIdentityOutput({}, opts).accountId;
  // Bucket names are global: the account id makes this one unique.
  const bucketName = accountId.apply((a) =>
    physicalName("s3-bucket", { ...ctx.parts, purpose: `redshift-staging-${a}` }),
  );
  const bucket = new aws.s3.Bucket(
    `${ctx.name}-redshift-staging`,
    { bucket: bucketName, forceDestroy: true, tags: bucketName.apply((n) => mergeTags(ctx.tags, { Name: n })) },
    opts,
  );
  const child = { parent: bucket };
  const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
    `${ctx.name}-redshift-staging-public-access-block`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    child,
  );
  const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
    `${ctx.name}-redshift-staging-encryption`,
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: ctx.kmsKeyArn },
          bucketKeyEnabled: true,
        },
      ],
    },
    child,
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${ctx.name}-redshift-staging-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-leftover-csv",
          status: "Enabled",
          filter: {},
          expiration: { days: STAGING_EXPIRATION_DAYS },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
        },
      ],
    },
    child,
  );
  const policy = new aws.s3.BucketPolicy(
    `${ctx.name}-redshift-staging-policy`,
    { bucket: bucket.id, policy: bucket.arn.apply(stagingBucketPolicy) },
    // A policy cannot be put while the public access block is being changed.
    { parent: bucket, dependsOn: [publicAccessBlock] },
  );
  const roleName = pulumi.output(ctx.accountRoleArn).apply((arn) => arn.split("/").pop() as string);
  const grant = new aws.iam.RolePolicy(
    `${ctx.name}-redshift-staging-access`,
    {
      role: roleName,
      name: physicalName("iam-policy", { ...ctx.parts, purpose: "dms-redshift-staging" }),
      policy: pulumi.all([bucket.arn, ctx.kmsKeyArn]).apply(([b, k]) => stagingAccessPolicy(b, k)),
    },
    opts,
  );
  const s3PrefixList = aws.ec2.getPrefixListOutput({ name: pulumi.interpolate`com.amazonaws.${ctx.region}.s3` }, opts);
  new aws.vpc.SecurityGroupEgressRule(
    `${ctx.name}-to-s3`,
    {
      securityGroupId: ctx.securityGroupId,
      description: "the Redshift target's intermediate bucket, through the S3 gateway endpoint",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      prefixListId: s3PrefixList.id,
      tags: mergeTags(ctx.tags, { Name: physicalName("tag", { ...ctx.parts, purpose: "dms-to-s3" }) }),
    },
    opts,
  );
  return {
    bucketName: bucket.bucket,
    serviceAccessRoleArn: ctx.accountRoleArn,
    kmsKeyArn: ctx.kmsKeyArn,
    dependencies: [encryption, policy, grant],
  };
}

/** The endpoint's `redshiftSettings`: the intermediate bucket, its role, SSE-KMS with the migration's key. */
export function redshiftEndpointSettings(staging: RedshiftStaging) {
  return {
    bucketName: staging.bucketName,
    serviceAccessRoleArn: staging.serviceAccessRoleArn,
    // SSE_S3 can later become SSE_KMS only by replacing the endpoint (CHAP_Target.Redshift, KMS key settings).
    encryptionMode: "SSE_KMS",
    serverSideEncryptionKmsKeyId: staging.kmsKeyArn,
  };
}
