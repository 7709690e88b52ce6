import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { dmsS3EndpointRoleLeastPrivilege } from "./dms-s3-endpoint-role-least-privilege.js";

const ACCOUNT = "111122223333";
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const trust = {
  Effect: "Allow",
  Principal: { Service: "dms.amazonaws.com" },
  Action: "sts:AssumeRole",
  Condition: {
    StringEquals: { "aws:SourceAccount": ACCOUNT },
    ArnLike: { "aws:SourceArn": `arn:aws:dms:eu-west-1:${ACCOUNT}:*` },
  },
};
const write = {
  Effect: "Allow",
  Action: ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging"],
  Resource: "arn:aws:s3:::lake/dms/*",
};
const role = (assumeRolePolicy: unknown): ResourceSpec => ({
  type: T.iamRole,
  name: "lake-role",
  inputs: { name: "prod-orders-dms-tgt-s3", assumeRolePolicy },
});
const rolePolicy = (policy: string): ResourceSpec => ({
  type: T.iamRolePolicy,
  name: "lake-policy",
  inputs: { role: "prod-orders-dms-tgt-s3", policy },
  propertyDependencies: { role: ["lake-role"] },
});
const endpoint: ResourceSpec = {
  type: T.dmsS3Endpoint,
  name: "tgt",
  inputs: { endpointType: "target", serviceAccessRoleArn: "[arn]" },
  propertyDependencies: { serviceAccessRoleArn: ["lake-role"] },
};

describePolicy(dmsS3EndpointRoleLeastPrivilege, {
  passes: [
    {
      title: "DMS trusted for this account, writing one folder",
      fixture: [role(doc(trust)), rolePolicy(doc(write)), endpoint],
    },
  ],
  fails: [
    {
      title: "a role any DMS customer could make DMS assume, allowed s3:* everywhere",
      fixture: [
        role(doc({ ...trust, Condition: undefined })),
        rolePolicy(doc({ Effect: "Allow", Action: "s3:*", Resource: "*" })),
        endpoint,
      ],
      messages: [
        'assumeRolePolicy: Statement[0] has no aws:SourceAccount condition; add Condition: { StringEquals: { "aws:SourceAccount": <account id> } } (DMS User Guide, cross-service confused deputy prevention)',
        'lake-policy: Statement[0] allows ["s3:*"]; list the actions DMS needs (s3:PutObject, s3:DeleteObject, s3:PutObjectTagging, s3:ListBucket, kms:GenerateDataKey, kms:Decrypt)',
        'lake-policy: Statement[0] applies to Resource "*"; name the bucket, its folder and the KMS key',
      ],
    },
    {
      title: "a role another account may assume",
      fixture: [role(doc({ ...trust, Principal: { AWS: "arn:aws:iam::444455556666:root" } })), endpoint],
      messages: [
        'assumeRolePolicy: Statement[0] trusts {"AWS":"arn:aws:iam::444455556666:root"}; trust only the DMS service principal dms.amazonaws.com',
      ],
    },
  ],
  unknown: { fixture: [role(UNKNOWN), endpoint], path: "assumeRolePolicy" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
