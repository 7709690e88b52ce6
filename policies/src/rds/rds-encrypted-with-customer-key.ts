import { customerKeyProblem } from "../lib/kms.js";
import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { describe } from "../lib/values.js";

export const rdsEncryptedWithCustomerKey = resourcePolicy({
  name: "rds-encrypted-with-customer-key",
  concern: "rds",
  description:
    "RDS instances and clusters set storageEncrypted: true with kmsKeyId naming a customer managed KMS key: the databases hold the migrated data, their snapshots inherit the key, and only a customer key lets the account control who can decrypt and share them.",
  control: "Security Hub RDS.3, RDS.27; checkov CKV_AWS_16",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance, T.rdsCluster],
  validate: (props, _args, report) => {
    if (props.storageEncrypted !== true) {
      report(
        `${describe("storageEncrypted", props.storageEncrypted, "AWS defaults to false")}; set storageEncrypted: true with kmsKeyId set to a customer managed KMS key's ARN`,
      );
      return;
    }
    const problem = customerKeyProblem("kmsKeyId", props.kmsKeyId, "RDS uses the AWS managed aws/rds key");
    if (problem) report(problem);
  },
});
