import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { redshiftNoDefaultAdminUsername } from "./redshift-no-default-admin-username.js";
import { R } from "./types.js";

describePolicy(redshiftNoDefaultAdminUsername, {
  passes: [
    {
      title: "a cluster with its own admin name",
      fixture: { type: R.cluster, inputs: { masterUsername: "dmsadmin" } },
    },
    {
      title: "a serverless namespace with its own admin name",
      fixture: { type: R.namespace, inputs: { adminUsername: "dmsadmin" } },
    },
  ],
  fails: [
    {
      title: "a cluster with the default admin name",
      fixture: { type: R.cluster, inputs: { masterUsername: "awsuser" } },
      messages: ['masterUsername is "awsuser", Redshift\'s default admin user; choose another name'],
    },
    {
      title: "a serverless namespace with the default admin name",
      fixture: { type: R.namespace, inputs: { adminUsername: "admin" } },
      messages: ['adminUsername is "admin", a default Redshift admin user; choose another name'],
    },
  ],
  unknown: { fixture: { type: R.cluster, inputs: { masterUsername: UNKNOWN } }, path: "masterUsername" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
