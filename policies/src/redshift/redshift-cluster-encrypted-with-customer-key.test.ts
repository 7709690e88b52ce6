import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { redshiftClusterEncryptedWithCustomerKey } from "./redshift-cluster-encrypted-with-customer-key.js";
import { R } from "./types.js";

const key = "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describePolicy(redshiftClusterEncryptedWithCustomerKey, {
  passes: [
    {
      title: "a cluster encrypted with a customer key",
      fixture: { type: R.cluster, inputs: { encrypted: "true", kmsKeyId: key } },
    },
    {
      title: 'a cluster leaving encrypted unset (the provider\'s default "true")',
      fixture: { type: R.cluster, inputs: { kmsKeyId: key } },
    },
    {
      title: "a serverless namespace encrypted with a customer key",
      fixture: { type: R.namespace, inputs: { kmsKeyId: key } },
    },
  ],
  fails: [
    {
      title: "an unencrypted cluster",
      fixture: { type: R.cluster, inputs: { encrypted: "false", kmsKeyId: key } },
      messages: ['encrypted is "false"; set encrypted: "true" and kmsKeyId to a customer-managed key'],
    },
    {
      title: "a cluster encrypted with an AWS-owned key",
      fixture: { type: R.cluster, inputs: { encrypted: "true" } },
      messages: [
        "kmsKeyId is not set, so Redshift encrypts with an AWS-owned key; set kmsKeyId to a customer-managed key ARN",
      ],
    },
    {
      title: "a serverless namespace left on an AWS-owned key",
      fixture: { type: R.namespace, inputs: { namespaceName: "prod-orders-dwh" } },
      messages: [
        "kmsKeyId is not set, so Redshift encrypts with an AWS-owned key; set kmsKeyId to a customer-managed key ARN",
      ],
    },
  ],
  unknown: { fixture: { type: R.cluster, inputs: { encrypted: UNKNOWN, kmsKeyId: key } }, path: "encrypted" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
