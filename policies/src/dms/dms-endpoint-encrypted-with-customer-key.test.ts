import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsEndpointEncryptedWithCustomerKey } from "./dms-endpoint-encrypted-with-customer-key.js";

describePolicy(dmsEndpointEncryptedWithCustomerKey, {
  passes: [
    {
      title: "an endpoint with the migration's key",
      fixture: {
        type: T.dmsEndpoint,
        inputs: { engineName: "mysql", kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/abc" },
      },
    },
  ],
  fails: [
    {
      title: "an endpoint on DMS's AWS-managed key",
      fixture: { type: T.dmsEndpoint, inputs: { engineName: "postgres" } },
      messages: [
        "kmsKeyArn is not set (DMS uses its AWS-managed key); set kmsKeyArn to the migration's customer-managed key",
      ],
    },
  ],
  unknown: { fixture: { type: T.dmsEndpoint, inputs: { kmsKeyArn: UNKNOWN } }, path: "kmsKeyArn" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
