import { resourcePolicy } from "../lib/policy.js";
import { R } from "./types.js";

export const redshiftClusterNotPublic = resourcePolicy({
  name: "redshift-cluster-not-public",
  concern: "redshift",
  description:
    "Redshift clusters and Redshift Serverless workgroups are not publicly accessible (unset is the provider's default, false; a workgroup created without it reads back false, terraform-provider-aws workgroup_test.go): a warehouse DMS feeds holds a copy of operational data and is reached from the VPC only.",
  control: "Security Hub Redshift.1, RedshiftServerless.3; checkov CKV_AWS_87",
  enforcementLevel: "mandatory",
  types: [R.cluster, R.workgroup],
  validate: (props, _args, report) => {
    if (props.publiclyAccessible === true) {
      report("publiclyAccessible is true; set publiclyAccessible: false");
    }
  },
});
