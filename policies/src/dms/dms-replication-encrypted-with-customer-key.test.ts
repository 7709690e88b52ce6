import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsReplicationEncryptedWithCustomerKey } from "./dms-replication-encrypted-with-customer-key.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const FIX = "set kmsKeyArn to a customer managed KMS key's ARN";

describePolicy(dmsReplicationEncryptedWithCustomerKey, {
  passes: [
    {
      title: "an instance with a customer key",
      fixture: { type: T.dmsReplicationInstance, inputs: { kmsKeyArn: KEY } },
    },
    {
      title: "a Serverless config with a customer key",
      fixture: { type: T.dmsReplicationConfig, inputs: { computeConfig: { kmsKeyId: KEY } } },
    },
  ],
  fails: [
    {
      title: "an instance without kmsKeyArn",
      fixture: { type: T.dmsReplicationInstance, inputs: {} },
      messages: [`kmsKeyArn is not set (DMS uses the AWS managed aws/dms key); ${FIX}`],
    },
    {
      title: "an instance on the AWS managed key",
      fixture: { type: T.dmsReplicationInstance, inputs: { kmsKeyArn: "alias/aws/dms" } },
      messages: [`kmsKeyArn is "alias/aws/dms", an AWS managed key; ${FIX}`],
    },
    {
      title: "a Serverless config without computeConfig.kmsKeyId",
      fixture: { type: T.dmsReplicationConfig, inputs: { computeConfig: { multiAz: true } } },
      messages: [
        "computeConfig.kmsKeyId is not set (DMS uses the AWS managed aws/dms key); set computeConfig.kmsKeyId to a customer managed KMS key's ARN",
      ],
    },
  ],
  unknown: { fixture: { type: T.dmsReplicationInstance, inputs: { kmsKeyArn: UNKNOWN } }, path: "kmsKeyArn" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
