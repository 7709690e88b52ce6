import { customerKeyProblem } from "../lib/kms.js";
import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asObject } from "../lib/values.js";

export const dmsReplicationEncryptedWithCustomerKey = resourcePolicy({
  name: "dms-replication-encrypted-with-customer-key",
  concern: "dms",
  description:
    "DMS replication instances (kmsKeyArn) and DMS Serverless replication configs (computeConfig.kmsKeyId) encrypt their storage with a customer managed KMS key. Replication storage holds cached rows and CDC changes; a customer key lets the account control and audit who can decrypt them.",
  control: "checkov CKV_AWS_212",
  enforcementLevel: "mandatory",
  types: [T.dmsReplicationInstance, T.dmsReplicationConfig],
  validate: (props, args, report) => {
    const problem =
      args.type === T.dmsReplicationInstance
        ? customerKeyProblem("kmsKeyArn", props.kmsKeyArn, "DMS uses the AWS managed aws/dms key")
        : customerKeyProblem(
            "computeConfig.kmsKeyId",
            asObject(props.computeConfig)?.kmsKeyId,
            "DMS uses the AWS managed aws/dms key",
          );
    if (problem) report(problem);
  },
});
