import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { rdsEncryptedWithCustomerKey } from "./rds-encrypted-with-customer-key.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describePolicy(rdsEncryptedWithCustomerKey, {
  passes: [
    {
      title: "an instance on a customer key",
      fixture: { type: T.rdsInstance, inputs: { storageEncrypted: true, kmsKeyId: KEY } },
    },
    {
      title: "a cluster on a customer key",
      fixture: { type: T.rdsCluster, inputs: { storageEncrypted: true, kmsKeyId: KEY } },
    },
  ],
  fails: [
    {
      title: "an unencrypted instance",
      fixture: { type: T.rdsInstance, inputs: { engine: "mysql" } },
      messages: [
        "storageEncrypted is not set (AWS defaults to false); set storageEncrypted: true with kmsKeyId set to a customer managed KMS key's ARN",
      ],
    },
    {
      title: "a cluster encrypted with the AWS managed key",
      fixture: { type: T.rdsCluster, inputs: { storageEncrypted: true } },
      messages: [
        "kmsKeyId is not set (RDS uses the AWS managed aws/rds key); set kmsKeyId to a customer managed KMS key's ARN",
      ],
    },
  ],
  unknown: {
    fixture: { type: T.rdsInstance, inputs: { storageEncrypted: true, kmsKeyId: UNKNOWN } },
    path: "kmsKeyId",
  },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
