import { customerKeyProblem } from "../lib/kms.js";
import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

export const logGroupEncryptedWithCustomerKey = resourcePolicy({
  name: "log-group-encrypted-with-customer-key",
  concern: "encryption",
  description:
    "CloudWatch log groups are encrypted with a customer managed KMS key (kmsKeyId): DMS task logs and database logs can contain row values and statements from the migrated data.",
  control: "checkov CKV_AWS_158",
  enforcementLevel: "mandatory",
  types: [T.logGroup],
  validate: (props, _args, report) => {
    const problem = customerKeyProblem("kmsKeyId", props.kmsKeyId, "CloudWatch Logs uses its own service key");
    if (problem) report(problem);
  },
});
