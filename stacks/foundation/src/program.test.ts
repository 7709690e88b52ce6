import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, ENVIRONMENTS, readPulumiConfigFile } from "@dms-platform/config";
import { type GraphResource, ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import { PROJECT, program } from "./index.js";

const stackDir = join(__dirname, "..");

async function plan(env: string, edit?: (values: Record<string, unknown>) => void): Promise<ResourceGraph> {
  const file = readPulumiConfigFile(join(stackDir, `Pulumi.${env}.yaml`));
  edit?.(file.values);
  return runProgram(program, { project: PROJECT, stack: env, config: file.values, secretKeys: file.secureKeys });
}

const ofType = (g: ResourceGraph, type: string): GraphResource[] => g.resources.filter((r) => r.type === type);

describe("foundation stack", () => {
  const graphs = new Map<string, ResourceGraph>();
  before(async () => {
    for (const env of ENVIRONMENTS) graphs.set(env, await plan(env));
  });
  const graph = (env: string) => graphs.get(env) as ResourceGraph;

  it("builds the network and the target database in every environment", () => {
    for (const env of ENVIRONMENTS) {
      const g = graph(env);
      assert.equal(ofType(g, "dms-platform:network:MigrationNetwork").length, 1, env);
      const dbs = ofType(g, "dms-platform:database:MigrationDatabase").map((r) => r.name);
      // The claims migration's Aurora PostgreSQL target beside `target` (targets.test.ts).
      assert.deepEqual(
        dbs.sort(),
        env === "dev" ? ["claims-target", "lab-source", "target"] : ["claims-target", "target"],
        env,
      );
    }
  });

  it("rotates the target's master password from target.masterPasswordVersion (a new random password)", async () => {
    const keepers = (g: ResourceGraph) =>
      ofType(g, "random:index/randomPassword:RandomPassword")
        .filter((r) => r.parent !== undefined && /MigrationDatabase::target$/.test(r.parent))
        .map((r) => r.inputs.keepers);
    assert.deepEqual(keepers(graph("prod")), [{ version: "1" }], "version 1 by default");
    const rotated = await plan("prod", (values) => {
      const target = values["dms-platform-foundation:target"] as Record<string, unknown>;
      target.masterPasswordVersion = 2;
    });
    assert.deepEqual(keepers(rotated), [{ version: "2" }]);
  });

  it("reproduces the reference lab in dev: a MySQL source with binlog ROW/FULL and backups, a MySQL target", () => {
    const g = graph("dev");
    const instances = ofType(g, "aws:rds/instance:Instance");
    assert.deepEqual(instances.map((r) => r.inputs.identifier).sort(), ["dev-dmslab-src", "dev-dmslab-tgt"]);
    const source = instances.find((r) => r.inputs.identifier === "dev-dmslab-src");
    assert.equal(source?.inputs.engine, "mysql");
    assert.ok(Number(source?.inputs.backupRetentionPeriod) > 0, "binlog needs automated backups");
    const params = ofType(g, "aws:rds/parameterGroup:ParameterGroup").find((r) => r.parent?.includes("lab-source"));
    const values = Object.fromEntries(
      ((params?.inputs.parameters as Array<{ name: string; value: string }>) ?? []).map((p) => [p.name, p.value]),
    );
    assert.equal(values.binlog_format, "ROW");
    assert.equal(values.binlog_row_image, "FULL");
  });

  it("turns on multi-AZ, deletion protection, final snapshots and protect in prod", () => {
    const target = ofType(graph("prod"), "aws:rds/instance:Instance")[0];
    assert.ok(target);
    assert.equal(target.inputs.multiAz, true);
    assert.equal(target.inputs.deletionProtection, true);
    assert.equal(target.inputs.skipFinalSnapshot, false);
    assert.equal(target.options.protect, true);
    assert.equal(ofType(graph("prod"), "aws:ec2/subnet:Subnet").length, 3);
    const dev = ofType(graph("dev"), "aws:rds/instance:Instance")[0];
    assert.equal(dev?.options.protect, false);
    assert.equal(dev?.inputs.multiAz, false);
  });

  it("exports what the replication stack reads", () => {
    const outputs = graph("dev").outputs;
    for (const key of [
      "vpcId",
      "privateSubnetIds",
      "endpointSecurityGroupId",
      "kmsKeyArn",
      "target",
      "labSource",
      "auditTrailName",
    ]) {
      assert.ok(key in outputs, `missing output ${key}`);
    }
    const target = outputs.target as Record<string, unknown>;
    for (const key of [
      "address",
      "port",
      "engine",
      "databaseName",
      "secretArn",
      "secretKmsKeyArn",
      "securityGroupId",
    ]) {
      assert.ok(target[key] !== undefined, `missing target.${key}`);
    }
    assert.ok(!("labSource" in graph("prod").outputs));
  });

  it("fails on a bad config value naming the file and the key", async () => {
    await assert.rejects(
      plan("prod", (v) => {
        v["dms-platform-foundation:target"] = { engine: "oracle", databaseName: "x" };
      }),
      (err: unknown) =>
        err instanceof ProgramError &&
        err.cause instanceof ConfigError &&
        /^Pulumi\.prod\.yaml: dms-platform-foundation:target\.engine: /.test(err.cause.message),
    );
    await assert.rejects(
      plan("test", (v) => {
        (v["aws:defaultTags"] as { tags: Record<string, string> }).tags.Environment = "prod";
      }),
      /Pulumi\.test\.yaml: aws:defaultTags\.tags\.Environment: must equal the environment "test"/,
    );
  });

  it("refuses a full Aurora version while Aurora upgrades minors, naming the key and what to write", async () => {
    await assert.rejects(
      plan("test", (v) => {
        Object.assign(v["dms-platform-foundation:target"] as Record<string, unknown>, {
          engine: "aurora-postgresql",
          engineVersion: "16.6",
        });
      }),
      /Pulumi\.test\.yaml: dms-platform-foundation:target\.engineVersion: with automatic minor version upgrades on \(the default\), give the major version "16"/,
    );
  });

  it("refuses a SQL Server Express or Web target at its engine key: DMS writes to neither edition", async () => {
    for (const [engine, edition] of [
      ["sqlserver-ex", "Express"],
      ["sqlserver-web", "Web"],
    ] as const) {
      await assert.rejects(
        plan("test", (v) => {
          Object.assign(v["dms-platform-foundation:target"] as Record<string, unknown>, {
            engine,
            engineVersion: "16.00",
            databaseName: "claims",
          });
        }),
        new RegExp(
          `Pulumi\\.test\\.yaml: dms-platform-foundation:target\\.engine: AWS DMS does not write to SQL Server ${edition} Edition`,
        ),
      );
    }
  });

  it("refuses a full engine version while RDS upgrades minors, naming the key and what to write", async () => {
    await assert.rejects(
      plan("test", (v) => {
        (v["dms-platform-foundation:target"] as Record<string, unknown>).engineVersion = "8.0.39";
      }),
      /Pulumi\.test\.yaml: dms-platform-foundation:target\.engineVersion: with automatic minor version upgrades on \(the default\), give the major version "8\.0"/,
    );
    const pinned = await plan("test", (v) => {
      Object.assign(v["dms-platform-foundation:target"] as Record<string, unknown>, {
        engineVersion: "8.0.39",
        autoMinorVersionUpgrade: false,
      });
    });
    const target = ofType(pinned, "aws:rds/instance:Instance")[0];
    assert.equal(target?.inputs.engineVersion, "8.0.39");
    assert.equal(target?.inputs.autoMinorVersionUpgrade, false);
  });

  it("creates the account's DMS roles where the stack file says create (dev, prod) and adopts them in test", () => {
    const roleNames = (env: string) =>
      ofType(graph(env), "aws:iam/role:Role")
        .map((r) => r.inputs.name)
        .filter((n) => n === "dms-vpc-role" || n === "dms-cloudwatch-logs-role")
        .sort();
    for (const env of ["dev", "prod"]) {
      assert.deepEqual(roleNames(env), ["dms-cloudwatch-logs-role", "dms-vpc-role"], env);
      assert.equal(graph(env).outputs.dmsAccountRoles, "create");
      for (const role of ofType(graph(env), "aws:iam/role:Role").filter((r) =>
        String(r.inputs.name).startsWith("dms-"),
      )) {
        assert.equal(role.options.retainOnDelete, false, "the foundation can be destroyed and re-created");
      }
    }
    assert.deepEqual(roleNames("test"), []);
    assert.equal(graph("test").outputs.dmsAccountRoles, "adopt");
  });

  it("runs under the real CLI from a fresh clone: Pulumi.yaml's main builds the stack, then runs dist/entry.js", () => {
    for (const stack of ["foundation", "replication"]) {
      const dir = join(stackDir, "..", stack);
      const yaml = readFileSync(join(dir, "Pulumi.yaml"), "utf8");
      assert.match(yaml, /^main: main\.js$/m, stack);
      assert.match(readFileSync(join(dir, "main.js"), "utf8"), /pulumi-main\.cjs"\)\.buildThenRun\(__dirname\)/);
      const launcher = require(join(stackDir, "..", "..", "tools", "pulumi-main.cjs")) as {
        buildCommand(dir: string): { name: string; command: string; args: string[]; cwd: string };
      };
      const build = launcher.buildCommand(dir);
      assert.equal(build.name, `@dms-platform/stack-${stack}`);
      assert.ok(existsSync(build.args[0] ?? ""), "turbo is installed by npm ci");
      assert.deepEqual(build.args.slice(1, 4), ["run", "build", `--filter=@dms-platform/stack-${stack}...`]);
      assert.equal(build.cwd, join(stackDir, "..", ".."));
    }
  });

  it("routes the on-premises ranges to the gateway named in test and prod, and forwards their DNS domain", () => {
    for (const [env, key, gateway] of [
      ["test", "gatewayId", "vgw-0a1b2c3d4e5f60718"],
      ["prod", "transitGatewayId", "tgw-0f1e2d3c4b5a69788"],
    ] as const) {
      const routes = ofType(graph(env), "aws:ec2/route:Route");
      assert.equal(routes.length, ofType(graph(env), "aws:ec2/routeTable:RouteTable").length, env);
      assert.ok(
        routes.every((r) => r.inputs[key] === gateway),
        env,
      );
      assert.deepEqual(graph(env).outputs.routedCidrs, graph(env).outputs.onPremisesCidrs, env);
      // The foundation creates the VPC, so it attaches the gateway, and every route waits for it.
      const attachmentType =
        key === "gatewayId"
          ? "aws:ec2/vpnGatewayAttachment:VpnGatewayAttachment"
          : "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
      const [attachment, ...more] = ofType(graph(env), attachmentType);
      assert.ok(attachment && more.length === 0, `${env}: one ${attachmentType}`);
      assert.ok(
        routes.every((r) => r.dependencies.includes(attachment.urn)),
        `${env}: routes after the attachment`,
      );
      const rule = ofType(graph(env), "aws:route53/resolverRule:ResolverRule")[0];
      assert.equal(rule?.inputs.domainName, "corp.example.internal", env);
    }
    assert.deepEqual(graph("dev").outputs.routedCidrs, []);
    assert.equal(ofType(graph("dev"), "aws:route53/resolverEndpoint:ResolverEndpoint").length, 0);
  });

  it("refuses DNS forwarding without a gateway, naming the key", async () => {
    await assert.rejects(
      plan("test", (v) => {
        delete (v["dms-platform-foundation:network"] as Record<string, unknown>).vpnGatewayId;
      }),
      /Pulumi\.test\.yaml: dms-platform-foundation:network\.dnsForwarding: needs a route to the on-premises DNS servers: set transitGatewayId or vpnGatewayId/,
    );
  });

  it("creates the account's audit trail in dev and adopts the named trail in test and prod", () => {
    const trails = (env: string) => ofType(graph(env), "aws:cloudtrail/trail:Trail");
    const [trail] = trails("dev");
    assert.equal(trail?.inputs.name, "dev-dmslab-audit");
    assert.equal(trail?.inputs.isMultiRegionTrail, true);
    assert.equal(trail?.inputs.enableLogFileValidation, true);
    assert.match(String(trail?.inputs.kmsKeyId), /^arn:aws:kms:eu-west-1:/);
    assert.equal(ofType(graph("dev"), "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").length, 1);
    assert.equal(graph("dev").outputs.auditTrailName, "dev-dmslab-audit");
    for (const [env, name] of [
      ["test", "dev-dmslab-audit"],
      ["prod", "org-management-trail"],
    ] as const) {
      assert.deepEqual(trails(env), [], env);
      assert.equal(ofType(graph(env), "aws:s3/bucket:Bucket").length, 0, env);
      assert.equal(graph(env).outputs.auditTrailName, name, env);
      const audit = ofType(graph(env), "dms-platform:access:MigrationAuditTrail")[0];
      assert.equal(audit?.inputs.adoptedTrailName, name, env);
    }
  });

  it("refuses an invalid adopted trail name, naming the file and the key", async () => {
    await assert.rejects(
      plan("prod", (v) => {
        v["dms-platform-foundation:audit"] = { trailName: "-" };
      }),
      /Pulumi\.prod\.yaml: dms-platform-foundation:audit\.trailName: must be a CloudTrail trail name/,
    );
  });

  it("builds an RDS for SQL Server target with rds.force_ssl, and an Oracle one with the SSL option", async () => {
    const sqlserver = await plan("prod", (values) => {
      values["dms-platform-foundation:target"] = {
        engine: "sqlserver-se",
        engineVersion: "16.00",
        databaseName: "claims",
        instanceClass: "db.r5.xlarge",
      };
    });
    const db = ofType(sqlserver, "aws:rds/instance:Instance")[0];
    assert.equal(db?.inputs.engine, "sqlserver-se");
    assert.equal(db?.inputs.licenseModel, "license-included");
    assert.equal(db?.inputs.multiAz, true);
    const params = ofType(sqlserver, "aws:rds/parameterGroup:ParameterGroup")[0];
    assert.deepEqual(params?.inputs.parameters, [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }]);
    assert.equal((sqlserver.outputs.target as { engine: string }).engine, "sqlserver-se");
    const oracle = await plan("test", (values) => {
      values["dms-platform-foundation:target"] = {
        engine: "oracle-se2",
        databaseName: "CLAIMS",
        instanceClass: "db.m5.large",
        licenseModel: "bring-your-own-license",
        characterSetName: "AL32UTF8",
      };
    });
    assert.equal(ofType(oracle, "aws:rds/optionGroup:OptionGroup").length, 1);
    assert.equal((oracle.outputs.target as { port: number }).port, 2484);
  });

  it("names the key of a license model the edition does not have, and of an Oracle lab source", async () => {
    await assert.rejects(
      plan("prod", (values) => {
        values["dms-platform-foundation:target"] = {
          engine: "oracle-ee",
          databaseName: "CLAIMS",
          instanceClass: "db.r5.large",
          licenseModel: "license-included",
        };
      }),
      /Pulumi\.prod\.yaml: dms-platform-foundation:target\.licenseModel: oracle-ee takes "bring-your-own-license"/,
    );
    await assert.rejects(
      plan("dev", (values) => {
        values["dms-platform-foundation:labSource"] = { engine: "oracle-se2", databaseName: "LAB" };
      }),
      /Pulumi\.dev\.yaml: dms-platform-foundation:labSource\.engine: the lab source runs a MySQL or PostgreSQL engine/,
    );
  });
});
