import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { rdsPerformanceInsightsEncrypted } from "./rds-performance-insights-encrypted.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describePolicy(rdsPerformanceInsightsEncrypted, {
  passes: [
    { title: "an instance without Performance Insights", fixture: { type: T.rdsInstance, inputs: {} } },
    {
      title: "Performance Insights on a customer key",
      fixture: { type: T.rdsInstance, inputs: { performanceInsightsEnabled: true, performanceInsightsKmsKeyId: KEY } },
    },
  ],
  fails: [
    {
      title: "Performance Insights on the AWS managed key",
      fixture: { type: T.rdsClusterInstance, inputs: { performanceInsightsEnabled: true } },
      messages: [
        "performanceInsightsKmsKeyId is not set (RDS uses the AWS managed aws/rds key); set performanceInsightsKmsKeyId to a customer managed KMS key's ARN",
      ],
    },
  ],
  unknown: {
    fixture: { type: T.rdsInstance, inputs: { performanceInsightsEnabled: UNKNOWN } },
    path: "performanceInsightsEnabled",
  },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
