import { resourcePolicy } from "../lib/policy.js";
import { R } from "./types.js";

export const redshiftClusterNotPublic = resourcePolicy({
  name: "redshift-cluster-not-public",
  concern: "redshift",
  description:
    "Redshift clusters are not publicly accessible (unset is the provider's default, false): a warehouse DMS feeds holds a copy of operational data and is reached from the VPC only.",
  control: "Security Hub Redshift.1; checkov CKV_AWS_87",
  enforcementLevel: "mandatory",
  types: [R.cluster],
  validate: (props, _args, report) => {
    if (props.publiclyAccessible === true) {
      report("publiclyAccessible is true; set publiclyAccessible: false");
    }
  },
});
