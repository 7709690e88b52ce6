import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { describe } from "../lib/values.js";

export const rdsDeletionProtection = resourcePolicy({
  name: "rds-deletion-protection",
  concern: "rds",
  description:
    "RDS instances and clusters set deletionProtection: true, so a destroyed replication stack or a mistaken replacement cannot delete the migration's target database.",
  control: "Security Hub RDS.7, RDS.8; checkov CKV_AWS_293",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance, T.rdsCluster],
  validate: (props, _args, report) => {
    if (props.deletionProtection === true) return;
    report(
      `${describe("deletionProtection", props.deletionProtection, "AWS defaults to false")}; set deletionProtection: true`,
    );
  },
});
