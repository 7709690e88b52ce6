import { dmsNamePattern } from "@dms-platform/config";
import { resourcePolicy } from "../lib/policy.js";
import { type EnvironmentSetting, environmentSchema } from "../lib/settings.js";
import { T } from "../lib/types.js";
import { show } from "../lib/values.js";

/** The identifier property of each DMS resource type. */
export const DMS_IDENTIFIER_PROPERTIES: Readonly<Record<string, string>> = {
  [T.dmsReplicationInstance]: "replicationInstanceId",
  [T.dmsReplicationConfig]: "replicationConfigIdentifier",
  [T.dmsReplicationSubnetGroup]: "replicationSubnetGroupId",
  [T.dmsEndpoint]: "endpointId",
  [T.dmsS3Endpoint]: "endpointId",
  [T.dmsReplicationTask]: "replicationTaskId",
  [T.dmsEventSubscription]: "name",
  [T.dmsCertificate]: "certificateId",
};

export const dmsIdentifierNaming = resourcePolicy({
  name: "dms-identifier-naming",
  concern: "tagging",
  description:
    "DMS identifiers (replication instances, configs, subnet groups, endpoints, tasks, event subscriptions, certificates) follow <env>-<app>-<purpose>-dms with the stack's environment, so the DMS console, CloudWatch metrics and task logs say which migration and environment a resource serves.",
  control: "dms-platform naming rules (<env>-<app>-<purpose>-dms)",
  enforcementLevel: "mandatory",
  configSchema: environmentSchema,
  types: Object.keys(DMS_IDENTIFIER_PROPERTIES),
  validate: (props, args, report) => {
    const property = DMS_IDENTIFIER_PROPERTIES[args.type];
    if (!property) return;
    const { environment } = args.getConfig<EnvironmentSetting>();
    const value = props[property];
    if (typeof value === "string" && dmsNamePattern(environment).test(value)) return;
    const now =
      value === undefined
        ? `${property} is not set (Pulumi would generate a random name)`
        : `${property} is ${show(value)}`;
    report(
      `${now}; set ${property} to "${environment}-<app>-<purpose>-dms" (lowercase letters, digits and single hyphens)`,
    );
  },
});
