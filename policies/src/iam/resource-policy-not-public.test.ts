import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { resourcePolicyNotPublic } from "./resource-policy-not-public.js";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const FIX =
  "name the principals (account or role ARNs) or add a condition on aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceArn or aws:SourceAccount";
const everyone = (Action: unknown, extra: Record<string, unknown> = {}) => ({
  Effect: "Allow",
  Principal: "*",
  Action,
  Resource: "*",
  ...extra,
});

describePolicy(resourcePolicyNotPublic, {
  passes: [
    {
      title: "a KMS key policy opening decrypt to '*' only within the caller's account (CloudTrail's pattern)",
      fixture: {
        type: T.kmsKey,
        inputs: {
          policy: doc({
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } },
          }),
        },
      },
    },
    {
      title: "a bucket policy denying everyone insecure transport",
      fixture: {
        type: "aws:s3/bucketPolicy:BucketPolicy",
        inputs: {
          bucket: "b",
          policy: doc({ ...everyone("s3:*"), Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        },
      },
    },
    {
      title: "a role trusted by one service",
      fixture: {
        type: T.iamRole,
        inputs: {
          assumeRolePolicy: doc({
            Effect: "Allow",
            Principal: { Service: "dms.amazonaws.com" },
            Action: "sts:AssumeRole",
          }),
        },
      },
    },
    {
      title: "an SNS topic policy letting EventBridge publish for one rule",
      fixture: {
        type: "aws:sns/topicPolicy:TopicPolicy",
        inputs: {
          arn: "arn:aws:sns:eu-west-1:123456789012:t",
          policy: doc(
            everyone("sns:Publish", {
              Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:eu-west-1:123456789012:rule/r" } },
            }),
          ),
        },
      },
    },
  ],
  fails: [
    {
      title: "a KMS key policy letting anyone decrypt",
      fixture: { type: T.kmsKey, inputs: { policy: doc(everyone("kms:Decrypt")) } },
      messages: [
        `policy Statement[0] allows Principal "*" to "kms:Decrypt" with no condition narrowing the caller; ${FIX}`,
      ],
    },
    {
      title: "an SNS topic policy letting anyone publish",
      fixture: { type: T.snsTopic, inputs: { policy: doc(everyone(["sns:Publish"])) } },
      messages: [
        `policy Statement[0] allows Principal "*" to ["sns:Publish"] with no condition narrowing the caller; ${FIX}`,
      ],
    },
    {
      title: "a role anyone may assume (AWS: *), an ExternalId narrowing nothing",
      fixture: {
        type: T.iamRole,
        inputs: {
          assumeRolePolicy: doc({
            Effect: "Allow",
            Principal: { AWS: ["*"] },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": "abc" } },
          }),
        },
      },
      messages: [
        `assumeRolePolicy Statement[0] allows Principal "*" to "sts:AssumeRole" with no condition narrowing the caller; ${FIX}`,
      ],
    },
    {
      title: "a secret policy open to all, an IfExists condition narrowing nothing",
      fixture: {
        type: "aws:secretsmanager/secretPolicy:SecretPolicy",
        inputs: {
          secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:s",
          policy: doc(
            everyone("secretsmanager:GetSecretValue", {
              Condition: { StringEqualsIfExists: { "aws:PrincipalAccount": "123456789012" } },
            }),
          ),
        },
      },
      messages: [
        `policy Statement[0] allows Principal "*" to "secretsmanager:GetSecretValue" with no condition narrowing the caller; ${FIX}`,
      ],
    },
    {
      title: "a bucket policy (an object) letting anyone read",
      fixture: {
        type: "aws:s3/bucketPolicy:BucketPolicy",
        inputs: { bucket: "b", policy: { Statement: [everyone("s3:GetObject")] } },
      },
      messages: [
        `policy Statement[0] allows Principal "*" to "s3:GetObject" with no condition narrowing the caller; ${FIX}`,
      ],
    },
  ],
  unknown: { fixture: { type: T.kmsKey, inputs: { policy: UNKNOWN } }, path: "policy" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
