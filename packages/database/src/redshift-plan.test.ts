import assert from "node:assert/strict";
import { parseComponentArgs } from "@dms-platform/config";
import { planRedshiftWarehouse, redshiftWarehouseArgsSchema } from "./redshift-plan.js";

const tags = {
  Application: "orders",
  Environment: "prod",
  Owner: "data",
  CostCenter: "cc-1",
  DataClassification: "confidential",
} as const;
const base = {
  environment: "prod" as const,
  application: "orders",
  tags,
  databaseName: "analytics",
  vpcId: "vpc-1",
  subnetIds: ["subnet-a", "subnet-b"],
};
const parse = (extra: Record<string, unknown> = {}) =>
  parseComponentArgs(redshiftWarehouseArgsSchema, { ...base, ...extra }, "RedshiftWarehouse", "warehouse");

describe("planRedshiftWarehouse", () => {
  it("sizes prod from the profile: two ra3.4xlarge nodes, 35 days of snapshots, a final snapshot, protected", () => {
    const plan = planRedshiftWarehouse(parse());
    assert.equal(plan.nodeType, "ra3.4xlarge");
    assert.equal(plan.numberOfNodes, 2);
    assert.equal(plan.clusterType, "multi-node");
    assert.equal(plan.snapshotRetentionDays, 35);
    assert.equal(plan.finalSnapshot, true);
    assert.equal(plan.protect, true);
    assert.equal(plan.port, 5439);
  });

  it("raises dev's one-day backup retention to the 7 days Security Hub Redshift.3 asks", () => {
    const plan = planRedshiftWarehouse(parse({ environment: "dev", tags: { ...tags, Environment: "dev" } }));
    assert.equal(plan.snapshotRetentionDays, 7);
    assert.equal(plan.clusterType, "single-node");
  });

  it("refuses the default admin user and database, saying which control", () => {
    assert.throws(() => parse({ adminUsername: "awsuser" }), /adminUsername: must not be "awsuser".*Redshift\.8/);
    assert.throws(() => parse({ databaseName: "dev" }), /databaseName: must not be "dev".*Redshift\.9/);
    assert.throws(() => parse({ databaseName: "Analytics" }), /databaseName: must be lowercase/);
    assert.throws(() => parse({ snapshotRetentionDays: 1 }), /snapshotRetentionDays/);
  });
});
