import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { describe } from "../lib/values.js";

export const dmsReplicationInstanceAutoMinorUpgrade = resourcePolicy({
  name: "dms-replication-instance-auto-minor-upgrade",
  concern: "dms",
  description:
    "DMS replication instances set autoMinorVersionUpgrade: true, so engine patches (security and CDC fixes) are applied in the maintenance window instead of waiting for someone to notice.",
  control: "Security Hub DMS.6",
  enforcementLevel: "mandatory",
  types: [T.dmsReplicationInstance],
  validate: (props, _args, report) => {
    if (props.autoMinorVersionUpgrade === true) return;
    report(`${describe("autoMinorVersionUpgrade", props.autoMinorVersionUpgrade)}; set autoMinorVersionUpgrade: true`);
  },
});
