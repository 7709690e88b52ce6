import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { logGroupEncryptedWithCustomerKey } from "./log-group-encrypted-with-customer-key.js";

describePolicy(logGroupEncryptedWithCustomerKey, {
  passes: [
    {
      title: "a log group on a customer key",
      fixture: {
        type: T.logGroup,
        inputs: { kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
      },
    },
  ],
  fails: [
    {
      title: "a log group without a key",
      fixture: { type: T.logGroup, inputs: { retentionInDays: 365 } },
      messages: [
        "kmsKeyId is not set (CloudWatch Logs uses its own service key); set kmsKeyId to a customer managed KMS key's ARN",
      ],
    },
  ],
  unknown: { fixture: { type: T.logGroup, inputs: { kmsKeyId: UNKNOWN } }, path: "kmsKeyId" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
