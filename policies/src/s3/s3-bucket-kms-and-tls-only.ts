import type { PolicyResource } from "@pulumi/policy";
import { isAwsManagedKey } from "../lib/kms.js";
import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, asObject, isSet, show } from "../lib/values.js";
import { dataLakeBuckets, refersTo } from "./data-lake-buckets.js";
import { deniesInsecureTransport, TLS_ONLY_FIX } from "./dms-target-bucket-tls-only.js";

const ENCRYPTION_TYPES: readonly string[] = [T.s3BucketEncryption, T.s3BucketEncryptionV2];
const KMS_FIX =
  'add an aws.s3.BucketServerSideEncryptionConfiguration for it with rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: <a customer managed key ARN> }, bucketKeyEnabled: true }]';

/**
 * What a bucket is for, from what the stack points at it: the words messages use. DMS S3 targets
 * (`bucketName`), a Redshift endpoint's intermediate bucket (`redshiftSettings.bucketName`), a
 * CloudTrail trail's (`s3BucketName`); anything else is "bucket".
 */
function roleOf(bucket: PolicyResource, resources: readonly PolicyResource[]): string {
  const name = bucket.props.bucket;
  for (const r of resources) {
    if (r.type === T.dmsS3Endpoint && refersTo(r, "bucketName", bucket, name)) return "DMS S3 target bucket";
    if (r.type === T.cloudtrail && refersTo(r, "s3BucketName", bucket, name)) return "CloudTrail bucket";
    if (
      r.type === T.dmsEndpoint &&
      (r.propertyDependencies.redshiftSettings?.includes(bucket) ||
        (typeof name === "string" && asObject(r.props.redshiftSettings)?.bucketName === name))
    ) {
      return "Redshift endpoint's intermediate bucket";
    }
  }
  return "bucket";
}

const LOAD_BALANCER_TYPES: readonly string[] = [T.lbLoadBalancer, T.albLoadBalancer, T.elbLoadBalancer];

/**
 * Whether a load balancer of the stack writes its access, connection or health-check logs to the
 * bucket. Elastic Load Balancing writes those logs only to a bucket encrypted with SSE-S3: "The only
 * server-side encryption option that's supported is Amazon S3-managed keys (SSE-S3)" (Elastic Load
 * Balancing User Guide for Application Load Balancers, "Enable access logs" and "Enable health check
 * logs", bucket requirements), so SSE-S3 is what such a bucket must have, not a KMS key.
 */
function isLoadBalancerLogBucket(bucket: PolicyResource, resources: readonly PolicyResource[]): boolean {
  const name = bucket.props.bucket;
  return resources.some(
    (r) =>
      LOAD_BALANCER_TYPES.includes(r.type) &&
      ["accessLogs", "connectionLogs", "healthCheckLogs"].some(
        (key) =>
          r.propertyDependencies[key]?.includes(bucket) ||
          (typeof name === "string" && name.length > 0 && asObject(r.props[key])?.bucket === name),
      ),
  );
}

/**
 * The default-encryption rules a bucket has: its own (deprecated inline
 * `serverSideEncryptionConfiguration.rule`) and those of the BucketServerSideEncryptionConfiguration
 * resources for it (provider v6 split them from aws.s3.Bucket).
 */
function encryptionRules(bucket: PolicyResource, resources: readonly PolicyResource[]): Record<string, unknown>[] {
  const inline = asObject(bucket.props.serverSideEncryptionConfiguration);
  const own = [...asArray(inline?.rule), ...asArray(inline?.rules)];
  const split = resources
    .filter((r) => ENCRYPTION_TYPES.includes(r.type) && refersTo(r, "bucket", bucket, bucket.props.bucket))
    .flatMap((r) => asArray(r.props.rules));
  return [...own, ...split].map((r) => asObject(r) ?? {});
}

/** The problem with a bucket's default encryption, or undefined when a customer managed key encrypts it. */
function encryptionProblem(rules: Record<string, unknown>[]): string | undefined {
  if (rules.length === 0)
    return `it has no default encryption configuration (S3 then encrypts with SSE-S3, an AWS owned key); ${KMS_FIX}`;
  const byDefault = rules.map((r) => asObject(r.applyServerSideEncryptionByDefault) ?? {});
  if (
    byDefault.some(
      (d) =>
        typeof d.sseAlgorithm === "string" &&
        d.sseAlgorithm.startsWith("aws:kms") &&
        isSet(d.kmsMasterKeyId) &&
        !isAwsManagedKey(d.kmsMasterKeyId),
    )
  ) {
    return undefined;
  }
  const d = byDefault[0] ?? {};
  if (d.sseAlgorithm !== "aws:kms" && d.sseAlgorithm !== "aws:kms:dsse") {
    return `its default encryption is sseAlgorithm ${show(d.sseAlgorithm)}, not a KMS key; ${KMS_FIX}`;
  }
  return isSet(d.kmsMasterKeyId)
    ? `its default encryption key ${show(d.kmsMasterKeyId)} is an AWS managed key; set kmsMasterKeyId to a customer managed KMS key's ARN`
    : "its default encryption is aws:kms without kmsMasterKeyId (the AWS managed key aws/s3); set kmsMasterKeyId to a customer managed KMS key's ARN";
}

export const s3BucketKmsAndTlsOnly = stackPolicy({
  name: "s3-bucket-kms-and-tls-only",
  concern: "s3",
  description:
    "Every S3 bucket the stack creates (DMS S3 targets, assessment results, Redshift intermediates, Schema Conversion projects, the audit trail) is encrypted by default with a customer managed KMS key (SSE-KMS, the key given by kmsMasterKeyId) and has a bucket policy denying requests made without TLS, for the bucket and its objects: what DMS writes there are copies of the migrated data, readable by whoever the key's policy lets in, and an AWS managed key's policy cannot be narrowed. The split provider-v6 resources (BucketServerSideEncryptionConfiguration, BucketPolicy) are matched to the bucket by reference or by name; a DMS target bucket's TLS policy is dms-target-bucket-tls-only's to report. A bucket a load balancer writes its logs to needs SSE-S3 instead (Elastic Load Balancing supports no other encryption there) and is accepted with it.",
  control: "Security Hub S3.5 (TLS); checkov CKV_AWS_145 (KMS by default)",
  enforcementLevel: "mandatory",
  types: [T.s3Bucket, T.s3BucketV2],
  validate: (args, report) => {
    const policies = args.resources.filter((r) => r.type === T.s3BucketPolicy);
    const targets = new Set(dataLakeBuckets(args.resources).map(({ bucket }) => bucket));
    for (const bucket of args.resources) {
      if (bucket.type !== T.s3Bucket && bucket.type !== T.s3BucketV2) continue;
      const role = roleOf(bucket, args.resources);
      const rules = encryptionRules(bucket, args.resources);
      const sseS3 = rules.every((r) => asObject(r.applyServerSideEncryptionByDefault)?.sseAlgorithm === "AES256");
      // A load balancer's log bucket takes SSE-S3 only (no rule at all means SSE-S3 too).
      const encryption =
        sseS3 && isLoadBalancerLogBucket(bucket, args.resources) ? undefined : encryptionProblem(rules);
      if (encryption) report(`this ${role}: ${encryption}`, bucket.urn);
      if (targets.has(bucket)) continue;
      const mine = policies.filter((p) => refersTo(p, "bucket", bucket, bucket.props.bucket));
      if (mine.length === 0) {
        report(`this ${role} has no aws.s3.BucketPolicy; ${TLS_ONLY_FIX}`, bucket.urn);
      } else if (!mine.some((p) => deniesInsecureTransport(p.props.policy))) {
        report(
          `this ${role}'s bucket policy ${mine[0]?.name} does not deny requests without TLS; ${TLS_ONLY_FIX}`,
          bucket.urn,
        );
      }
    }
  },
});
