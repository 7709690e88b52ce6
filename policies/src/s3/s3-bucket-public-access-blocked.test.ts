import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { s3BucketPublicAccessBlocked } from "./s3-bucket-public-access-blocked.js";

const bucket: ResourceSpec = {
  type: T.s3Bucket,
  name: "logs",
  inputs: { bucket: "prod-orders-audit-trail-111122223333" },
};
const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const pab = (inputs: Record<string, unknown>, byOutput = true): ResourceSpec => ({
  type: T.s3BucketPublicAccessBlock,
  name: "logs-pab",
  inputs: { bucket: byOutput ? "[id]" : "prod-orders-audit-trail-111122223333", ...inputs },
  ...(byOutput ? { propertyDependencies: { bucket: ["logs"] } } : {}),
});

describePolicy(s3BucketPublicAccessBlocked, {
  passes: [
    { title: "a bucket with a complete block (through bucket.id)", fixture: [bucket, pab(all)] },
    { title: "a bucket with a complete block (by name)", fixture: [bucket, pab(all, false)] },
    { title: "a stack without buckets", fixture: [{ type: T.snsTopic, name: "alerts", inputs: {} }] },
  ],
  fails: [
    {
      title: "a bucket without a public access block",
      fixture: [bucket, { ...pab(all, false), inputs: { ...all, bucket: "another-bucket" } }],
      messages: [
        "no aws.s3.BucketPublicAccessBlock exists for this bucket; add an aws.s3.BucketPublicAccessBlock for it with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true",
      ],
    },
    {
      title: "a bucket whose block leaves two flags off",
      fixture: [bucket, pab({ ...all, ignorePublicAcls: false, restrictPublicBuckets: undefined })],
      messages: [
        "the BucketPublicAccessBlock logs-pab leaves ignorePublicAcls false, restrictPublicBuckets unset; set all four flags to true",
      ],
    },
  ],
  unknown: { fixture: [bucket, pab({ ...all, blockPublicAcls: UNKNOWN })], path: "blockPublicAcls" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
