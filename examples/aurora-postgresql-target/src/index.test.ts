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

describe("example aurora-postgresql-target (prod)", () => {
  let graph: ResourceGraph;
  let violations: Violation[];
  before(async () => {
    const { values } = readPulumiConfigFile(join(projectDir, "Pulumi.prod.yaml"));
    graph = await runProgram(program, { project: "dms-example-aurora-postgresql", stack: "prod", config: values });
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

  it("builds an Aurora PostgreSQL cluster with a writer and, in prod, a reader in another AZ", () => {
    const [cluster, ...more] = ofType("aws:rds/cluster:Cluster");
    assert.equal(more.length, 0);
    assert.equal(cluster?.inputs.engine, "aurora-postgresql");
    assert.equal(cluster?.inputs.storageEncrypted, true);
    assert.equal(ofType("aws:rds/clusterInstance:ClusterInstance").length, 2);
  });

  it("turns logical replication on for the PostgreSQL source and migrates into the cluster over PostgreSQL endpoints", () => {
    const group = ofType("aws:rds/parameterGroup:ParameterGroup").find((g) =>
      (g.inputs.parameters as Array<{ name: string; value: string }>).some((p) => p.name === "rds.logical_replication"),
    );
    assert.ok(group, "a parameter group with rds.logical_replication");
    const endpoints = ofType("aws:dms/endpoint:Endpoint");
    assert.deepEqual(endpoints.map((e) => [e.inputs.endpointType, e.inputs.engineName]).sort(), [
      ["source", "postgres"],
      ["target", "aurora-postgresql"],
    ]);
    const [task] = ofType("aws:dms/replicationTask:ReplicationTask");
    const rules = JSON.parse(String(task?.inputs.tableMappings)).rules as Array<Record<string, unknown>>;
    assert.deepEqual(
      rules.map((r) => r["rule-action"]),
      ["include", "remove-column"],
    );
  });
});
