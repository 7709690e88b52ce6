import { customerKeyProblem } from "../lib/kms.js";
import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

export const snsTopicEncrypted = resourcePolicy({
  name: "sns-topic-encrypted",
  concern: "encryption",
  description:
    "SNS topics (alarm and DMS event notifications) are encrypted with a customer managed KMS key (kmsMasterKeyId). A customer key is needed anyway: CloudWatch alarms and DMS cannot publish to a topic encrypted with the AWS managed aws/sns key.",
  control: "Security Hub SNS.1; checkov CKV_AWS_26",
  enforcementLevel: "mandatory",
  types: [T.snsTopic],
  validate: (props, _args, report) => {
    const problem = customerKeyProblem("kmsMasterKeyId", props.kmsMasterKeyId, "SNS stores messages unencrypted");
    if (problem) report(problem);
  },
});
