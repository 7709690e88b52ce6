import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { describe } from "../lib/values.js";

export const rdsIamAuthentication = resourcePolicy({
  name: "rds-iam-authentication",
  concern: "rds",
  description:
    "RDS instances and clusters set iamDatabaseAuthenticationEnabled: true, so people and tools can connect with short-lived IAM tokens instead of sharing database passwords.",
  control: "Security Hub RDS.10, RDS.12; checkov CKV_AWS_161",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance, T.rdsCluster],
  validate: (props, _args, report) => {
    const value = props.iamDatabaseAuthenticationEnabled;
    if (value === true) return;
    report(
      `${describe("iamDatabaseAuthenticationEnabled", value, "AWS defaults to false")}; set iamDatabaseAuthenticationEnabled: true`,
    );
  },
});
