import { resourcePolicy } from "../lib/policy.js";
import { show } from "../lib/values.js";
import { R } from "./types.js";

export interface SnapshotRetentionSettings {
  minimumSnapshotRetentionDays: number;
}

export const redshiftAutomaticSnapshots = resourcePolicy({
  name: "redshift-automatic-snapshots",
  concern: "redshift",
  description:
    "Redshift clusters keep automated snapshots for at least minimumSnapshotRetentionDays (Security Hub's MinRetentionPeriod default, 7): the way back from a bad load or a dropped table.",
  control: "Security Hub Redshift.3; checkov CKV_AWS_343",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      minimumSnapshotRetentionDays: {
        type: "integer",
        minimum: 1,
        maximum: 35,
        default: 7,
        description: "Fewest days of automated snapshots allowed.",
      },
    },
  },
  types: [R.cluster],
  validate: (props, args, report) => {
    const { minimumSnapshotRetentionDays: minimum } = args.getConfig<SnapshotRetentionSettings>();
    const value = props.automatedSnapshotRetentionPeriod;
    // terraform-provider-aws v6 resourceCluster: automated_snapshot_retention_period defaults to 1.
    const effective = value === undefined ? 1 : value;
    if (typeof effective === "number" && effective >= minimum) return;
    const now =
      value === undefined
        ? "automatedSnapshotRetentionPeriod is not set (the provider's default is 1 day)"
        : `automatedSnapshotRetentionPeriod is ${show(value)}`;
    report(`${now}; set automatedSnapshotRetentionPeriod to at least ${minimum} days`);
  },
});
