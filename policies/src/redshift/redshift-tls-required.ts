import { resourcePolicy } from "../lib/policy.js";
import { asArray, asObject, show } from "../lib/values.js";
import { isTrue, R } from "./types.js";

export const redshiftTlsRequired = resourcePolicy({
  name: "redshift-tls-required",
  concern: "redshift",
  description:
    'Redshift parameter groups set require_ssl to "true", and clusters use such a group rather than the default (`default.redshift-2.0`, where require_ssl is false and which nobody can modify); Redshift Serverless workgroups do not set require_ssl to anything but "true" in their configParameters (unset, a workgroup reads back require_ssl "true": terraform-provider-aws workgroup_test.go, TestAccRedshiftServerlessWorkgroup_basic). So no client (DMS included) connects in clear text.',
  control: "Security Hub Redshift.2, RedshiftServerless.2; checkov CKV_AWS_105",
  enforcementLevel: "mandatory",
  types: [R.parameterGroup, R.cluster, R.workgroup],
  validate: (props, args, report) => {
    if (args.type === R.workgroup) {
      const entry = asArray(props.configParameters)
        .map((p) => asObject(p) ?? {})
        .find((p) => p.parameterKey === "require_ssl");
      if (entry && !isTrue(entry.parameterValue)) {
        report(
          `configParameters set require_ssl to ${show(entry.parameterValue)}; set { parameterKey: "require_ssl", parameterValue: "true" }`,
        );
      }
      return;
    }
    if (args.type === R.cluster) {
      const group = props.clusterParameterGroupName;
      if (group === undefined || (typeof group === "string" && group.startsWith("default."))) {
        const which =
          group === undefined
            ? "clusterParameterGroupName is not set, so the default parameter group applies"
            : `clusterParameterGroupName is "${group}", a default group nobody can modify`;
        report(
          `${which}, where require_ssl is false; set clusterParameterGroupName to a group with require_ssl: "true"`,
        );
      }
      return;
    }
    const entry = asArray(props.parameters)
      .map((p) => asObject(p) ?? {})
      .find((p) => p.name === "require_ssl");
    if (!entry) {
      report(
        'parameters do not set require_ssl (Redshift\'s default is false); add { name: "require_ssl", value: "true" }',
      );
    } else if (!isTrue(entry.value)) {
      report(`parameters set require_ssl to ${show(entry.value)}; set it to "true"`);
    }
  },
});
