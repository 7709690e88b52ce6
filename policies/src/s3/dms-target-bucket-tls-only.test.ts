import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { dmsTargetBucketTlsOnly } from "./dms-target-bucket-tls-only.js";

const NAME = "prod-orders-datalake-111122223333";
const ARN = `arn:aws:s3:::${NAME}`;
const bucket: ResourceSpec = { type: T.s3Bucket, name: "lake", inputs: { bucket: NAME } };
const endpoint: ResourceSpec = {
  type: T.dmsS3Endpoint,
  name: "tgt",
  inputs: { endpointType: "target", bucketName: NAME },
  propertyDependencies: { bucketName: ["lake"] },
};
const deny = {
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [ARN, `${ARN}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const policy = (statement: unknown, byOutput = true): ResourceSpec => ({
  type: T.s3BucketPolicy,
  name: "lake-policy",
  inputs: {
    bucket: byOutput ? "[id]" : NAME,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
  },
  ...(byOutput ? { propertyDependencies: { bucket: ["lake"] } } : {}),
});

describePolicy(dmsTargetBucketTlsOnly, {
  passes: [
    { title: "a target bucket whose policy denies requests without TLS", fixture: [bucket, endpoint, policy(deny)] },
    { title: "the same, the policy naming the bucket", fixture: [bucket, endpoint, policy(deny, false)] },
    {
      title: "a bucket no DMS endpoint writes to",
      fixture: [
        { ...bucket, name: "other", inputs: { bucket: "other" } },
        { ...endpoint, propertyDependencies: {} },
      ],
    },
  ],
  fails: [
    {
      title: "a target bucket without a bucket policy",
      fixture: [bucket, endpoint],
      messages: [
        'no aws.s3.BucketPolicy exists for this DMS target bucket; add an aws.s3.BucketPolicy with a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [<bucket ARN>, "<bucket ARN>/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }',
      ],
    },
    {
      title: "a target bucket whose policy covers the bucket but not its objects",
      fixture: [bucket, endpoint, policy({ ...deny, Resource: ARN })],
      messages: [
        'the bucket policy lake-policy does not deny requests without TLS; add an aws.s3.BucketPolicy with a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [<bucket ARN>, "<bucket ARN>/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }',
      ],
    },
  ],
  unknown: {
    fixture: [bucket, endpoint, { ...policy(deny), inputs: { bucket: "[id]", policy: UNKNOWN } }],
    path: "policy",
  },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
