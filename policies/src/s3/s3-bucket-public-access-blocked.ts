import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
const ADD = `add an aws.s3.BucketPublicAccessBlock for it with ${FLAGS.join(", ")} all true`;

/** Whether a public access block is for `bucket`: through its output (bucket.id / bucket.bucket) or by name. */
function blocks(pab: PolicyResource, bucket: PolicyResource): boolean {
  if (pab.propertyDependencies.bucket?.includes(bucket)) return true;
  const name = bucket.props.bucket;
  return typeof name === "string" && name.length > 0 && pab.props.bucket === name;
}

export const s3BucketPublicAccessBlocked = stackPolicy({
  name: "s3-bucket-public-access-blocked",
  concern: "s3",
  description:
    "Every S3 bucket of the stack has an aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true, so neither an ACL nor a bucket policy can ever make the audit logs (or anything else) public.",
  control: "Security Hub S3.8; checkov CKV2_AWS_6",
  enforcementLevel: "mandatory",
  types: [T.s3Bucket, T.s3BucketV2],
  validate: (args, report) => {
    const pabs = args.resources.filter((r) => r.type === T.s3BucketPublicAccessBlock);
    for (const bucket of args.resources) {
      if (bucket.type !== T.s3Bucket && bucket.type !== T.s3BucketV2) continue;
      const mine = pabs.filter((p) => blocks(p, bucket));
      if (mine.length === 0) {
        report(`no aws.s3.BucketPublicAccessBlock exists for this bucket; ${ADD}`, bucket.urn);
        continue;
      }
      // Several blocks for one bucket fight each other; the bucket is safe only if each is complete.
      for (const pab of mine) {
        const off = FLAGS.filter((f) => pab.props[f] !== true);
        if (off.length > 0) {
          report(
            `the BucketPublicAccessBlock ${pab.name} leaves ${off.map((f) => `${f} ${pab.props[f] === undefined ? "unset" : JSON.stringify(pab.props[f])}`).join(", ")}; set all four flags to true`,
            bucket.urn,
          );
        }
      }
    }
  },
});
