import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { describe } from "../lib/values.js";

export const rdsIamAuthentication = resourcePolicy({
  name: "rds-iam-authentication",
  concern: "rds",
  description:
    "RDS instances and clusters set iamDatabaseAuthenticationEnabled: true, so people and tools can connect with short-lived IAM tokens instead of sharing database passwords. RDS for Oracle, SQL Server and Db2 have no IAM database authentication and are not judged (RDS User Guide, Supported Regions and DB engines for IAM database authentication).",
  control: "Security Hub RDS.10, RDS.12; checkov CKV_AWS_161",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance, T.rdsCluster],
  validate: (props, _args, report) => {
    // Setting it on these engines fails CreateDBInstance: nothing to ask for.
    if (typeof props.engine === "string" && /^(custom-)?(oracle|sqlserver|db2)-/.test(props.engine)) return;
    const value = props.iamDatabaseAuthenticationEnabled;
    if (value === true) return;
    report(
      `${describe("iamDatabaseAuthenticationEnabled", value, "AWS defaults to false")}; set iamDatabaseAuthenticationEnabled: true`,
    );
  },
});
