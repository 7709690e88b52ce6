import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray } from "../lib/values.js";

export const defaultSecurityGroupNoRules = resourcePolicy({
  name: "default-security-group-no-rules",
  concern: "network",
  description:
    "A VPC's default security group (aws.ec2.DefaultSecurityGroup) has no ingress and no egress rules, so anything launched without an explicit group can reach nothing and be reached by nothing.",
  control: "Security Hub EC2.2; checkov CKV2_AWS_12",
  enforcementLevel: "mandatory",
  types: [T.defaultSecurityGroup],
  validate: (props, _args, report) => {
    for (const property of ["ingress", "egress"] as const) {
      const rules = asArray(props[property]).length;
      if (rules > 0) {
        report(
          `${property} has ${rules} rule${rules > 1 ? "s" : ""}; set ingress: [] and egress: [] so the default security group admits nothing`,
        );
      }
    }
  },
});
