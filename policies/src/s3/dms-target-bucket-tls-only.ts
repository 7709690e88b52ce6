import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, asObject, jsonDocument } from "../lib/values.js";
import { dataLakeBuckets, refersTo } from "./data-lake-buckets.js";

export const TLS_ONLY_FIX =
  'add an aws.s3.BucketPolicy with a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [<bucket ARN>, "<bucket ARN>/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }';

/** Whether a policy document denies every request over plain HTTP, to the bucket and its objects. */
export function deniesInsecureTransport(document: unknown): boolean {
  const doc = asObject(jsonDocument(document));
  return asArray(doc?.Statement).some((s) => {
    const st = asObject(s) ?? {};
    const condition = asObject(asObject(st.Condition)?.Bool);
    const insecure = condition?.["aws:SecureTransport"];
    const resources = asArray(st.Resource).map(String);
    return (
      st.Effect === "Deny" &&
      (st.Principal === "*" || asObject(st.Principal)?.AWS === "*") &&
      asArray(st.Action).some((a) => a === "s3:*" || a === "*") &&
      (insecure === "false" || insecure === false) &&
      resources.some((r) => !r.includes("/")) &&
      resources.some((r) => r.endsWith("/*"))
    );
  });
}

export const dmsTargetBucketTlsOnly = stackPolicy({
  name: "dms-target-bucket-tls-only",
  concern: "s3",
  description:
    "Every bucket a DMS S3 target endpoint writes to has a bucket policy denying any request made without TLS (aws:SecureTransport false), for the bucket and its objects: the files are full copies of the migrated tables.",
  control: "Security Hub S3.5",
  enforcementLevel: "mandatory",
  types: [T.dmsS3Endpoint],
  validate: (args, report) => {
    const policies = args.resources.filter((r) => r.type === T.s3BucketPolicy);
    for (const { bucket } of dataLakeBuckets(args.resources)) {
      const mine = policies.filter((p) => refersTo(p, "bucket", bucket, bucket.props.bucket));
      if (mine.length === 0) {
        report(`no aws.s3.BucketPolicy exists for this DMS target bucket; ${TLS_ONLY_FIX}`, bucket.urn);
      } else if (!mine.some((p) => deniesInsecureTransport(p.props.policy))) {
        report(`the bucket policy ${mine[0]?.name} does not deny requests without TLS; ${TLS_ONLY_FIX}`, bucket.urn);
      }
    }
  },
});
