import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { redshiftTlsRequired } from "./redshift-tls-required.js";
import { R } from "./types.js";

const group = (parameters: unknown) => ({
  type: R.parameterGroup,
  inputs: { name: "prod-orders-dwh-params", family: "redshift-2.0", parameters },
});

describePolicy(redshiftTlsRequired, {
  passes: [
    { title: "a group requiring TLS", fixture: group([{ name: "require_ssl", value: "true" }]) },
    {
      title: "a cluster using its own group",
      fixture: { type: R.cluster, inputs: { clusterParameterGroupName: "prod-orders-dwh-params" } },
    },
    {
      title: "a serverless workgroup requiring TLS",
      fixture: {
        type: R.workgroup,
        inputs: { configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }] },
      },
    },
    {
      title: "a serverless workgroup leaving require_ssl to its default (true)",
      fixture: { type: R.workgroup, inputs: {} },
    },
  ],
  fails: [
    {
      title: "a group leaving require_ssl unset",
      fixture: group([{ name: "enable_user_activity_logging", value: "true" }]),
      messages: [
        'parameters do not set require_ssl (Redshift\'s default is false); add { name: "require_ssl", value: "true" }',
      ],
    },
    {
      title: "a group turning require_ssl off",
      fixture: group([{ name: "require_ssl", value: "false" }]),
      messages: ['parameters set require_ssl to "false"; set it to "true"'],
    },
    {
      title: "a cluster on the default group",
      fixture: { type: R.cluster, inputs: {} },
      messages: [
        'clusterParameterGroupName is not set, so the default parameter group applies, where require_ssl is false; set clusterParameterGroupName to a group with require_ssl: "true"',
      ],
    },
    {
      title: "a serverless workgroup turning require_ssl off",
      fixture: {
        type: R.workgroup,
        inputs: { configParameters: [{ parameterKey: "require_ssl", parameterValue: "false" }] },
      },
      messages: [
        'configParameters set require_ssl to "false"; set { parameterKey: "require_ssl", parameterValue: "true" }',
      ],
    },
  ],
  unknown: { fixture: group(UNKNOWN), path: "parameters" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
