import {
  type Assert,
  componentContextSchema,
  type Environment,
  getProfile,
  input,
  mergeTags,
  parseComponentArgs,
  type RequiredTags,
  type SameKeys,
} from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  assessmentBucketName,
  assessmentBucketPolicy,
  assessmentRoleName,
  assessmentRolePolicy,
  assessmentTrustPolicy,
} from "./assessment-documents.js";

export interface DmsAssessmentResultsArgs {
  /** The stack's environment; selects the profile (results expiry, forceDestroy). */
  environment: Environment;
  /** Application name, part of every physical name. */
  application: string;
  /** The five required tags. */
  tags: RequiredTags & Record<string, string>;
  /** The migration's customer KMS key: the bucket's default encryption and the runs' ResultKmsKeyArn. */
  kmsKeyArn: pulumi.Input<string>;
  /** Days results are kept. @default profile.assessmentResultsDays: dev 7, test 30, prod 90 */
  expirationDays?: number;
}

const argsSchema = componentContextSchema
  .extend({
    kmsKeyArn: input<z.ZodString, pulumi.Input<string>>(z.string().regex(/^arn:aws[a-z-]*:kms:/, "must be a kms ARN")),
    expirationDays: z.number().int().min(1).max(3653).optional(),
  })
  .strict();

export type DmsAssessmentResultsArgsMatchSchema = Assert<
  SameKeys<DmsAssessmentResultsArgs, z.input<typeof argsSchema>>
>;

/**
 * Where DMS premigration assessment runs write their results (docs/assessments.md): an S3 bucket
 * (SSE-KMS with the migration's key, public access blocked, owner-enforced object ownership, a
 * TLS-only bucket policy, expiry from the profile) and the role DMS assumes to write there,
 * trusted only for assessment runs and tasks of this account and region. The `assess` command
 * names both in StartReplicationTaskAssessmentRun. DMS Serverless writes its runs to a bucket it
 * creates itself (DescribeReplications PremigrationAssessmentStatus.ResultLocationBucket), so a
 * Serverless migration uses neither.
 */
export class DmsAssessmentResults extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, input: DmsAssessmentResultsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dms-platform:dms:DmsAssessmentResults", name, {}, opts);
    const args = parseComponentArgs(argsSchema, input, "DmsAssessmentResults", name);
    const profile = getProfile(args.environment);
    const parts = { environment: args.environment, application: args.application };
    const tagged = (n: pulumi.Input<string>) => pulumi.output(n).apply((v) => mergeTags(args.tags, { Name: v }));
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const region = aws.getRegionOutput({}, { parent: this }).region;
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const days = args.expirationDays ?? profile.assessmentResultsDays;

    const bucketName = accountId.apply((a) => assessmentBucketName(parts, a));
    // Destroying the replication stack after cutover empties the bucket where the profile says so;
    // prod keeps its results (the evidence of the start gate) until someone empties it by hand
    // (docs/runbook.md; S3 DeleteBucket refuses a non-empty bucket: BucketNotEmpty).
    const bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      { bucket: bucketName, forceDestroy: profile.assessmentResultsForceDestroy, tags: tagged(bucketName) },
      { parent: this },
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-bucket-public-access-block`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { parent: bucket },
    );
    // ACLs off: every object, whoever writes it, belongs to the bucket's account (Security Hub S3.12).
    new aws.s3.BucketOwnershipControls(
      `${name}-bucket-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      { parent: bucket },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-bucket-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
            bucketKeyEnabled: true,
          },
        ],
      },
      { parent: bucket },
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-bucket-lifecycle`,
      {
        bucket: bucket.id,
        rules: [
          {
            id: "expire-assessment-results",
            status: "Enabled",
            filter: {},
            expiration: { days },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      },
      { parent: bucket },
    );
    new aws.s3.BucketPolicy(
      `${name}-bucket-policy`,
      { bucket: bucket.id, policy: bucket.arn.apply(assessmentBucketPolicy) },
      // A policy cannot be put while the public access block is being changed.
      { parent: bucket, dependsOn: [publicAccessBlock] },
    );

    const roleName = assessmentRoleName(parts);
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: roleName,
        description: "DMS premigration assessment runs: write their results to the assessment bucket",
        assumeRolePolicy: pulumi
          .all([partition, region, accountId])
          .apply(([p, r, a]) => assessmentTrustPolicy({ partition: p, region: r, accountId: a })),
        tags: tagged(roleName),
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-role-policy`,
      {
        role: role.name,
        name: "assessment-results",
        policy: pulumi.all([bucket.arn, args.kmsKeyArn, region]).apply(([b, k, r]) => assessmentRolePolicy(b, k, r)),
      },
      { parent: role },
    );

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.roleArn = role.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn, roleArn: this.roleArn });
  }
}
