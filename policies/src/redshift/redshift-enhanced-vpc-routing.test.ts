import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { redshiftEnhancedVpcRouting } from "./redshift-enhanced-vpc-routing.js";
import { R } from "./types.js";

describePolicy(redshiftEnhancedVpcRouting, {
  passes: [
    { title: "a cluster routing through its VPC", fixture: { type: R.cluster, inputs: { enhancedVpcRouting: true } } },
    {
      title: "a serverless workgroup routing through its VPC",
      fixture: { type: R.workgroup, inputs: { enhancedVpcRouting: true } },
    },
  ],
  fails: [
    {
      title: "a cluster leaving it unset",
      fixture: { type: R.cluster, inputs: {} },
      messages: ["enhancedVpcRouting is not set (Redshift's default is off); set enhancedVpcRouting: true"],
    },
    {
      title: "a cluster turning it off",
      fixture: { type: R.cluster, inputs: { enhancedVpcRouting: false } },
      messages: ["enhancedVpcRouting is false; set enhancedVpcRouting: true"],
    },
    {
      title: "a serverless workgroup leaving it unset",
      fixture: { type: R.workgroup, inputs: {} },
      messages: ["enhancedVpcRouting is not set (Redshift's default is off); set enhancedVpcRouting: true"],
    },
  ],
  unknown: { fixture: { type: R.cluster, inputs: { enhancedVpcRouting: UNKNOWN } }, path: "enhancedVpcRouting" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
