import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { isSet } from "../lib/values.js";

export const dmsEndpointEncryptedWithCustomerKey = resourcePolicy({
  name: "dms-endpoint-encrypted-with-customer-key",
  concern: "dms",
  description:
    "DMS endpoints encrypt their connection parameters with a customer-managed KMS key (kmsKeyArn), not DMS's AWS-managed key, so access to them follows the migration's key policy and can be revoked. kmsKeyArn is ForceNew in the provider: set it at creation.",
  control: "checkov CKV_AWS_296",
  enforcementLevel: "mandatory",
  types: [T.dmsEndpoint],
  validate: (props, _args, report) => {
    if (!isSet(props.kmsKeyArn)) {
      report(
        "kmsKeyArn is not set (DMS uses its AWS-managed key); set kmsKeyArn to the migration's customer-managed key",
      );
    }
  },
});
