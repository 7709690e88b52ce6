import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { describe } from "../lib/values.js";

export const cloudtrailValidationAndKms = resourcePolicy({
  name: "cloudtrail-validation-and-kms",
  concern: "audit",
  description:
    "A CloudTrail trail this stack creates validates its log files (enableLogFileValidation: a digest file proves no log was changed or deleted after delivery) and encrypts them with a customer-managed KMS key (kmsKeyId), so the audit record of DMS API calls can be trusted and read only by whom the key allows.",
  control:
    "Security Hub CloudTrail.4 (log file validation), CloudTrail.2 (encryption at rest); checkov CKV_AWS_36, CKV_AWS_35",
  enforcementLevel: "mandatory",
  types: [T.cloudtrail],
  validate: (props, _args, report) => {
    if (props.enableLogFileValidation !== true) {
      report(
        `${describe("enableLogFileValidation", props.enableLogFileValidation)}; set enableLogFileValidation: true`,
      );
    }
    const key = props.kmsKeyId;
    if (typeof key !== "string" || key.length === 0) {
      report(
        `${describe("kmsKeyId", key, "log files get SSE-S3 only")}; set kmsKeyId to a customer-managed KMS key ARN whose policy lets cloudtrail.amazonaws.com GenerateDataKey`,
      );
    }
  },
});
