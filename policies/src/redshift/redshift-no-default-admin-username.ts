import { resourcePolicy } from "../lib/policy.js";
import { R } from "./types.js";

/** The admin user name Redshift's console proposes (Security Hub Redshift.8). */
const DEFAULT_ADMIN = "awsuser";

export const redshiftNoDefaultAdminUsername = resourcePolicy({
  name: "redshift-no-default-admin-username",
  concern: "redshift",
  description: `Redshift clusters do not use the default admin user name "${DEFAULT_ADMIN}", the first name anyone guessing credentials tries.`,
  control: "Security Hub Redshift.8",
  enforcementLevel: "mandatory",
  types: [R.cluster],
  validate: (props, _args, report) => {
    if (typeof props.masterUsername === "string" && props.masterUsername.toLowerCase() === DEFAULT_ADMIN) {
      report(`masterUsername is "${props.masterUsername}", Redshift's default admin user; choose another name`);
    }
  },
});
