import { customerKeyProblem } from "../lib/kms.js";
import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

export const secretEncryptedWithCustomerKey = resourcePolicy({
  name: "secret-encrypted-with-customer-key",
  concern: "encryption",
  description:
    "Secrets Manager secrets (the database credentials DMS endpoints read) are encrypted with a customer managed KMS key (kmsKeyId), so decrypting them takes a key policy grant the account controls, not only secretsmanager:GetSecretValue.",
  control: "checkov CKV_AWS_149",
  enforcementLevel: "mandatory",
  types: [T.secret],
  validate: (props, _args, report) => {
    const problem = customerKeyProblem(
      "kmsKeyId",
      props.kmsKeyId,
      "Secrets Manager uses the AWS managed aws/secretsmanager key",
    );
    if (problem) report(problem);
  },
});
