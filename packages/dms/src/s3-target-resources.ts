import { mergeTags } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EndpointContext } from "./endpoints.js";
import { type PlannedS3Target, s3TargetAccessPolicy, s3TargetTrustPolicy, tlsOnlyBucketPolicy } from "./s3-target.js";

/**
 * Declare a planned S3 target: the private bucket (public access blocked, ACLs disabled, TLS only,
 * SSE-KMS with the migration's key, versioning and lifecycle per environment), the role DMS assumes
 * to write it, the DMS security group's HTTPS egress to S3 through the VPC's gateway endpoint, and
 * the `aws.dms.S3Endpoint`.
 */
export function createS3Target(
  ctx: EndpointContext,
  planned: PlannedS3Target,
  securityGroup: aws.ec2.SecurityGroup,
): { endpoint: aws.dms.S3Endpoint; bucket: aws.s3.Bucket; role: aws.iam.Role } {
  const { name } = ctx;
  const identity = aws.getCallerIdentityOutput({}, { parent: ctx.parent });
  const partition = aws.getPartitionOutput({}, { parent: ctx.parent }).partition;
  const accountId = identity.accountId;
  const tagged = (n: pulumi.Input<string>) => pulumi.output(n).apply((v) => mergeTags(ctx.tags, { Name: v }));
  const { settings, profile } = planned;

  // Bucket names are global: the account id makes the name unique (as the audit trail's).
  const bucketName = accountId.apply(planned.bucketName);
  const bucket = new aws.s3.Bucket(
    `${name}-tgt-bucket`,
    // forceDestroy per environment: without it DeleteBucket fails on a bucket holding files
    // (the plan's s3-bucket-not-empty rule says so before `destroy`).
    { bucket: bucketName, forceDestroy: profile.forceDestroy, tags: tagged(bucketName) },
    { parent: ctx.parent },
  );
  const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
    `${name}-tgt-bucket-public-access-block`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    { parent: bucket },
  );
  // ACLs disabled: every object DMS writes belongs to the bucket owner (Security Hub S3.12).
  new aws.s3.BucketOwnershipControls(
    `${name}-tgt-bucket-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    { parent: bucket },
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-tgt-bucket-encryption`,
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: ctx.kmsKeyArn },
          bucketKeyEnabled: true,
        },
      ],
    },
    { parent: bucket },
  );
  const versioning = profile.versioning
    ? new aws.s3.BucketVersioning(
        `${name}-tgt-bucket-versioning`,
        { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
        { parent: bucket },
      )
    : undefined;
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-tgt-bucket-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "data-lake-retention",
          status: "Enabled",
          filter: {},
          ...(profile.expireAfterDays !== undefined ? { expiration: { days: profile.expireAfterDays } } : {}),
          ...(profile.versioning
            ? { noncurrentVersionExpiration: { noncurrentDays: profile.noncurrentVersionDays } }
            : {}),
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    // A lifecycle rule on non-current versions is accepted once versioning is on.
    { parent: bucket, ...(versioning ? { dependsOn: [versioning] } : {}) },
  );
  const bucketPolicy = new aws.s3.BucketPolicy(
    `${name}-tgt-bucket-policy`,
    { bucket: bucket.id, policy: bucket.arn.apply(tlsOnlyBucketPolicy) },
    // A policy cannot be put while the public access block is being changed.
    { parent: bucket, dependsOn: [publicAccessBlock] },
  );

  const role = new aws.iam.Role(
    `${name}-tgt-s3-role`,
    {
      name: planned.roleName,
      description: "DMS S3 target endpoint: writes the data-lake folder of its bucket",
      assumeRolePolicy: pulumi
        .all([partition, ctx.region, accountId])
        .apply(([p, region, a]) => s3TargetTrustPolicy({ partition: p, region, accountId: a })),
      tags: tagged(planned.roleName),
    },
    { parent: ctx.parent },
  );
  const rolePolicy = new aws.iam.RolePolicy(
    `${name}-tgt-s3-policy`,
    {
      role: role.name,
      name: "write-data-lake",
      policy: pulumi
        .all([bucket.arn, ctx.kmsKeyArn, ctx.region])
        .apply(([b, k, r]) => s3TargetAccessPolicy(b, settings.bucketFolder, k, r)),
    },
    { parent: role },
  );

  // DMS writes from its ENIs in the private subnets, through the VPC's S3 gateway endpoint: the DMS
  // security group needs HTTPS egress to the regional S3 prefix list (VPC User Guide, gateway endpoints:
  // "security groups ... must allow traffic to the prefix list").
  const s3PrefixList = aws.ec2.getPrefixListOutput(
    { name: pulumi.interpolate`com.amazonaws.${ctx.region}.s3` },
    { parent: ctx.parent },
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-egress-s3`,
    {
      securityGroupId: securityGroup.id,
      description: "HTTPS to Amazon S3 (the data-lake target) through the gateway endpoint",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      prefixListId: s3PrefixList.id,
      tags: mergeTags(ctx.tags, { Name: `${planned.endpointId}-egress-s3` }),
    },
    { parent: securityGroup },
  );

  const endpoint = new aws.dms.S3Endpoint(
    `${name}-tgt`,
    {
      endpointId: planned.endpointId,
      endpointType: "target",
      bucketName: bucket.bucket,
      serviceAccessRoleArn: role.arn,
      // CHAP_Target.S3 "Preventing bucket sniping": DMS checks the bucket belongs to this account.
      expectedBucketOwner: accountId,
      serverSideEncryptionKmsKeyId: ctx.kmsKeyArn,
      ...settings,
      tags: mergeTags(ctx.tags, { Name: planned.endpointId }),
    },
    // The fixed endpointId would collide with a create-before-delete replacement. The endpoint is
    // tested by DMS on task start: the role's policy and the bucket's must exist first.
    { parent: ctx.parent, dependsOn: [rolePolicy, bucketPolicy], deleteBeforeReplace: true },
  );
  return { endpoint, bucket, role };
}
