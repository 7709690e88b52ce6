import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { show } from "../lib/values.js";

export interface BackupRetentionSettings {
  minimumBackupRetentionDays: number;
}

export const rdsBackupRetention = resourcePolicy({
  name: "rds-backup-retention",
  concern: "rds",
  description:
    "RDS instances and clusters keep automated backups for at least minimumBackupRetentionDays (the environment profile's backupRetentionDays). Backups are the way back from a bad cutover, and MySQL CDC needs them on.",
  control: "Security Hub RDS.11; checkov CKV_AWS_133",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      minimumBackupRetentionDays: {
        type: "integer",
        minimum: 1,
        maximum: 35,
        default: 7,
        description: "Fewest days of automated backups allowed.",
      },
    },
  },
  types: [T.rdsInstance, T.rdsCluster],
  validate: (props, args, report) => {
    const { minimumBackupRetentionDays: minimum } = args.getConfig<BackupRetentionSettings>();
    const value = props.backupRetentionPeriod;
    // CreateDBInstance and CreateDBCluster keep 1 day of backups when the period is not given.
    const effective = value === undefined ? 1 : value;
    if (typeof effective === "number" && effective >= minimum) return;
    const now =
      value === undefined
        ? "backupRetentionPeriod is not set (AWS defaults to 1 day)"
        : `backupRetentionPeriod is ${show(value)}`;
    report(`${now}; set backupRetentionPeriod to at least ${minimum} day${minimum === 1 ? "" : "s"}`);
  },
});
