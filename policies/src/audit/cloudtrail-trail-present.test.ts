import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { cloudtrailTrailPresent } from "./cloudtrail-trail-present.js";

const MESSAGE =
  "no multi-region CloudTrail trail audits this stack: declare a MigrationAuditTrail (created, or adopting the organisation/account trail by name: dms-platform-foundation:audit.trailName), or pass the foundation's auditTrailName to MigrationOperatorAccess";
const vpc: ResourceSpec = { type: T.vpc, name: "vpc", inputs: { cidrBlock: "10.0.0.0/16" } };
const instance: ResourceSpec = {
  type: T.dmsReplicationInstance,
  name: "instance",
  inputs: { replicationInstanceId: "prod-orders-replication-dms" },
};
const trail = (inputs: Record<string, unknown>): ResourceSpec => ({
  type: T.cloudtrail,
  name: "trail",
  inputs: { name: "prod-orders-audit", ...inputs },
});

describePolicy(cloudtrailTrailPresent, {
  passes: [
    { title: "a network stack with a multi-region trail", fixture: [vpc, trail({ isMultiRegionTrail: true })] },
    {
      title: "a network stack adopting the organisation trail",
      fixture: [vpc, { type: T.migrationAuditTrail, name: "audit", inputs: { adoptedTrailName: "org-trail" } }],
    },
    {
      title: "a replication stack naming the foundation's trail on its operator access",
      fixture: [
        instance,
        { type: T.migrationOperatorAccess, name: "operators", inputs: { auditTrailName: "org-trail" } },
      ],
    },
    { title: "a stack without network or replication", fixture: [{ type: T.snsTopic, name: "alerts", inputs: {} }] },
  ],
  fails: [
    { title: "a replication stack with no trail", fixture: [instance], messages: [MESSAGE] },
    {
      title: "a network stack whose only trail is single-region or stopped, with an operator access naming none",
      fixture: [
        vpc,
        trail({ isMultiRegionTrail: false }),
        { ...trail({ isMultiRegionTrail: true, enableLogging: false }), name: "stopped" },
        { type: T.migrationOperatorAccess, name: "operators", inputs: {} },
      ],
      messages: [MESSAGE],
    },
  ],
  unknown: { fixture: [vpc, trail({ isMultiRegionTrail: UNKNOWN })], path: "isMultiRegionTrail" },
  levels: { dev: "advisory", test: "advisory", prod: "advisory" },
});
