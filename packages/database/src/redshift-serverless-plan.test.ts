import assert from "node:assert/strict";
import { parseComponentArgs } from "@dms-platform/config";
import {
  baseCapacityProblem,
  planRedshiftServerlessWarehouse,
  redshiftServerlessWarehouseArgsSchema,
} from "./redshift-serverless-plan.js";

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
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
};
const parse = (extra: Record<string, unknown> = {}) =>
  parseComponentArgs(
    redshiftServerlessWarehouseArgsSchema,
    { ...base, ...extra },
    "RedshiftServerlessWarehouse",
    "warehouse",
  );

describe("planRedshiftServerlessWarehouse", () => {
  it("sizes prod at 32 to 256 RPUs, retains and protects its data, requires TLS and logs user activity", () => {
    const plan = planRedshiftServerlessWarehouse(parse());
    assert.equal(plan.baseCapacity, 32);
    assert.equal(plan.maxCapacity, 256);
    assert.equal(plan.retainData, true);
    assert.equal(plan.protect, true);
    assert.equal(plan.port, 5439);
    const param = (k: string) => plan.configParameters.find((p) => p.parameterKey === k)?.parameterValue;
    assert.equal(param("require_ssl"), "true");
    assert.equal(param("enable_user_activity_logging"), "true");
    assert.deepEqual(plan.logExports, ["connectionlog", "useractivitylog", "userlog"]);
  });

  it("keeps the maximum at least the base when only the base is raised", () => {
    const plan = planRedshiftServerlessWarehouse(parse({ baseCapacity: 512 }));
    assert.equal(plan.maxCapacity, 512);
  });

  it("accepts 8 to 512 RPUs in units of 8 and nothing else", () => {
    assert.equal(baseCapacityProblem(8), undefined);
    assert.equal(baseCapacityProblem(512), undefined);
    for (const bad of [0, 4, 12, 520, 1024, 8.5]) assert.match(String(baseCapacityProblem(bad)), /8 to 512 RPUs/);
  });

  it("refuses fewer than three subnets, a maximum below the base and the consoles' admin names", () => {
    assert.throws(() => parse({ subnetIds: ["a", "b"] }), /subnetIds: Redshift Serverless needs at least 3 subnets/);
    assert.throws(() => parse({ baseCapacity: 64, maxCapacity: 32 }), /maxCapacity: must be at least the base/);
    assert.throws(() => parse({ adminUsername: "admin" }), /adminUsername: must not be "admin" or "awsuser"/);
    assert.throws(() => parse({ adminUsername: "awsuser" }), /Redshift\.8/);
  });
});
