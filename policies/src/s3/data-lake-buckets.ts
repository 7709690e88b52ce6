import type { PolicyResource } from "@pulumi/policy";
import { T } from "../lib/types.js";

/**
 * The buckets a DMS S3 target endpoint writes to: through its `bucketName` input's dependency on the
 * bucket (bucket.bucket / bucket.id), or by the bucket's name.
 */
export function dataLakeBuckets(
  resources: readonly PolicyResource[],
): Array<{ bucket: PolicyResource; endpoint: PolicyResource }> {
  const endpoints = resources.filter((r) => r.type === T.dmsS3Endpoint && r.props.endpointType !== "source");
  const buckets = resources.filter((r) => r.type === T.s3Bucket || r.type === T.s3BucketV2);
  return endpoints.flatMap((endpoint) =>
    buckets
      .filter(
        (bucket) =>
          endpoint.propertyDependencies.bucketName?.includes(bucket) ||
          (typeof bucket.props.bucket === "string" && bucket.props.bucket === endpoint.props.bucketName),
      )
      .map((bucket) => ({ bucket, endpoint })),
  );
}

/** Whether `resource` (a bucket policy, a role policy) is for `target`: through its `key` input, or by name. */
export function refersTo(resource: PolicyResource, key: string, target: PolicyResource, targetName: unknown): boolean {
  if (resource.propertyDependencies[key]?.includes(target)) return true;
  return typeof targetName === "string" && targetName.length > 0 && resource.props[key] === targetName;
}
