import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { show } from "../lib/values.js";

export const dmsReplicationInstanceNotPublic = resourcePolicy({
  name: "dms-replication-instance-not-public",
  concern: "dms",
  description:
    "DMS replication instances set publiclyAccessible: false explicitly. A public instance gets a public IP next to credentials for both databases; when the property is unset AWS may make the instance public, so only an explicit false passes.",
  control: "Security Hub DMS.1",
  enforcementLevel: "mandatory",
  types: [T.dmsReplicationInstance],
  validate: (props, _args, report) => {
    const value = props.publiclyAccessible;
    if (value === false) return;
    report(
      value === undefined
        ? "publiclyAccessible is not set (AWS defaults to true); set publiclyAccessible: false"
        : `publiclyAccessible is ${show(value)}; set publiclyAccessible: false`,
    );
  },
});
