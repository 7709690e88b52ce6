import { resourcePolicy } from "../lib/policy.js";
import { show } from "../lib/values.js";
import { R } from "./types.js";

export const redshiftEnhancedVpcRouting = resourcePolicy({
  name: "redshift-enhanced-vpc-routing",
  concern: "redshift",
  description:
    "Redshift clusters and Redshift Serverless workgroups use enhanced VPC routing, so COPY and UNLOAD traffic (DMS loads every change through COPY from its intermediate S3 bucket) goes through the VPC and its S3 gateway endpoint instead of the internet.",
  control: "Security Hub Redshift.7, RedshiftServerless.1; checkov CKV_AWS_321",
  enforcementLevel: "mandatory",
  types: [R.cluster, R.workgroup],
  validate: (props, _args, report) => {
    if (props.enhancedVpcRouting !== true) {
      const now =
        props.enhancedVpcRouting === undefined
          ? "enhancedVpcRouting is not set (Redshift's default is off)"
          : `enhancedVpcRouting is ${show(props.enhancedVpcRouting)}`;
      report(`${now}; set enhancedVpcRouting: true`);
    }
  },
});
