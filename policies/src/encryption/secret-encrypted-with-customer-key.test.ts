import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { secretEncryptedWithCustomerKey } from "./secret-encrypted-with-customer-key.js";

describePolicy(secretEncryptedWithCustomerKey, {
  passes: [
    {
      title: "a secret on a customer key",
      fixture: {
        type: T.secret,
        inputs: { kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
      },
    },
  ],
  fails: [
    {
      title: "a secret on the default key",
      fixture: { type: T.secret, inputs: { name: "prod/orders/src" } },
      messages: [
        "kmsKeyId is not set (Secrets Manager uses the AWS managed aws/secretsmanager key); set kmsKeyId to a customer managed KMS key's ARN",
      ],
    },
  ],
  unknown: { fixture: { type: T.secret, inputs: { kmsKeyId: UNKNOWN } }, path: "kmsKeyId" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
