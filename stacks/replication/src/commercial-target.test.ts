import assert from "node:assert/strict";
import { ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import { PROJECT, program } from "./index.js";
import { foundationOutputs, ofType, stackValues } from "./stack.test.fixture.js";

const NS = "dms-platform-replication";
const WALLET = "arn:aws:dms:eu-west-1:111122223333:cert:CLAIMSRDSORACLEWALLET";

/** The repository's stack of `env` writing to a foundation whose target is RDS for Oracle or SQL Server. */
function run(env: string, engine: string, port: number, edit: (v: Record<string, unknown>) => void = () => {}) {
  const values = stackValues(env);
  const databaseName = engine.startsWith("oracle") ? "CLAIMS" : "claims";
  (values[`${NS}:migration`] as { target: Record<string, unknown> }).target = { engine, databaseName };
  edit(values);
  const outputs = foundationOutputs(env);
  const target = { ...outputs.target, engine, port, databaseName };
  return runProgram(program, {
    project: PROJECT,
    stack: env,
    config: values,
    stackReferences: { [`organization/dms-platform-foundation/${env}`]: { ...outputs, target } },
  });
}

const target = (g: ResourceGraph) =>
  ofType(g, "aws:dms/endpoint:Endpoint").find((e) => e.inputs.endpointType === "target");

describe("replication stack writing to RDS for SQL Server or RDS for Oracle", () => {
  it("gives an RDS for SQL Server target (sqlserver-se) a sqlserver endpoint, verify-full in prod", async () => {
    const graph = await run("prod", "sqlserver-se", 1433);
    const endpoint = target(graph);
    assert.equal(endpoint?.inputs.engineName, "sqlserver");
    assert.equal(endpoint?.inputs.databaseName, "claims");
    assert.equal(endpoint?.inputs.sslMode, "verify-full");
  });

  it("gives an RDS for SQL Server target require in test, the environment's mode", async () => {
    const graph = await run("test", "sqlserver-ee", 1433);
    assert.equal(target(graph)?.inputs.sslMode, "require");
  });

  it("gives an RDS for Oracle target verify-ca against the wallet of targetCertificateArn", async () => {
    const graph = await run("test", "oracle-ee", 2484, (v) => {
      v[`${NS}:targetCertificateArn`] = WALLET;
    });
    const endpoint = target(graph);
    assert.equal(endpoint?.inputs.engineName, "oracle");
    assert.equal(endpoint?.inputs.sslMode, "verify-ca");
    assert.equal(endpoint?.inputs.certificateArn, WALLET);
  });

  it("names targetCertificateArn when an Oracle target has no wallet", async () => {
    await assert.rejects(run("test", "oracle-se2", 2484), (e: unknown) => {
      assert.ok(e instanceof ProgramError, String(e));
      assert.match(
        e.message,
        /Pulumi\.test\.yaml: dms-platform-replication:targetCertificateArn: is required: DMS encrypts an Oracle connection only with sslMode verify-ca/,
      );
      return true;
    });
  });

  it("names migration.target.engine when the foundation's target is another edition", async () => {
    const values = stackValues("prod");
    (values[`${NS}:migration`] as { target: Record<string, unknown> }).target = {
      engine: "sqlserver-ee",
      databaseName: "claims",
    };
    const outputs = foundationOutputs("prod");
    await assert.rejects(
      runProgram(program, {
        project: PROJECT,
        stack: "prod",
        config: values,
        stackReferences: {
          "organization/dms-platform-foundation/prod": {
            ...outputs,
            target: { ...outputs.target, engine: "sqlserver-se", databaseName: "claims" },
          },
        },
      }),
      /dms-platform-replication:migration\.target\.engine: must be the engine of the foundation's target database, sqlserver-se/,
    );
  });

  for (const [engine, edition] of [
    ["sqlserver-ex", "Express"],
    ["sqlserver-web", "Web"],
  ] as const) {
    it(`refuses ${engine} at migration.target.engine: DMS writes to no SQL Server ${edition} Edition`, async () => {
      await assert.rejects(run("test", engine, 1433), (e: unknown) => {
        assert.match(
          String(e),
          new RegExp(
            `Pulumi\\.test\\.yaml: dms-platform-replication:migration\\.target\\.engine: AWS DMS does not write to SQL Server ${edition} Edition .*use sqlserver-se or sqlserver-ee`,
          ),
        );
        return true;
      });
    });
  }
});
