import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, describe } from "../lib/values.js";

/**
 * The logs Security Hub RDS.9 asks of an RDS for Oracle and an RDS for SQL Server instance ("RDS DB
 * instances should publish logs to CloudWatch Logs": "Oracle: Alert, Audit, Trace, Listener",
 * "SQL Server: Error, Agent"; RDS.40 asks the same two of SQL Server). The export names are the
 * provider's (hashicorp/terraform-provider-aws v6.x internal/service/rds, instanceExportableLogType_Values).
 * Other engines keep the rule's first form (any export), which the platform's own instances meet.
 */
const REQUIRED_LOGS: ReadonlyArray<{ engine: RegExp; label: string; logs: readonly string[]; control: string }> = [
  {
    engine: /^(custom-)?oracle-/,
    label: "an Oracle",
    logs: ["alert", "audit", "listener", "trace"],
    control: "RDS.9 asks",
  },
  { engine: /^(custom-)?sqlserver-/, label: "a SQL Server", logs: ["agent", "error"], control: "RDS.9 and RDS.40 ask" },
];

export const rdsLogExports = resourcePolicy({
  name: "rds-log-exports",
  concern: "rds",
  description:
    "RDS instances and clusters export their engine logs to CloudWatch Logs (enabledCloudwatchLogsExports), where binlog, replication-slot and connection errors that break CDC can be read and kept. An RDS for Oracle instance exports alert, audit, listener and trace, an RDS for SQL Server instance agent and error, as Security Hub RDS.9 and RDS.40 ask.",
  control: "Security Hub RDS.9, RDS.40; checkov CKV_AWS_129",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance, T.rdsCluster],
  validate: (props, _args, report) => {
    const value = props.enabledCloudwatchLogsExports;
    const exported = asArray(value);
    const required = REQUIRED_LOGS.find((r) => typeof props.engine === "string" && r.engine.test(props.engine));
    if (required) {
      const missing = required.logs.filter((log) => !exported.includes(log));
      if (missing.length === 0) return;
      report(
        `${describe("enabledCloudwatchLogsExports", value)}, without ${missing.map((l) => `"${l}"`).join(", ")}: Security Hub ${required.control} ${required.label} instance for ${required.logs.join(", ")}; set enabledCloudwatchLogsExports to ${JSON.stringify(required.logs)}`,
      );
      return;
    }
    if (exported.length > 0) return;
    report(
      `${describe("enabledCloudwatchLogsExports", value)}; set enabledCloudwatchLogsExports to the engine's logs (["error", "slowquery"] for MySQL, ["postgresql"] for PostgreSQL)`,
    );
  },
});
