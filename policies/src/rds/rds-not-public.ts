import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

export const rdsNotPublic = resourcePolicy({
  name: "rds-not-public",
  concern: "rds",
  description:
    "RDS instances and Aurora cluster instances are not publicly accessible: migration databases are reached from the DMS security group inside the VPC, never from the internet. (The provider sends publiclyAccessible: false when it is unset.)",
  control: "Security Hub RDS.2; checkov CKV_AWS_17",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance, T.rdsClusterInstance],
  validate: (props, _args, report) => {
    if (props.publiclyAccessible === true) report("publiclyAccessible is true; set publiclyAccessible: false");
  },
});
