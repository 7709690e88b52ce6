import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { TLS_ONLY_FIX } from "./dms-target-bucket-tls-only.js";
import { s3BucketKmsAndTlsOnly } from "./s3-bucket-kms-and-tls-only.js";

const NAME = "prod-orders-assessment-111122223333";
const ARN = `arn:aws:s3:::${NAME}`;
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0f6c2d4e-1111-2222-3333-444455556666";
const KMS_FIX =
  'add an aws.s3.BucketServerSideEncryptionConfiguration for it with rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: <a customer managed key ARN> }, bucketKeyEnabled: true }]';
const bucket: ResourceSpec = { type: T.s3Bucket, name: "results", inputs: { bucket: NAME } };
const encryption = (byDefault: Record<string, unknown>, byOutput = true): ResourceSpec => ({
  type: T.s3BucketEncryption,
  name: "results-encryption",
  inputs: { bucket: byOutput ? "[id]" : NAME, rules: [{ applyServerSideEncryptionByDefault: byDefault }] },
  ...(byOutput ? { propertyDependencies: { bucket: ["results"] } } : {}),
});
const kms = encryption({ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY });
const deny = {
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [ARN, `${ARN}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const policy = (statement: unknown, byOutput = true): ResourceSpec => ({
  type: T.s3BucketPolicy,
  name: "results-policy",
  inputs: {
    bucket: byOutput ? "[id]" : NAME,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
  },
  ...(byOutput ? { propertyDependencies: { bucket: ["results"] } } : {}),
});
const target: ResourceSpec = {
  type: T.dmsS3Endpoint,
  name: "tgt",
  inputs: { endpointType: "target", bucketName: NAME },
  propertyDependencies: { bucketName: ["results"] },
};

describePolicy(s3BucketKmsAndTlsOnly, {
  passes: [
    { title: "a bucket with a customer managed key and a TLS-only policy", fixture: [bucket, kms, policy(deny)] },
    {
      title: "the same, both split resources naming the bucket (dsse-kms)",
      fixture: [bucket, encryption({ sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: KEY }, false), policy(deny, false)],
    },
    {
      title: "a bucket with the deprecated inline rule; a DMS target's TLS is dms-target-bucket-tls-only's",
      fixture: [
        {
          ...bucket,
          inputs: {
            bucket: NAME,
            serverSideEncryptionConfiguration: {
              rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } },
            },
          },
        },
        target,
      ],
    },
    {
      title: "a load balancer's access-log bucket on SSE-S3, the only encryption ELB writes logs to",
      fixture: [
        bucket,
        encryption({ sseAlgorithm: "AES256" }),
        policy(deny),
        {
          type: T.lbLoadBalancer,
          name: "alb",
          inputs: { accessLogs: { bucket: "[id]", enabled: true } },
          propertyDependencies: { accessLogs: ["results"] },
        },
      ],
    },
  ],
  fails: [
    {
      title: "a load balancer's log bucket still needs its TLS-only policy",
      fixture: [
        bucket,
        { type: T.elbLoadBalancer, name: "classic", inputs: { accessLogs: { bucket: NAME, enabled: true } } },
      ],
      messages: [`this bucket has no aws.s3.BucketPolicy; ${TLS_ONLY_FIX}`],
    },
    {
      title: "a bucket with neither default encryption nor a bucket policy",
      fixture: [bucket],
      messages: [
        `this bucket: it has no default encryption configuration (S3 then encrypts with SSE-S3, an AWS owned key); ${KMS_FIX}`,
        `this bucket has no aws.s3.BucketPolicy; ${TLS_ONLY_FIX}`,
      ],
    },
    {
      title: "a DMS target bucket encrypted with SSE-S3",
      fixture: [bucket, encryption({ sseAlgorithm: "AES256" }), target],
      messages: [
        `this DMS S3 target bucket: its default encryption is sseAlgorithm "AES256", not a KMS key; ${KMS_FIX}`,
      ],
    },
    {
      title: "a CloudTrail bucket on the AWS managed key, its policy allowing plain HTTP",
      fixture: [
        bucket,
        encryption({ sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" }),
        policy({ ...deny, Effect: "Allow" }),
        { type: T.cloudtrail, name: "trail", inputs: { s3BucketName: NAME } },
      ],
      messages: [
        'this CloudTrail bucket: its default encryption key "alias/aws/s3" is an AWS managed key; set kmsMasterKeyId to a customer managed KMS key\'s ARN',
        `this CloudTrail bucket's bucket policy results-policy does not deny requests without TLS; ${TLS_ONLY_FIX}`,
      ],
    },
    {
      title: "a Redshift intermediate bucket on aws:kms without a key (aws/s3)",
      fixture: [
        bucket,
        encryption({ sseAlgorithm: "aws:kms" }),
        policy(deny),
        {
          type: T.dmsEndpoint,
          name: "warehouse",
          inputs: { endpointType: "target", engineName: "redshift", redshiftSettings: { bucketName: NAME } },
        },
      ],
      messages: [
        "this Redshift endpoint's intermediate bucket: its default encryption is aws:kms without kmsMasterKeyId (the AWS managed key aws/s3); set kmsMasterKeyId to a customer managed KMS key's ARN",
      ],
    },
  ],
  unknown: {
    fixture: [bucket, kms, { ...policy(deny), inputs: { bucket: "[id]", policy: UNKNOWN } }],
    path: "policy",
  },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
