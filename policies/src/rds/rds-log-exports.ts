import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, describe } from "../lib/values.js";

export const rdsLogExports = resourcePolicy({
  name: "rds-log-exports",
  concern: "rds",
  description:
    "RDS instances and clusters export their engine logs to CloudWatch Logs (enabledCloudwatchLogsExports), where binlog, replication-slot and connection errors that break CDC can be read and kept.",
  control: "Security Hub RDS.9; checkov CKV_AWS_129",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance, T.rdsCluster],
  validate: (props, _args, report) => {
    const value = props.enabledCloudwatchLogsExports;
    if (asArray(value).length > 0) return;
    report(
      `${describe("enabledCloudwatchLogsExports", value)}; set enabledCloudwatchLogsExports to the engine's logs (["error", "slowquery"] for MySQL, ["postgresql"] for PostgreSQL)`,
    );
  },
});
