import assert from "node:assert/strict";
import { ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import type { DmsReplicationArgs, EndpointArgs, ExternalEndpointArgs } from "./args.js";
import { DmsReplication } from "./dms-replication.js";
import { KMS_KEY, labArgs, ofType, runOptions } from "./lab.test.fixture.js";

const ENDPOINT = "aws:dms/endpoint:Endpoint";
const POLICY = "aws:iam/rolePolicy:RolePolicy";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const WALLET = "arn:aws:dms:eu-west-1:123456789012:cert:ORACLEWALLET";
const ASM_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:claims/asm-AbCdEf";
const ASM_KEY = "arn:aws:kms:eu-west-1:123456789012:key/asm";

function run(args: DmsReplicationArgs): Promise<ResourceGraph> {
  return runProgram(() => {
    const replication = new DmsReplication("replication", args);
    return { endpointArns: replication.endpointArns };
  }, runOptions(args.environment));
}

async function failure(args: DmsReplicationArgs): Promise<string> {
  try {
    await run(args);
  } catch (err) {
    assert.ok(err instanceof ProgramError, String(err));
    return err.message;
  }
  assert.fail("the program should have failed");
}

/** An on-premises database of the given engine. */
function external(engine: "oracle" | "sqlserver", extra: Partial<ExternalEndpointArgs["external"]> = {}): EndpointArgs {
  return {
    external: {
      hostname: `claims-db.corp.example`,
      port: engine === "oracle" ? 1521 : 1433,
      engine,
      databaseName: engine === "oracle" ? "CLAIMS" : "claims",
      secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:claims/source-AbCdEf",
      secretKmsKeyArn: KMS_KEY,
      cidrBlocks: ["172.16.8.0/24"],
      ...extra,
    },
  };
}

const RDS_CA = "arn:aws:dms:eu-west-1:123456789012:cert:RDSCABUNDLE";
/** The lab's replication reading `source`; in prod the lab's MySQL target verifies the RDS CA too. */
function withSource(env: "dev" | "prod", source: EndpointArgs): DmsReplicationArgs {
  const args = labArgs(env);
  const target = env === "prod" ? { ...(args.target as object), certificateArn: RDS_CA } : args.target;
  return { ...args, source, target: target as EndpointArgs };
}
const sourceEndpoint = (graph: ResourceGraph) =>
  ofType(graph, ENDPOINT).find((e) => e.inputs.endpointType === "source")?.inputs ?? {};

describe("DmsReplication with an Oracle or SQL Server source", () => {
  it("reads an on-premises Oracle source with LogMiner, verify-ca against its wallet, its database name sent", async () => {
    const graph = await run(withSource("prod", external("oracle", { certificateArn: WALLET })));
    const src = sourceEndpoint(graph);
    assert.equal(src.engineName, "oracle");
    assert.equal(src.sslMode, "verify-ca");
    assert.equal(src.certificateArn, WALLET);
    assert.equal(src.databaseName, "CLAIMS");
    assert.deepEqual(src.oracleSettings, { failTaskOnLobTruncation: true });
    assert.equal(src.password, undefined);
    // The DMS security group reaches the listener port in the source's network only.
    const egress = ofType(graph, EGRESS).find((r) => r.inputs.cidrIpv4 === "172.16.8.0/24");
    assert.equal(egress?.inputs.fromPort, 1521);
  });

  it("lets Binary Reader read ASM with the ASM secret through the endpoint's own role", async () => {
    const graph = await run(
      withSource(
        "dev",
        external("oracle", {
          certificateArn: WALLET,
          settings: {
            useLogminerReader: false,
            useBfile: true,
            asmServer: "10.20.30.40:1521/+ASM",
            secretsManagerOracleAsmSecretId: ASM_SECRET,
            asmSecretKmsKeyArn: ASM_KEY,
            parallelAsmReadThreads: 6,
            readAheadBlocks: 150000,
          },
        }),
      ),
    );
    const settings = sourceEndpoint(graph).oracleSettings as Record<string, unknown>;
    assert.equal(settings.secretsManagerOracleAsmSecretId, ASM_SECRET);
    assert.match(String(settings.secretsManagerOracleAsmAccessRoleArn), /dev-lab-dms-src-secret/);
    assert.equal(settings.asmSecretKmsKeyArn, undefined);
    assert.equal(settings.asmPassword, undefined);
    const policy = ofType(graph, POLICY).find((p) => String(p.urn).includes("src-secret-policy"));
    const statements = JSON.parse(String(policy?.inputs.policy)).Statement;
    assert.deepEqual(statements[0].Resource, [
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:claims/source-AbCdEf",
      ASM_SECRET,
    ]);
    assert.deepEqual(statements[1].Resource, [KMS_KEY, ASM_KEY]);
  });

  it("refuses an Oracle source without the wallet certificate, naming the key", async () => {
    const message = await failure(withSource("dev", external("oracle")));
    assert.match(
      message,
      /source\.external\.sslMode: an Oracle endpoint encrypts only with sslMode verify-ca, which needs certificateArn/,
    );
  });

  it("refuses Binary Reader half set, naming the setting", async () => {
    const message = await failure(
      withSource("dev", external("oracle", { certificateArn: WALLET, settings: { useBfile: true } })),
    );
    assert.match(message, /source\.external\.settings\.useLogminerReader: must be false with useBfile: true/);
  });

  it("sends a SQL Server source's settings as extra connection attributes, with the profile's SSL mode", async () => {
    const graph = await run(
      withSource(
        "dev",
        external("sqlserver", { settings: { safeguardPolicy: "RELY_ON_SQL_SERVER_REPLICATION_AGENT" } }),
      ),
    );
    const src = sourceEndpoint(graph);
    assert.equal(src.engineName, "sqlserver");
    assert.equal(src.sslMode, "require");
    assert.equal(src.databaseName, "claims");
    assert.equal(
      src.extraConnectionAttributes,
      "SafeguardPolicy=RELY_ON_SQL_SERVER_REPLICATION_AGENT;FatalOnSimpleModel=true",
    );
  });

  it("refuses readBackupOnly on an RDS for SQL Server source, and an Oracle setting on SQL Server", async () => {
    assert.match(
      await failure(withSource("dev", external("sqlserver", { hosting: "rds", settings: { readBackupOnly: true } }))),
      /source\.external\.settings\.readBackupOnly: does not work on RDS for SQL Server/,
    );
    assert.match(
      await failure(withSource("dev", external("sqlserver", { settings: { useBfile: true } as never }))),
      /source\.external\.settings\.useBfile: is not a sqlserver endpoint setting/,
    );
  });
});
