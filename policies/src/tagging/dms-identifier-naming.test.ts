import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsIdentifierNaming } from "./dms-identifier-naming.js";

describePolicy(dmsIdentifierNaming, {
  passes: [
    {
      title: "a prod replication instance",
      fixture: { type: T.dmsReplicationInstance, inputs: { replicationInstanceId: "prod-orders-main-dms" } },
    },
    {
      title: "a dev task",
      fixture: { type: T.dmsReplicationTask, inputs: { replicationTaskId: "dev-orders-customers-full-load-dms" } },
      env: "dev",
    },
    {
      title: "an event subscription",
      fixture: { type: T.dmsEventSubscription, inputs: { name: "prod-orders-events-dms" } },
    },
  ],
  fails: [
    {
      title: "a dev name in a prod stack",
      fixture: { type: T.dmsEndpoint, inputs: { endpointId: "dev-orders-src-dms" } },
      messages: [
        'endpointId is "dev-orders-src-dms"; set endpointId to "prod-<app>-<purpose>-dms" (lowercase letters, digits and single hyphens)',
      ],
    },
    {
      title: "a name without the -dms suffix",
      fixture: { type: T.dmsReplicationSubnetGroup, inputs: { replicationSubnetGroupId: "prod-orders-subnets" } },
      messages: [
        'replicationSubnetGroupId is "prod-orders-subnets"; set replicationSubnetGroupId to "prod-<app>-<purpose>-dms" (lowercase letters, digits and single hyphens)',
      ],
    },
    {
      title: "an event subscription left to Pulumi's auto-naming",
      fixture: { type: T.dmsEventSubscription, inputs: {} },
      env: "test",
      messages: [
        'name is not set (Pulumi would generate a random name); set name to "test-<app>-<purpose>-dms" (lowercase letters, digits and single hyphens)',
      ],
    },
  ],
  unknown: {
    fixture: { type: T.dmsReplicationTask, inputs: { replicationTaskId: UNKNOWN } },
    path: "replicationTaskId",
  },
  levelFixture: { fixture: { type: T.dmsReplicationTask, inputs: { replicationTaskId: "Orders_Task" } } },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
