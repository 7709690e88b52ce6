import {
  componentContextSchema,
  getProfile,
  mergeTags,
  parseComponentArgs,
  physicalName,
  type RequiredTags,
} from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { trailArn, trailBucketPolicy, trailKeyPolicy } from "./audit-documents.js";

export interface MigrationAuditTrailArgs {
  /** The stack's environment; selects the profile (log retention, key deletion window). */
  environment: RequiredTags["Environment"];
  /** Application name, part of every physical name. */
  application: string;
  /** The five required tags. */
  tags: RequiredTags & Record<string, string>;
  /**
   * Adopt an organisation or account trail that already records this account, by name: nothing is
   * created. @default none: a trail, its bucket and its KMS key are created
   */
  adoptedTrailName?: string;
  /** Days log files are kept in the bucket (current and noncurrent versions). @default profile logRetentionDays */
  retentionDays?: number;
}

// CloudTrail CreateTrail Name: 3-128 letters, digits, periods, underscores, hyphens; a letter or digit first.
const trailNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/, "must be a CloudTrail trail name (3-128 letters, digits, ._-)");

const argsSchema = componentContextSchema
  .extend({
    adoptedTrailName: trailNameSchema.optional(),
    retentionDays: z.number().int().min(1).max(3653).optional(),
  })
  .strict();

/**
 * The CloudTrail trail auditing the migration's account (every DMS API call is a management event).
 * Adopted by name, or created: multi-region, global service events, log file validation, a
 * customer-managed KMS key (rotated), an S3 bucket with public access blocked, versioning, SSE-KMS,
 * lifecycle expiry from the profile and a TLS-only bucket policy.
 */
export class MigrationAuditTrail extends pulumi.ComponentResource {
  readonly mode: "create" | "adopt";
  /** The trail's name (the adopted one, or the created one). */
  readonly trailName: string;
  /** The created trail's ARN; undefined when adopted (an organisation trail lives in another account). */
  readonly trailArn: pulumi.Output<string> | undefined;
  readonly bucketName: pulumi.Output<string> | undefined;
  readonly kmsKeyArn: pulumi.Output<string> | undefined;

  constructor(name: string, args: MigrationAuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    // adoptedTrailName is recorded as the component's input: the cloudtrail-trail-present stack
    // policy reads it to tell an adopted trail from no trail at all.
    super(
      "dms-platform:access:MigrationAuditTrail",
      name,
      args.adoptedTrailName !== undefined ? { adoptedTrailName: args.adoptedTrailName } : {},
      opts,
    );
    const parsed = parseComponentArgs(argsSchema, args, "MigrationAuditTrail", name);
    const profile = getProfile(parsed.environment);
    const parts = { environment: parsed.environment, application: parsed.application };

    if (parsed.adoptedTrailName !== undefined) {
      this.mode = "adopt";
      this.trailName = parsed.adoptedTrailName;
      this.trailArn = undefined;
      this.bucketName = undefined;
      this.kmsKeyArn = undefined;
    } else {
      this.mode = "create";
      // Audit logs outlive the stacks: every resource below is kept on destroy (retainOnDelete).
      // Deleting them would fail on the non-empty versioned bucket (S3 DeleteBucket: BucketNotEmpty),
      // schedule the key that decrypts the logs for deletion (they become unreadable after its
      // window), and pull the trail from under every stack that adopts it by name (test adopts
      // dev's). Cleaning up is deliberate and by hand: docs/access.md, "Deleting the audit trail".
      const trailName = physicalName("cloudtrail", { ...parts, purpose: "audit" });
      this.trailName = trailName;
      const retentionDays = parsed.retentionDays ?? profile.logRetentionDays;
      const partition = aws.getPartitionOutput({}, { parent: this }).partition;
      const region = aws.getRegionOutput({}, { parent: this }).region;
      const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
      const tags = (n: string) => mergeTags(parsed.tags, { Name: n });

      const keyName = physicalName("tag", { ...parts, purpose: "audit-trail" });
      const key = new aws.kms.Key(
        `${name}-key`,
        {
          description: `${keyName}: CloudTrail log and digest files`,
          enableKeyRotation: true,
          deletionWindowInDays: profile.kmsDeletionWindowDays,
          policy: pulumi
            .all([partition, region, accountId])
            .apply(([p, r, a]) => JSON.stringify(trailKeyPolicy({ partition: p, region: r, accountId: a, trailName }))),
          tags: tags(keyName),
        },
        { parent: this, protect: profile.protect, retainOnDelete: true },
      );
      new aws.kms.Alias(
        `${name}-key-alias`,
        { name: `alias/${physicalName("kms-alias", { ...parts, purpose: "audit-trail" })}`, targetKeyId: key.keyId },
        { parent: key, retainOnDelete: true },
      );

      // Bucket names are global: the account id makes this one unique.
      const bucketName = accountId.apply((a) => physicalName("s3-bucket", { ...parts, purpose: `audit-trail-${a}` }));
      const bucket = new aws.s3.Bucket(
        `${name}-bucket`,
        { bucket: bucketName, tags: bucketName.apply(tags) },
        { parent: this, protect: profile.protect, retainOnDelete: true },
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
        { parent: bucket, retainOnDelete: true },
      );
      new aws.s3.BucketVersioning(
        `${name}-bucket-versioning`,
        { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
        { parent: bucket, retainOnDelete: true },
      );
      new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-bucket-encryption`,
        {
          bucket: bucket.id,
          rules: [
            {
              applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
              bucketKeyEnabled: true,
            },
          ],
        },
        { parent: bucket, retainOnDelete: true },
      );
      new aws.s3.BucketLifecycleConfiguration(
        `${name}-bucket-lifecycle`,
        {
          bucket: bucket.id,
          rules: [
            {
              id: "expire-trail-logs",
              status: "Enabled",
              filter: {},
              expiration: { days: retentionDays },
              noncurrentVersionExpiration: { noncurrentDays: retentionDays },
              abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
          ],
        },
        { parent: bucket, retainOnDelete: true },
      );
      const bucketPolicy = new aws.s3.BucketPolicy(
        `${name}-bucket-policy`,
        {
          bucket: bucket.id,
          policy: pulumi
            .all([partition, region, accountId, bucket.bucket])
            .apply(([p, r, a, b]) =>
              JSON.stringify(trailBucketPolicy({ partition: p, region: r, accountId: a, trailName, bucketName: b })),
            ),
        },
        // A policy cannot be put while the public access block is being changed.
        { parent: bucket, dependsOn: [publicAccessBlock], retainOnDelete: true },
      );

      const trail = new aws.cloudtrail.Trail(
        `${name}-trail`,
        {
          name: trailName,
          s3BucketName: bucket.id,
          isMultiRegionTrail: true,
          includeGlobalServiceEvents: true,
          enableLogFileValidation: true,
          enableLogging: true,
          kmsKeyId: key.arn,
          // Management events (every DMS API call), reads and writes.
          eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
          tags: tags(trailName),
        },
        // CloudTrail checks the bucket policy when the trail is created.
        { parent: this, dependsOn: [bucketPolicy], retainOnDelete: true },
      );
      this.trailArn = pulumi
        .all([partition, region, accountId, trail.name])
        .apply(([p, r, a, n]) => trailArn({ partition: p, region: r, accountId: a, trailName: n }));
      this.bucketName = bucket.bucket;
      this.kmsKeyArn = key.arn;
    }

    this.registerOutputs({
      mode: this.mode,
      trailName: this.trailName,
      trailArn: this.trailArn,
      bucketName: this.bucketName,
      kmsKeyArn: this.kmsKeyArn,
    });
  }
}
