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

describe("example postgresql-to-s3-data-lake (prod)", () => {
  let graph: ResourceGraph;
  let violations: Violation[];
  before(async () => {
    const { values } = readPulumiConfigFile(join(projectDir, "Pulumi.prod.yaml"));
    graph = await runProgram(program, { project: "dms-example-postgresql-s3-lake", stack: "prod", config: values });
    violations = await evaluatePolicies(graph, policies, {
      config: loadPolicyConfig("prod"),
      configFile: policyConfigPath("prod"),
      policyPackName: POLICY_PACK_NAME,
    });
  });
  const ofType = (type: string) => graph.resources.filter((r) => r.type === type);

  it("passes every mandatory policy of prod, the S3 target's included; two advisories, as every example", () => {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    assert.deepEqual(mandatory, [], mandatory.map((v) => `${v.policy}: ${v.message}`).join("\n"));
    // The verdict: no rotation for the source's secret, no audit trail in a program without one.
    assert.deepEqual([...new Set(violations.map((v) => v.policy))].sort(), [
      "cloudtrail-trail-present",
      "secret-rotation-enabled",
    ]);
  });

  it("reads PostgreSQL over a database endpoint and writes Parquet to the lake's folder", () => {
    assert.deepEqual(
      ofType("aws:dms/endpoint:Endpoint").map((e) => [e.inputs.endpointType, e.inputs.engineName]),
      [["source", "postgres"]],
    );
    const [lake, ...more] = ofType("aws:dms/s3Endpoint:S3Endpoint");
    assert.equal(more.length, 0);
    assert.deepEqual(
      [
        lake?.inputs.bucketFolder,
        lake?.inputs.dataFormat,
        lake?.inputs.encryptionMode,
        lake?.inputs.datePartitionEnabled,
      ],
      ["orders", "parquet", "SSE_KMS", true],
    );
    const [task] = ofType("aws:dms/replicationTask:ReplicationTask");
    const rules = JSON.parse(String(task?.inputs.tableMappings)).rules as Array<Record<string, unknown>>;
    assert.deepEqual(
      rules.map((r) => r["rule-action"]),
      ["include", "exclude"],
    );
  });

  it("keeps prod's lake: versioned, never expired, not emptied by a destroy", () => {
    const [bucket] = ofType("aws:s3/bucket:Bucket").filter((b) => String(b.inputs.bucket).includes("datalake"));
    assert.equal(bucket?.inputs.forceDestroy, false);
    assert.equal(ofType("aws:s3/bucketVersioning:BucketVersioning").length >= 1, true);
  });
});
