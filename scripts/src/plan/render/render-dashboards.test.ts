import assert from "node:assert/strict";
import { getProfile } from "@dms-platform/config";
import { dashboardBody } from "@dms-platform/dms/operate";
import { type GraphResource, UNKNOWN } from "@dms-platform/offline";
import type { StackPlan } from "../report.js";
import { dashboardSection } from "./render-dashboards.js";

const URL =
  "https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/dev-orders-migration-dms";

function plan(body: string): StackPlan {
  const dashboard: GraphResource = {
    urn: "urn:pulumi:dev::dms-platform-replication::dms-platform:dms:DmsReplication$aws:cloudwatch/dashboard:Dashboard::replication-dashboard",
    type: "aws:cloudwatch/dashboard:Dashboard",
    name: "replication-dashboard",
    custom: true,
    inputs: { dashboardName: "dev-orders-migration-dms", dashboardBody: body },
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: {
      protect: false,
      retainOnDelete: false,
      deleteBeforeReplace: true,
      ignoreChanges: [],
      replaceOnChanges: [],
      additionalSecretOutputs: [],
      aliases: [],
    },
  };
  return {
    stack: "replication",
    project: "dms-platform-replication",
    environment: "dev",
    migration: "orders",
    configFile: "stacks/replication/Pulumi.dev.yaml",
    policyConfigFile: "policies/config/dev.json",
    graph: {
      project: "dms-platform-replication",
      stack: "dev",
      resources: [dashboard],
      providers: [],
      outputs: { dashboardUrl: URL },
      diagnostics: [],
    },
    violations: [],
    references: {},
    durationMs: 1,
  };
}

describe("plan Markdown: dashboards", () => {
  it("links the dashboard and lists the widgets it will show", () => {
    const body = dashboardBody({
      region: "eu-west-1",
      application: "orders",
      environment: "dev",
      capacity: { kind: "serverless" },
      tasks: [{ name: "customers", migrationType: "cdc", metricId: "dev-orders-customers-dms" }],
      thresholds: getProfile("dev").alarms,
    });
    assert.deepEqual(dashboardSection([plan(JSON.stringify(body))]), [
      "",
      `#### replication (dev): [dev-orders-migration-dms](${URL})`,
      "",
      "- customers: CDC latency",
      "- customers: CDC throughput",
      "- customers: CDC incoming changes",
      "- customers: capacity utilization",
    ]);
  });

  it("says when the widgets wait for values known after up", () => {
    const lines = dashboardSection([plan(`{"widgets":[${JSON.stringify(UNKNOWN)}]}`)]);
    assert.equal(lines.at(-1), "Widgets are known once the tasks exist (their resource ids name the metrics).");
  });
});
