import assert from "node:assert/strict";
import { ProgramError } from "@dms-platform/offline";
import { ofType, runStack, stackValues } from "./stack.test.fixture.js";

const NS = "dms-platform-replication";
const WALLET = "arn:aws:dms:eu-west-1:111122223333:cert:CLAIMSORACLEWALLET";

/** The repository's test stack with its source replaced by an on-premises Oracle (or SQL Server) database. */
function heterogeneous(engine: "oracle" | "sqlserver", edit: (v: Record<string, unknown>) => void = () => {}) {
  const values = stackValues("test");
  const migration = values[`${NS}:migration`] as { source: Record<string, unknown> };
  migration.source = { engine, databaseName: engine === "oracle" ? "CLAIMS" : "claims" };
  const connection = values[`${NS}:sourceConnection`] as { external: Record<string, unknown> };
  connection.external.port = engine === "oracle" ? 1521 : 1433;
  if (engine === "oracle") connection.external.certificateArn = WALLET;
  edit(values);
  return values;
}

async function rejection(values: Record<string, unknown>): Promise<string> {
  try {
    await runStack("test", "test", values);
  } catch (err) {
    assert.ok(err instanceof ProgramError, String(err));
    return err.message;
  }
  assert.fail("the plan should have failed");
}

describe("replication stack with an Oracle or SQL Server source", () => {
  it("plans an on-premises Oracle source read with Binary Reader, verify-ca against its wallet", async () => {
    const graph = await runStack(
      "test",
      "test",
      heterogeneous("oracle", (v) => {
        const migration = v[`${NS}:migration`] as { source: Record<string, unknown> };
        migration.source.settings = { useLogminerReader: false, useBfile: true, numberDatatypeScale: 2 };
      }),
    );
    const source = ofType(graph, "aws:dms/endpoint:Endpoint").find((e) => e.inputs.endpointType === "source");
    assert.equal(source?.inputs.engineName, "oracle");
    assert.equal(source?.inputs.sslMode, "verify-ca");
    assert.equal(source?.inputs.certificateArn, WALLET);
    assert.deepEqual(source?.inputs.oracleSettings, {
      failTaskOnLobTruncation: true,
      useLogminerReader: false,
      useBfile: true,
      numberDatatypeScale: 2,
    });
  });

  it("names the source connection's certificateArn when an Oracle source has no wallet", async () => {
    const message = await rejection(
      heterogeneous("oracle", (v) => {
        delete (v[`${NS}:sourceConnection`] as { external: Record<string, unknown> }).external.certificateArn;
      }),
    );
    assert.match(
      message,
      /Pulumi\.test\.yaml: dms-platform-replication:sourceConnection\.external\.certificateArn: is required: DMS encrypts an Oracle connection only with sslMode verify-ca/,
    );
  });

  it("names migration.source.settings when a setting cannot work where the source runs", async () => {
    const message = await rejection(
      heterogeneous("sqlserver", (v) => {
        (v[`${NS}:migration`] as { source: Record<string, unknown> }).source.settings = { readBackupOnly: true };
        (v[`${NS}:sourceConnection`] as { external: Record<string, unknown> }).external.hosting = "rds";
      }),
    );
    assert.match(
      message,
      /Pulumi\.test\.yaml: dms-platform-replication:migration\.source\.settings\.readBackupOnly: does not work on RDS for SQL Server/,
    );
  });

  it("refuses an Oracle source read from the foundation, which creates MySQL and PostgreSQL databases only", async () => {
    const values = stackValues("dev");
    (values[`${NS}:migration`] as { source: Record<string, unknown> }).source = { engine: "oracle", databaseName: "X" };
    await assert.rejects(
      runStack("dev", "dev", values),
      /Pulumi\.dev\.yaml: dms-platform-replication:sourceConnection\.foundationOutput: cannot hold an Oracle source: the foundation's databases run MySQL or PostgreSQL engines/,
    );
  });
});
