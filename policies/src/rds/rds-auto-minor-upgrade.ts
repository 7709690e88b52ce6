import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

export const rdsAutoMinorUpgrade = resourcePolicy({
  name: "rds-auto-minor-upgrade",
  concern: "rds",
  description:
    "RDS instances and Aurora cluster instances keep autoMinorVersionUpgrade on (the provider's default), so engine security patches are applied in the maintenance window.",
  control: "Security Hub RDS.13; checkov CKV_AWS_226",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance, T.rdsClusterInstance],
  validate: (props, _args, report) => {
    if (props.autoMinorVersionUpgrade === false) {
      report("autoMinorVersionUpgrade is false; set autoMinorVersionUpgrade: true (or leave it unset)");
    }
  },
});
