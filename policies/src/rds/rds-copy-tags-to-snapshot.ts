import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { describe } from "../lib/values.js";

export const rdsCopyTagsToSnapshot = resourcePolicy({
  name: "rds-copy-tags-to-snapshot",
  concern: "rds",
  description:
    "RDS instances and clusters set copyTagsToSnapshot: true, so snapshots keep the Owner, CostCenter and DataClassification tags that say whose data they hold and how to handle it.",
  control: "Security Hub RDS.16, RDS.17",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance, T.rdsCluster],
  validate: (props, _args, report) => {
    if (props.copyTagsToSnapshot === true) return;
    report(
      `${describe("copyTagsToSnapshot", props.copyTagsToSnapshot, "AWS defaults to false")}; set copyTagsToSnapshot: true`,
    );
  },
});
