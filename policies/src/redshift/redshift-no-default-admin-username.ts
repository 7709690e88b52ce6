import { resourcePolicy } from "../lib/policy.js";
import { R } from "./types.js";

/** The admin user name Redshift's console proposes (Security Hub Redshift.8). */
const DEFAULT_ADMIN = "awsuser";
/** The default admin user name of a Redshift Serverless namespace (Security Hub RedshiftServerless.5). */
const SERVERLESS_DEFAULT_ADMIN = "admin";

export const redshiftNoDefaultAdminUsername = resourcePolicy({
  name: "redshift-no-default-admin-username",
  concern: "redshift",
  description: `Redshift clusters do not use the default admin user name "${DEFAULT_ADMIN}", nor Redshift Serverless namespaces "${SERVERLESS_DEFAULT_ADMIN}" or "${DEFAULT_ADMIN}": the first names anyone guessing credentials tries.`,
  control: "Security Hub Redshift.8, RedshiftServerless.5",
  enforcementLevel: "mandatory",
  types: [R.cluster, R.namespace],
  validate: (props, args, report) => {
    if (args.type === R.namespace) {
      const name = props.adminUsername;
      if (typeof name === "string" && [DEFAULT_ADMIN, SERVERLESS_DEFAULT_ADMIN].includes(name.toLowerCase())) {
        report(`adminUsername is "${name}", a default Redshift admin user; choose another name`);
      }
      return;
    }
    if (typeof props.masterUsername === "string" && props.masterUsername.toLowerCase() === DEFAULT_ADMIN) {
      report(`masterUsername is "${props.masterUsername}", Redshift's default admin user; choose another name`);
    }
  },
});
