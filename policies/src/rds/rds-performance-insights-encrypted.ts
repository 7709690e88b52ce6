import { customerKeyProblem } from "../lib/kms.js";
import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

export const rdsPerformanceInsightsEncrypted = resourcePolicy({
  name: "rds-performance-insights-encrypted",
  concern: "rds",
  description:
    "When Performance Insights is on, its data (which includes SQL text with literal values) is encrypted with a customer managed KMS key (performanceInsightsKmsKeyId).",
  control: "checkov CKV_AWS_354",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance, T.rdsCluster, T.rdsClusterInstance],
  validate: (props, _args, report) => {
    if (props.performanceInsightsEnabled !== true) return;
    const problem = customerKeyProblem(
      "performanceInsightsKmsKeyId",
      props.performanceInsightsKmsKeyId,
      "RDS uses the AWS managed aws/rds key",
    );
    if (problem) report(problem);
  },
});
