// Plans this example offline as its prod stack (Pulumi.prod.yaml) and judges it with the policy
// pack under policies/config/prod.json, as `pulumi preview --policy-pack` would in production; then
// as a dev stack with the same keys, to show what the environment decides (SSL mode, Multi-AZ).
import assert from "node:assert/strict";
import { join } from "node:path";
import { readPulumiConfigFile } from "@dms-platform/config";
import { evaluatePolicies, type ResourceGraph, runProgram, type Violation } from "@dms-platform/offline";
import { loadPolicyConfig, POLICY_PACK_NAME, policies, policyConfigPath } from "@dms-platform/policies/rules";

const PROJECT = "dms-example-sqlserver-to-rds-sqlserver";
const projectDir = join(__dirname, "..");
const program = () => {
  // index.ts declares its resources when loaded: load it afresh for each run.
  delete require.cache[require.resolve("./index.js")];
  return { ...(require("./index.js") as Record<string, unknown>) };
};

async function plan(env: "dev" | "prod"): Promise<{ graph: ResourceGraph; violations: Violation[] }> {
  const { values } = readPulumiConfigFile(join(projectDir, "Pulumi.prod.yaml"));
  if (env === "dev") {
    // A Pulumi.dev.yaml: the same keys, Environment dev, and no certificates (dev's mode is require).
    values[`${PROJECT}:environment`] = "dev";
    const tags = (values["aws:defaultTags"] as { tags: Record<string, string> }).tags;
    tags.Environment = "dev";
    delete values[`${PROJECT}:rdsCertificateArn`];
    delete (values[`${PROJECT}:source`] as Record<string, unknown>).certificateArn;
  }
  const graph = await runProgram(program, { project: PROJECT, stack: env, config: values });
  const violations = await evaluatePolicies(graph, policies, {
    config: loadPolicyConfig(env),
    configFile: policyConfigPath(env),
    policyPackName: POLICY_PACK_NAME,
  });
  return { graph, violations };
}

const ofType = (graph: ResourceGraph, type: string) => graph.resources.filter((r) => r.type === type);
const endpoints = (graph: ResourceGraph) =>
  Object.fromEntries(ofType(graph, "aws:dms/endpoint:Endpoint").map((e) => [String(e.inputs.endpointType), e.inputs]));

describe("example sqlserver-to-rds-sqlserver (prod)", () => {
  let graph: ResourceGraph;
  let violations: Violation[];
  before(async () => {
    ({ graph, violations } = await plan("prod"));
  });

  it("passes every mandatory policy of prod", () => {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    assert.deepEqual(mandatory, [], mandatory.map((v) => `${v.policy}: ${v.message}`).join("\n"));
  });

  it("builds RDS for SQL Server Standard, License Included, Multi-AZ, encrypted with its own key and forcing TLS", () => {
    const [instance] = ofType(graph, "aws:rds/instance:Instance");
    const db = instance?.inputs ?? {};
    assert.equal(db.engine, "sqlserver-se");
    assert.equal(db.licenseModel, "license-included");
    assert.equal(db.multiAz, true);
    assert.equal(db.storageEncrypted, true);
    assert.equal(db.publiclyAccessible, false);
    const [key] = ofType(graph, "aws:kms/key:Key").filter((k) => String(k.name).startsWith("target"));
    assert.ok(key, "the database's own KMS key");
    assert.equal(key.inputs.enableKeyRotation, true);
    assert.match(String(db.kmsKeyId), /^arn:aws:kms:/);
    const [params] = ofType(graph, "aws:rds/parameterGroup:ParameterGroup");
    assert.equal(params?.inputs.family, "sqlserver-se-16.0");
    assert.deepEqual(params?.inputs.parameters, [{ applyMethod: "pending-reboot", name: "rds.force_ssl", value: "1" }]);
    assert.equal(db.parameterGroupName, params?.inputs.name);
  });

  it("reads SQL Server through MS-CDC over verify-full and writes RDS for SQL Server over verify-full, secrets only", () => {
    const { source, target } = endpoints(graph);
    assert.equal(source?.engineName, "sqlserver");
    assert.equal(source?.sslMode, "verify-full");
    assert.match(String(source?.certificateArn), /CORPROOTCA/);
    assert.equal(source?.extraConnectionAttributes, "SetUpMsCdcForTables=true;FatalOnSimpleModel=true");
    assert.equal(target?.engineName, "sqlserver");
    assert.equal(target?.sslMode, "verify-full");
    assert.equal(target?.databaseName, "billing");
    for (const e of [source, target]) {
      assert.equal(e?.password, undefined);
      assert.match(String(e?.secretsManagerArn), /^arn:aws:secretsmanager:/);
    }
    // The target's secret is the platform's, encrypted with the database's key.
    const [secret] = ofType(graph, "aws:secretsmanager/secret:Secret");
    assert.equal(secret?.inputs.kmsKeyId, ofType(graph, "aws:rds/instance:Instance")[0]?.inputs.kmsKeyId);
  });

  it("keeps the target's tables (created from the source's scripts) and warns of nothing", () => {
    const [task] = ofType(graph, "aws:dms/replicationTask:ReplicationTask");
    assert.equal(task?.inputs.migrationType, "full-load-and-cdc");
    assert.equal(
      JSON.parse(String(task?.inputs.replicationTaskSettings)).FullLoadSettings.TargetTablePrepMode,
      "DO_NOTHING",
    );
    assert.deepEqual(
      graph.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message),
      [],
    );
  });

  it("reaches SQL Server on 1433 in its on-premises network only", () => {
    const egress = ofType(graph, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter(
      (r) => r.inputs.cidrIpv4 === "172.16.20.0/24",
    );
    assert.deepEqual(
      egress.map((r) => [r.inputs.fromPort, r.inputs.toPort]),
      [[1433, 1433]],
    );
  });
});

describe("example sqlserver-to-rds-sqlserver (dev)", () => {
  it("uses dev's require on both endpoints without certificates, a single-AZ target, and passes dev's policies", async () => {
    const { graph, violations } = await plan("dev");
    const { source, target } = endpoints(graph);
    assert.deepEqual(
      [source?.sslMode, source?.certificateArn, target?.sslMode, target?.certificateArn],
      ["require", undefined, "require", undefined],
    );
    assert.equal(ofType(graph, "aws:rds/instance:Instance")[0]?.inputs.multiAz, false);
    assert.deepEqual(
      violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`),
      [],
    );
  });
});
