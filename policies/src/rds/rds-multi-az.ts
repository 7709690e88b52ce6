import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { describe } from "../lib/values.js";

export const rdsMultiAz = resourcePolicy({
  name: "rds-multi-az",
  concern: "rds",
  description:
    "RDS instances set multiAz: true, with a standby in a second Availability Zone that takes over on failure or maintenance. (Aurora places readers per cluster instance and is not judged here.)",
  control: "Security Hub RDS.5; checkov CKV_AWS_157",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance],
  validate: (props, _args, report) => {
    if (props.multiAz === true) return;
    report(`${describe("multiAz", props.multiAz, "AWS defaults to false")}; set multiAz: true`);
  },
});
