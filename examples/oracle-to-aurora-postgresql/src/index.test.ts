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

describe("example oracle-to-aurora-postgresql (prod)", () => {
  let graph: ResourceGraph;
  let violations: Violation[];
  before(async () => {
    const { values } = readPulumiConfigFile(join(projectDir, "Pulumi.prod.yaml"));
    graph = await runProgram(program, {
      project: "dms-example-oracle-to-aurora-postgresql",
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

  it("reads Oracle over verify-ca against its wallet and writes Aurora PostgreSQL over verify-full", () => {
    const endpoints = Object.fromEntries(
      ofType("aws:dms/endpoint:Endpoint").map((e) => [String(e.inputs.endpointType), e.inputs]),
    );
    assert.equal(endpoints.source?.engineName, "oracle");
    assert.equal(endpoints.source?.sslMode, "verify-ca");
    assert.match(String(endpoints.source?.certificateArn), /CLAIMSORACLEWALLET/);
    assert.equal(endpoints.source?.databaseName, "CLAIMSPDB");
    assert.deepEqual(endpoints.source?.oracleSettings, { failTaskOnLobTruncation: true, numberDatatypeScale: 0 });
    assert.equal(endpoints.target?.engineName, "aurora-postgresql");
    assert.equal(endpoints.target?.sslMode, "verify-full");
  });

  it("lowers the CLAIMS schema's names for PostgreSQL and keeps the converted tables, with no pitfall warned", () => {
    const [task] = ofType("aws:dms/replicationTask:ReplicationTask");
    const rules = JSON.parse(String(task?.inputs.tableMappings)).rules as Array<Record<string, unknown>>;
    assert.deepEqual(
      rules.map((r) => `${r["rule-target"] ?? "selection"}:${r["rule-action"]}`),
      ["selection:include", "schema:convert-lowercase", "table:convert-lowercase", "column:convert-lowercase"],
    );
    assert.equal(
      JSON.parse(String(task?.inputs.replicationTaskSettings)).FullLoadSettings.TargetTablePrepMode,
      "DO_NOTHING",
    );
    assert.deepEqual(
      graph.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message),
      [],
    );
  });

  it("reaches the Oracle listener on 1521 in its on-premises network only", () => {
    const egress = ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter(
      (r) => r.inputs.cidrIpv4 === "172.16.12.0/24",
    );
    assert.deepEqual(
      egress.map((r) => [r.inputs.fromPort, r.inputs.toPort]),
      [[1521, 1521]],
    );
  });

  it("provisions DMS Schema Conversion: a private instance profile, two data providers, the project and its bucket", () => {
    const [profile] = ofType("aws:dms/instanceProfile:InstanceProfile");
    assert.equal(profile?.inputs.publiclyAccessible, false);
    assert.equal(profile?.inputs.name, "prod-claims-sc-instance-dms");
    const providers = ofType("aws:dms/dataProvider:DataProvider").map((p) => p.inputs);
    assert.deepEqual(
      providers.map((p) => [p.engine, Object.keys(p.settings as object)[0]]),
      [
        ["oracle", "oracleSettings"],
        ["aurora-postgresql", "postgresqlSettings"],
      ],
    );
    const oracle = (providers[0]?.settings as { oracleSettings: Record<string, unknown> } | undefined)?.oracleSettings;
    assert.ok(oracle, "the Oracle data provider's oracleSettings");
    assert.equal(oracle.sslMode, "verify-ca");
    assert.equal(oracle.databaseName, "CLAIMSPDB");
    const [project] = ofType("aws:dms/migrationProject:MigrationProject");
    const [src] = (project?.inputs.sourceDataProviderDescriptors ?? []) as Array<Record<string, unknown>>;
    assert.match(String(src?.secretsManagerSecretId), /claims\/prod\/oracle/);
    assert.deepEqual(ofType("aws:s3/bucketVersioning:BucketVersioning")[0]?.inputs.versioningConfiguration, {
      status: "Enabled",
    });
    const trust = ofType("aws:iam/role:Role")
      .filter((r) => String(r.inputs.name).includes("dms-sc-"))
      .map((r) => JSON.parse(String(r.inputs.assumeRolePolicy)).Statement[0].Principal.Service);
    assert.deepEqual(trust, [
      "schema-conversion.dms.amazonaws.com",
      ["schema-conversion.dms.amazonaws.com", "dms.eu-west-1.amazonaws.com"],
    ]);
  });
});
