import assert from "node:assert/strict";
import { ConfigError, parseComponentArgs } from "@dms-platform/config";
import { type GraphResource, ProgramError, type ResourceGraph, runProgram, SECRET } from "@dms-platform/offline";
import * as aws from "@pulumi/aws";
import { type MigrationDatabaseArgs, migrationDatabaseArgsSchema, planDatabase } from "./args.js";
import { commercialParameterGroupFamily, licenseModelProblem } from "./commercial.js";
import { engineVersionPinProblem } from "./engine.js";
import { MigrationDatabase } from "./migration-database.js";

type Env = "dev" | "test" | "prod";

function args(environment: Env, extra: Partial<MigrationDatabaseArgs> = {}): MigrationDatabaseArgs {
  return {
    environment,
    application: "claims",
    tags: {
      Application: "claims",
      Environment: environment,
      Owner: "platform",
      CostCenter: "cc-42",
      DataClassification: "confidential",
    },
    role: "target",
    engine: "sqlserver-se",
    instanceClass: "db.m5.xlarge",
    databaseName: "claims",
    vpcId: "vpc-0abc123",
    subnetIds: ["subnet-0aaa", "subnet-0bbb"],
    ...extra,
  };
}

const parse = (a: MigrationDatabaseArgs) =>
  parseComponentArgs(migrationDatabaseArgsSchema, a, "MigrationDatabase", "db");

function refuses(a: MigrationDatabaseArgs, path: string, rule: RegExp) {
  assert.throws(
    () => parse(a),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.path, path);
      assert.match(e.message, rule);
      return true;
    },
  );
}

async function build(environment: Env, extra: Partial<MigrationDatabaseArgs> = {}): Promise<ResourceGraph> {
  return runProgram(
    () => {
      const db = new MigrationDatabase("db", args(environment, extra));
      const dms = new aws.ec2.SecurityGroup("dms-sg", { vpcId: "vpc-0abc123", description: "DMS" });
      db.allowFrom("dms", dms.id);
      return { port: db.port, engine: db.engine, databaseName: db.databaseName, secretArn: db.secretArn };
    },
    { project: "test", stack: environment, config: { "aws:region": "eu-west-1" } },
  );
}

const ofType = (graph: ResourceGraph, type: string) => graph.resources.filter((r) => r.type === type);
const one = (graph: ResourceGraph, type: string): GraphResource => {
  const found = ofType(graph, type);
  assert.equal(found.length, 1, `exactly one ${type}`);
  return found[0] as GraphResource;
};

describe("MigrationDatabase: RDS for SQL Server and RDS for Oracle targets", function () {
  this.timeout(120000);

  it("builds RDS for SQL Server with rds.force_ssl, License Included, no DBName and no IAM auth", async () => {
    const graph = await build("prod");
    const db = one(graph, "aws:rds/instance:Instance");
    assert.equal(db.inputs.engine, "sqlserver-se");
    assert.equal(db.inputs.engineVersion, "16.00");
    assert.equal(db.inputs.licenseModel, "license-included");
    assert.equal(db.inputs.dbName, undefined, "RDS for SQL Server takes no DBName (must be null)");
    assert.equal(db.inputs.iamDatabaseAuthenticationEnabled, false);
    assert.equal(db.inputs.multiAz, true, "prod's profile");
    assert.equal(db.inputs.deletionProtection, true);
    assert.equal(db.inputs.backupRetentionPeriod, 35);
    assert.equal(db.inputs.storageEncrypted, true);
    assert.equal(db.inputs.publiclyAccessible, false);
    assert.equal(db.inputs.port, 1433);
    assert.deepEqual(db.inputs.enabledCloudwatchLogsExports, ["agent", "error"]);
    assert.equal(db.inputs.optionGroupName, undefined);
    const group = one(graph, "aws:rds/parameterGroup:ParameterGroup");
    assert.equal(group.inputs.family, "sqlserver-se-16.0");
    assert.deepEqual(group.inputs.parameters, [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }]);
    const rule = one(graph, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    assert.equal(rule.inputs.fromPort, 1433);
    assert.equal(graph.outputs.port, 1433);
    assert.equal(graph.outputs.engine, "sqlserver-se");
    const secret = one(graph, "aws:secretsmanager/secretVersion:SecretVersion");
    assert.equal(secret.inputs.secretString, SECRET);
  });

  it("builds RDS for Oracle with the SSL option on 2484, admitted on that port only, BYOL for EE", async () => {
    const graph = await build("dev", { engine: "oracle-ee", databaseName: "CLAIMS", instanceClass: "db.m5.large" });
    const db = one(graph, "aws:rds/instance:Instance");
    assert.equal(db.inputs.engine, "oracle-ee");
    assert.equal(db.inputs.engineVersion, "19");
    assert.equal(db.inputs.licenseModel, "bring-your-own-license");
    assert.equal(db.inputs.dbName, "CLAIMS");
    assert.equal(db.inputs.characterSetName, "AL32UTF8");
    assert.equal(db.inputs.ncharCharacterSetName, "AL16UTF16");
    assert.equal(db.inputs.iamDatabaseAuthenticationEnabled, false);
    assert.equal(db.inputs.port, 1521);
    assert.deepEqual(db.inputs.enabledCloudwatchLogsExports, ["alert", "audit", "listener", "trace"]);
    const options = one(graph, "aws:rds/optionGroup:OptionGroup");
    assert.equal(db.inputs.optionGroupName, options.inputs.name);
    assert.equal(options.inputs.engineName, "oracle-ee");
    assert.equal(options.inputs.majorEngineVersion, "19");
    const [ssl] = options.inputs.options as Array<Record<string, unknown>>;
    assert.equal(ssl?.optionName, "SSL");
    assert.equal(ssl?.port, 2484);
    assert.deepEqual(ssl?.optionSettings, [{ name: "SQLNET.SSL_VERSION", value: "1.2" }]);
    assert.equal(one(graph, "aws:rds/parameterGroup:ParameterGroup").inputs.family, "oracle-ee-19");
    const rule = one(graph, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    assert.equal(rule.inputs.fromPort, 2484, "the clear-text listener 1521 is admitted to nobody");
    assert.equal(rule.inputs.toPort, 2484);
    assert.equal(graph.outputs.port, 2484, "DMS and clients connect to the SSL port");
  });

  it("gives Oracle SE2 License Included by default and takes BYOL", () => {
    assert.equal(
      planDatabase(parse(args("dev", { engine: "oracle-se2", databaseName: "ORCL" }))).licenseModel,
      "license-included",
    );
    const byol = args("dev", { engine: "oracle-se2", databaseName: "ORCL", licenseModel: "bring-your-own-license" });
    assert.equal(planDatabase(parse(byol)).licenseModel, "bring-your-own-license");
  });

  it("refuses what RDS offers no edition of", () => {
    refuses(
      args("dev", { engine: "oracle-ee", databaseName: "ORCL", licenseModel: "license-included" }),
      "licenseModel",
      /oracle-ee takes "bring-your-own-license": RDS offers License Included on Oracle Standard Edition 2 only/,
    );
    refuses(
      args("dev", { licenseModel: "bring-your-own-license" }),
      "licenseModel",
      /sqlserver-se takes "license-included": .*Bring Your Own Media/,
    );
    // DMS writes to neither edition ("Targets for AWS DMS"); the one error names the engine.
    refuses(
      args("prod", { engine: "sqlserver-ex", instanceClass: "db.t3.small" }),
      "engine",
      /AWS DMS does not write to SQL Server Express Edition .*use sqlserver-se or sqlserver-ee \(got "sqlserver-ex"\)/,
    );
    refuses(
      args("dev", { engine: "sqlserver-web" }),
      "engine",
      /AWS DMS does not write to SQL Server Web Edition \(it supports Enterprise, Standard, Workgroup and Developer/,
    );
    refuses(args("dev", { instanceClass: "db.r6g.large" }), "instanceClass", /not Graviton.*\(got "db\.r6g\.large"\)/);
    refuses(args("dev", { instanceClass: undefined }), "instanceClass", /is required for sqlserver-se/);
    refuses(args("dev", { role: "source" }), "role", /built as a migration target only/);
    refuses(
      args("dev", { engine: "oracle-se2", databaseName: "claims_db" }),
      "databaseName",
      /Oracle SID: 1 to 8 letters and digits/,
    );
    refuses(args("dev", { characterSetName: "AL32UTF8" }), "characterSetName", /applies to Oracle only/);
    refuses(
      args("dev", { engine: "oracle-ee", databaseName: "ORCL", engineVersion: "21" }),
      "engineVersion",
      /Oracle 21c runs only in the CDB architecture/,
    );
    refuses(
      args("dev", { engineVersion: "13.00" }),
      "engineVersion",
      /sqlserver-se 13\.00 is not a major version RDS creates/,
    );
    refuses(args("dev", { engineVersion: "16" }), "engineVersion", /must be a sqlserver-se version such as "16\.00"/);
    refuses(args("dev", { engineVersion: "16.00.4185.3.v1" }), "engineVersion", /give the major version "16\.00"/);
    refuses(
      args("dev", { engine: "mysql", licenseModel: "license-included" }),
      "licenseModel",
      /applies to RDS for Oracle and SQL Server only/,
    );
  });

  it("takes a pinned Release Update or cumulative update with automatic minor upgrades off", () => {
    const oracle = args("dev", {
      engine: "oracle-ee-cdb",
      databaseName: "CLAIMS",
      engineVersion: "21.0.0.0.ru-2025-01.rur-2025-01.r1",
      autoMinorVersionUpgrade: false,
    });
    const plan = planDatabase(parse(oracle));
    assert.equal(plan.parameterGroupFamily, "oracle-ee-cdb-21");
    assert.equal(plan.optionGroup?.majorEngineVersion, "21");
    assert.equal(engineVersionPinProblem("oracle-ee", "19", true), undefined);
    assert.equal(commercialParameterGroupFamily("sqlserver-web", "15.00.4455.2.v1"), "sqlserver-web-15.0");
    assert.equal(licenseModelProblem("oracle-se2-cdb", "bring-your-own-license"), undefined);
  });

  it("fails the program naming the argument", async () => {
    await assert.rejects(build("dev", { engine: "sqlserver-web" }), (e: unknown) => {
      assert.ok(e instanceof ProgramError, String(e));
      assert.match(e.message, /MigrationDatabase "db": engine: AWS DMS does not write to SQL Server Web Edition/);
      return true;
    });
  });
});
