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

describe("example one-source-instance (prod)", () => {
  let graph: ResourceGraph;
  let violations: Violation[];
  before(async () => {
    const { values } = readPulumiConfigFile(join(projectDir, "Pulumi.prod.yaml"));
    graph = await runProgram(program, { project: "dms-example-one-source-instance", stack: "prod", config: values });
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

  it("runs one full-load-and-CDC task from the source endpoint to the target on a private multi-AZ instance", () => {
    const [instance, ...moreInstances] = ofType("aws:dms/replicationInstance:ReplicationInstance");
    assert.equal(moreInstances.length, 0);
    assert.equal(instance?.inputs.publiclyAccessible, false);
    assert.equal(instance?.inputs.multiAz, true);
    const tasks = ofType("aws:dms/replicationTask:ReplicationTask");
    assert.deepEqual(
      tasks.map((t) => [t.inputs.replicationTaskId, t.inputs.migrationType]),
      [["prod-orders-orders-dms", "full-load-and-cdc"]],
    );
    const endpoints = ofType("aws:dms/endpoint:Endpoint");
    assert.deepEqual(endpoints.map((e) => e.inputs.endpointType).sort(), ["source", "target"]);
    for (const e of endpoints) {
      assert.equal(e.inputs.sslMode, "verify-full");
      assert.equal(e.inputs.password, undefined, "credentials come from Secrets Manager");
    }
  });

  it("keeps assessment results in a KMS-encrypted bucket, and creates the task stopped for the assessment gate", () => {
    const [bucket] = ofType("aws:s3/bucket:Bucket");
    assert.equal(bucket?.inputs.bucket, "prod-orders-assessments-123456789012");
    assert.equal(bucket?.inputs.forceDestroy, false, "prod keeps its results");
    const [encryption] = ofType(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    );
    const rules = encryption?.inputs.rules as
      | Array<{ applyServerSideEncryptionByDefault: { sseAlgorithm: string } }>
      | undefined;
    const rule = rules?.[0];
    assert.equal(rule?.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
    assert.ok(ofType("aws:iam/role:Role").some((r) => r.inputs.name === "prod-orders-dms-assessment"));
    assert.equal(ofType("aws:dms/replicationTask:ReplicationTask")[0]?.inputs.startReplicationTask, false);
  });

  it("prepares the MySQL source for CDC (binlog_format ROW) and leaves the target as is", () => {
    const groups = ofType("aws:rds/parameterGroup:ParameterGroup");
    const binlog = (g: (typeof groups)[number]) =>
      (g.inputs.parameters as Array<{ name: string; value: string }> | undefined)?.find(
        (p) => p.name === "binlog_format",
      )?.value;
    assert.deepEqual(groups.map(binlog).sort(), ["ROW", undefined]);
  });
});
