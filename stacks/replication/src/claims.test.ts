import assert from "node:assert/strict";
import { lowercaseIdentifiers, selectionRule, tableMappings } from "@dms-platform/dms";
import { ProgramError } from "@dms-platform/offline";
import { foundationOutputs, ofType, runStack, stackValues } from "./stack.test.fixture.js";

const NS = "dms-platform-replication";
const ENVS = ["dev", "test", "prod"] as const;

type Target = Record<string, unknown>;
const targetOf = (values: Record<string, unknown>) => (values[`${NS}:migration`] as { target: Target }).target;

async function rejection(stack: string, env: string, values: Record<string, unknown>): Promise<string> {
  try {
    await runStack(stack, env, values);
  } catch (err) {
    assert.ok(err instanceof ProgramError, String(err));
    return err.message;
  }
  assert.fail("the plan should have failed");
}

describe("the claims migration (on-premises Oracle -> the foundation's Aurora PostgreSQL target claims)", () => {
  it("loads the foundation's targets.claims, not its target, in every environment", async () => {
    for (const env of ENVS) {
      const graph = await runStack(`claims-${env}`, env, stackValues(`claims-${env}`));
      const endpoints = ofType(graph, "aws:dms/endpoint:Endpoint");
      const target = endpoints.find((e) => e.inputs.endpointType === "target");
      const claims = foundationOutputs(env).targets.claims;
      assert.equal(target?.inputs.engineName, "aurora-postgresql", env);
      assert.equal(target?.inputs.secretsManagerArn, claims.secretArn, env);
      assert.equal(target?.inputs.databaseName, "claims", env);
      // DMS may reach the claims cluster's security group, and no other database's.
      const rules = ofType(graph, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
      const reached = rules.map((r) => r.inputs.securityGroupId);
      assert.ok(reached.includes(claims.securityGroupId), `${env}: ${reached}`);
      assert.ok(!reached.includes(foundationOutputs(env).target.securityGroupId), `${env}: ${reached}`);
      // The source: self-managed Oracle over TLS, verify-ca against its wallet.
      const source = endpoints.find((e) => e.inputs.endpointType === "source");
      assert.equal(source?.inputs.engineName, "oracle");
      assert.equal(source?.inputs.sslMode, "verify-ca");
      assert.match(String(source?.inputs.certificateArn), /:cert:CLAIMSORACLEWALLET/);
      // Schema Conversion's target data provider is the claims cluster too.
      const providers = ofType(graph, "aws:dms/dataProvider:DataProvider");
      const tgt = providers.find((p) => p.inputs.engine === "aurora-postgresql");
      assert.ok(tgt, env);
      const settings = (tgt.inputs.settings as { postgresqlSettings: { serverName: string } }).postgresqlSettings;
      assert.equal(settings.serverName, claims.address, env);
    }
  });

  it("writes in its stack files the table mappings the lowercase builders make", () => {
    const expected = tableMappings(selectionRule({ schema: "CLAIMS", table: "%" }), ...lowercaseIdentifiers("CLAIMS"));
    for (const env of ENVS) {
      const migration = stackValues(`claims-${env}`)[`${NS}:migration`] as {
        tasks: Array<{ tableMappings: unknown }>;
      };
      assert.deepEqual(migration.tasks[0]?.tableMappings, JSON.parse(JSON.stringify(expected)), env);
    }
  });

  it("names foundationTarget when the foundation has no such target, listing those it has", async () => {
    const values = stackValues("claims-test");
    targetOf(values).foundationTarget = "claim";
    const message = await rejection("claims-test", "test", values);
    assert.match(
      message,
      /Pulumi\.claims-test\.yaml: dms-platform-replication:migration\.target\.foundationTarget: must name a database of the foundation stack .*'s targets \(it has claims\): declare it as dms-platform-foundation:targets\.claim .*\(got "claim"\)/,
    );
  });

  it("names migration.target.engine when it is not the engine of the named target", async () => {
    const values = stackValues("claims-test");
    targetOf(values).engine = "postgres";
    const message = await rejection("claims-test", "test", values);
    assert.match(
      message,
      /Pulumi\.claims-test\.yaml: dms-platform-replication:migration\.target\.engine: must be the engine of the foundation's targets\.claims database, aurora-postgresql/,
    );
  });

  it("names migration.target.databaseName when it is not the named target's database", async () => {
    const values = stackValues("claims-test");
    targetOf(values).databaseName = "claim";
    const message = await rejection("claims-test", "test", values);
    assert.match(
      message,
      /dms-platform-replication:migration\.target\.databaseName: must be the name of the foundation's targets\.claims database, "claims"/,
    );
  });

  it("refuses foundationTarget with a Redshift target, and a name that cannot be a foundation target", async () => {
    const analytics = stackValues("analytics-test");
    targetOf(analytics).foundationTarget = "claims";
    assert.match(
      await rejection("analytics-test", "test", analytics),
      /dms-platform-replication:migration\.target\.foundationTarget: must be unset with engine redshift/,
    );
    const values = stackValues("claims-test");
    targetOf(values).foundationTarget = "Claims";
    assert.match(
      await rejection("claims-test", "test", values),
      /dms-platform-replication:migration\.target\.foundationTarget: must name an entry of dms-platform-foundation:targets/,
    );
  });

  it("reads the foundation's target, as before, when foundationTarget is unset", async () => {
    const graph = await runStack("test", "test", stackValues("test"));
    const target = ofType(graph, "aws:dms/endpoint:Endpoint").find((e) => e.inputs.endpointType === "target");
    assert.equal(target?.inputs.secretsManagerArn, foundationOutputs("test").target.secretArn);
  });
});
