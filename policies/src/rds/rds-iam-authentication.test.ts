import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { rdsIamAuthentication } from "./rds-iam-authentication.js";

describePolicy(rdsIamAuthentication, {
  passes: [
    {
      title: "an instance with IAM auth",
      fixture: { type: T.rdsInstance, inputs: { iamDatabaseAuthenticationEnabled: true } },
    },
    {
      title: "a cluster with IAM auth",
      fixture: { type: T.rdsCluster, inputs: { iamDatabaseAuthenticationEnabled: true } },
    },
    {
      title: "an RDS for SQL Server instance (no IAM database authentication on that engine)",
      fixture: { type: T.rdsInstance, inputs: { engine: "sqlserver-se", iamDatabaseAuthenticationEnabled: false } },
    },
    {
      title: "an RDS for Oracle instance (no IAM database authentication on that engine)",
      fixture: { type: T.rdsInstance, inputs: { engine: "oracle-ee" } },
    },
  ],
  fails: [
    {
      title: "an instance without IAM auth",
      fixture: { type: T.rdsInstance, inputs: {} },
      messages: [
        "iamDatabaseAuthenticationEnabled is not set (AWS defaults to false); set iamDatabaseAuthenticationEnabled: true",
      ],
    },
  ],
  unknown: {
    fixture: { type: T.rdsInstance, inputs: { iamDatabaseAuthenticationEnabled: UNKNOWN } },
    path: "iamDatabaseAuthenticationEnabled",
  },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
