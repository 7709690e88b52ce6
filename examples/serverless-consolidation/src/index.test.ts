// Plans this example offline as its prod stack (Pulumi.prod.yaml) and judges it with the policy
// pack under policies/config/prod.json, as `pulumi preview --policy-pack` would in production.
import assert from "node:assert/strict";
import { join } from "node:path";
import { readPulumiConfigFile } from "@dms-platform/config";
import { evaluatePolicies, type ResourceGraph, runProgram, type Violation } from "@dms-platform/offline";
import { loadPolicyConfig, POLICY_PACK_NAME, policies, policyConfigPath } from "@dms-platform/policies/rules";

const projectDir = join(__dirname, "..");
const program = () => {
  // index.ts declares its resources when loaded: load it afresh for each run.
  delete require.cache[require.resolve("./index.js")];
  return { ...(require("./index.js") as Record<string, unknown>) };
};

describe("example serverless-consolidation (prod)", () => {
  let graph: ResourceGraph;
  let violations: Violation[];
  before(async () => {
    const { values } = readPulumiConfigFile(join(projectDir, "Pulumi.prod.yaml"));
    graph = await runProgram(program, {
      project: "dms-example-serverless-consolidation",
      stack: "prod",
      config: values,
    });
    violations = await evaluatePolicies(graph, policies, {
      config: loadPolicyConfig("prod"),
      configFile: policyConfigPath("prod"),
      policyPackName: POLICY_PACK_NAME,
    });
  });
  const ofType = (type: string) => graph.resources.filter((r) => r.type === type);

  it("passes every mandatory policy of prod", () => {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    assert.deepEqual(mandatory, [], mandatory.map((v) => `${v.policy}: ${v.message}`).join("\n"));
  });

  it("runs one Serverless replication per source within the prod profile's capacity bounds, and no instance", () => {
    assert.equal(ofType("aws:dms/replicationInstance:ReplicationInstance").length, 0);
    const configs = ofType("aws:dms/replicationConfig:ReplicationConfig");
    assert.deepEqual(configs.map((c) => c.inputs.replicationConfigIdentifier).sort(), [
      "prod-shop-shop-eu-dms",
      "prod-shop-shop-us-dms",
    ]);
    for (const c of configs) {
      const compute = c.inputs.computeConfig as {
        minCapacityUnits: number;
        maxCapacityUnits: number;
        multiAz: boolean;
      };
      assert.deepEqual([compute.minCapacityUnits, compute.maxCapacityUnits, compute.multiAz], [4, 64, true]);
    }
  });

  it("reads each source through its own endpoint and writes each to its own schema on the one target", () => {
    const endpoints = ofType("aws:dms/endpoint:Endpoint");
    assert.deepEqual(endpoints.map((e) => e.inputs.endpointType).sort(), ["source", "source", "target"]);
    const configs = ofType("aws:dms/replicationConfig:ReplicationConfig");
    assert.equal(new Set(configs.map((c) => c.inputs.sourceEndpointArn)).size, 2);
    const schemas = configs.map((c) => {
      const rules = JSON.parse(String(c.inputs.tableMappings)).rules as Array<Record<string, unknown>>;
      return rules.find((r) => r["rule-action"] === "rename")?.value;
    });
    assert.deepEqual(schemas.sort(), ["shop_eu", "shop_us"]);
  });
});
