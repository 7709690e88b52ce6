import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asObject, describe } from "../lib/values.js";

export const dmsReplicationMultiAz = resourcePolicy({
  name: "dms-replication-multi-az",
  concern: "dms",
  description:
    "DMS replication instances (multiAz) and DMS Serverless replication configs (computeConfig.multiAz) run in two Availability Zones, so a zone failure or maintenance fails over instead of stopping CDC until someone restarts it.",
  control: "Security Hub DMS.13",
  enforcementLevel: "mandatory",
  types: [T.dmsReplicationInstance, T.dmsReplicationConfig],
  validate: (props, args, report) => {
    const [property, value] =
      args.type === T.dmsReplicationInstance
        ? ["multiAz", props.multiAz]
        : ["computeConfig.multiAz", asObject(props.computeConfig)?.multiAz];
    if (value === true) return;
    report(`${describe(property, value, "AWS defaults to false")}; set ${property}: true`);
  },
});
