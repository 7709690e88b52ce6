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

describe("example mysql-to-redshift (prod)", () => {
  let graph: ResourceGraph;
  let violations: Violation[];
  before(async () => {
    const { values } = readPulumiConfigFile(join(projectDir, "Pulumi.prod.yaml"));
    graph = await runProgram(program, { project: "dms-example-mysql-to-redshift", stack: "prod", config: values });
    violations = await evaluatePolicies(graph, policies, {
      config: loadPolicyConfig("prod"),
      configFile: policyConfigPath("prod"),
      policyPackName: POLICY_PACK_NAME,
    });
  });
  const ofType = (type: string) => graph.resources.filter((r) => r.type === type);

  it("passes every mandatory policy of prod, the Redshift ones included", () => {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    assert.deepEqual(mandatory, [], mandatory.map((v) => `${v.policy}: ${v.message}`).join("\n"));
    assert.ok(ofType("aws:redshift/cluster:Cluster").length === 1);
  });

  it("writes to Redshift through the intermediate bucket, SSE-KMS, with the account's dms-access-for-endpoint", () => {
    const target = ofType("aws:dms/endpoint:Endpoint").find((e) => e.inputs.endpointType === "target");
    assert.equal(target?.inputs.engineName, "redshift");
    assert.equal(target?.inputs.sslMode, "none");
    const settings = target?.inputs.redshiftSettings as Record<string, unknown>;
    assert.equal(settings.encryptionMode, "SSE_KMS");
    assert.match(String(settings.serviceAccessRoleArn), /:role\/dms-access-for-endpoint$/);
    assert.match(String(settings.bucketName), /^prod-orders-redshift-staging-\d{12}$/);
    const source = ofType("aws:dms/endpoint:Endpoint").find((e) => e.inputs.endpointType === "source");
    assert.equal(source?.inputs.sslMode, "verify-full");
  });

  it("applies changes in batches with the task's parallel apply threads over the platform's Redshift defaults", () => {
    const [task] = ofType("aws:dms/replicationTask:ReplicationTask");
    const settings = JSON.parse(String(task?.inputs.replicationTaskSettings));
    assert.equal(settings.TargetMetadata.BatchApplyEnabled, true);
    assert.equal(settings.TargetMetadata.LobMaxSize, 31);
    assert.equal(settings.TargetMetadata.ParallelApplyThreads, 8);
  });
});
