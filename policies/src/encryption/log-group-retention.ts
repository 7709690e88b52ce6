import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { show } from "../lib/values.js";

export interface LogRetentionSettings {
  minimumLogRetentionDays: number;
}

export const logGroupRetention = resourcePolicy({
  name: "log-group-retention",
  concern: "encryption",
  description:
    "CloudWatch log groups (DMS task logs, flow logs, RDS exports) set retentionInDays to at least minimumLogRetentionDays (the environment profile's logRetentionDays): long enough to investigate a migration, and never unset, which keeps (and bills) events forever.",
  control: "checkov CKV_AWS_338, CKV_AWS_66",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      minimumLogRetentionDays: {
        type: "integer",
        minimum: 1,
        default: 365,
        description: "Fewest days a log group may keep events.",
      },
    },
  },
  types: [T.logGroup],
  validate: (props, args, report) => {
    const { minimumLogRetentionDays: minimum } = args.getConfig<LogRetentionSettings>();
    const value = props.retentionInDays;
    if (typeof value === "number" && value >= minimum) return;
    const now =
      value === undefined || value === 0
        ? "retentionInDays is not set (events never expire)"
        : `retentionInDays is ${show(value)}`;
    report(`${now}; set retentionInDays to at least ${minimum}`);
  },
});
