import assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError, readPulumiConfigFile } from "@dms-platform/config";
import { type GraphResource, ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import { PROJECT, program } from "./index.js";

const stackDir = join(__dirname, "..");

async function plan(env: string, edit?: (values: Record<string, unknown>) => void): Promise<ResourceGraph> {
  const file = readPulumiConfigFile(join(stackDir, `Pulumi.${env}.yaml`));
  edit?.(file.values);
  return runProgram(program, { project: PROJECT, stack: env, config: file.values, secretKeys: file.secureKeys });
}

const ofType = (g: ResourceGraph, type: string): GraphResource[] => g.resources.filter((r) => r.type === type);
const one = (g: ResourceGraph, type: string): GraphResource => {
  const [r] = ofType(g, type);
  assert.ok(r, `no ${type}`);
  return r;
};

describe("foundation stack: the Redshift warehouse", () => {
  it("builds a private, encrypted cluster requiring TLS, routing through the VPC, with audit logs", async () => {
    const g = await plan("prod");
    const cluster = one(g, "aws:redshift/cluster:Cluster");
    assert.equal(cluster.inputs.clusterIdentifier, "prod-dmslab-dwh");
    assert.equal(cluster.inputs.publiclyAccessible, false);
    assert.equal(cluster.inputs.encrypted, "true");
    assert.match(String(cluster.inputs.kmsKeyId), /^arn:aws:kms:/);
    assert.equal(cluster.inputs.enhancedVpcRouting, true);
    assert.equal(cluster.inputs.automatedSnapshotRetentionPeriod, 35);
    assert.equal(cluster.inputs.skipFinalSnapshot, false);
    assert.match(String(cluster.inputs.finalSnapshotIdentifier), /^prod-dmslab-dwh-final-[0-9a-f]{4}$/);
    assert.equal(cluster.inputs.masterUsername, "dmsadmin");
    assert.equal(cluster.inputs.masterPassword, "[secret]");
    assert.equal(cluster.inputs.nodeType, "ra3.4xlarge");
    assert.equal(cluster.inputs.numberOfNodes, 2);
    assert.equal(cluster.options.protect, true);
    const params = one(g, "aws:redshift/parameterGroup:ParameterGroup");
    assert.deepEqual(params.inputs.parameters, [
      { name: "require_ssl", value: "true" },
      { name: "enable_user_activity_logging", value: "true" },
    ]);
    const logging = one(g, "aws:redshift/logging:Logging");
    assert.equal(logging.inputs.logDestinationType, "cloudwatch");
    assert.deepEqual(logging.inputs.logExports, ["connectionlog", "useractivitylog", "userlog"]);
    const logGroups = ofType(g, "aws:cloudwatch/logGroup:LogGroup")
      .map((r) => String(r.inputs.name))
      .filter((n) => n.startsWith("/aws/redshift/"));
    assert.deepEqual(logGroups.sort(), [
      "/aws/redshift/cluster/prod-dmslab-dwh/connectionlog",
      "/aws/redshift/cluster/prod-dmslab-dwh/useractivitylog",
      "/aws/redshift/cluster/prod-dmslab-dwh/userlog",
    ]);
  });

  it("keeps dev's snapshots 7 days (Security Hub Redshift.3) and takes no final snapshot there", async () => {
    const cluster = one(await plan("dev"), "aws:redshift/cluster:Cluster");
    assert.equal(cluster.inputs.automatedSnapshotRetentionPeriod, 7);
    assert.equal(cluster.inputs.skipFinalSnapshot, true);
    assert.equal(cluster.inputs.clusterType, "single-node");
    assert.equal(cluster.options.protect, false);
  });

  it("exports the warehouse in the shape the replication stack reads a database", async () => {
    const g = await plan("dev");
    const warehouse = g.outputs.warehouse as Record<string, unknown>;
    assert.equal(warehouse.engine, "redshift");
    assert.equal(warehouse.databaseName, "analytics");
    assert.equal(warehouse.port, 5439);
    assert.match(String(warehouse.address), /^dev-dmslab-dwh\..*\.redshift\.amazonaws\.com$/);
    for (const key of ["secretArn", "secretKmsKeyArn", "securityGroupId", "identifier"]) {
      assert.ok(warehouse[key], key);
    }
  });

  it("refuses Redshift's default database name, naming the file and key", async () => {
    await assert.rejects(
      plan("dev", (values) => {
        (values[`${PROJECT}:warehouse`] as Record<string, unknown>).databaseName = "dev";
      }),
      (err: unknown) => {
        const e = err instanceof ProgramError ? err.cause : err;
        assert.ok(e instanceof ConfigError, String(e));
        assert.equal(e.file, "Pulumi.dev.yaml");
        assert.equal(e.path, `${PROJECT}:warehouse.databaseName`);
        assert.match(e.message, /Security Hub Redshift\.9/);
        return true;
      },
    );
  });
});

describe("foundation stack: a Redshift Serverless warehouse (warehouse.kind: serverless)", () => {
  const serverless =
    (extra: Record<string, unknown> = {}, azCount: number | null = 3) =>
    (values: Record<string, unknown>) => {
      // The stack file's warehouse with the cluster's sizes (prod sets them) swapped for kind: serverless.
      const {
        nodeType: _n,
        numberOfNodes: _c,
        snapshotRetentionDays: _s,
        ...warehouse
      } = values[`${PROJECT}:warehouse`] as Record<string, unknown>;
      values[`${PROJECT}:warehouse`] = { ...warehouse, kind: "serverless", ...extra };
      if (azCount !== null) (values[`${PROJECT}:network`] as Record<string, unknown>).azCount = azCount;
    };

  it("builds an encrypted namespace with audit logs and a private workgroup requiring TLS, routing through the VPC", async () => {
    const g = await plan("prod", serverless());
    assert.equal(ofType(g, "aws:redshift/cluster:Cluster").length, 0);
    const namespace = one(g, "aws:redshiftserverless/namespace:Namespace");
    assert.equal(namespace.inputs.namespaceName, "prod-dmslab-dwh");
    assert.equal(namespace.inputs.dbName, "analytics");
    // admin_username is Sensitive in the provider (resourceNamespace, v6.58.0): the plan shows it as a secret.
    assert.equal(namespace.inputs.adminUsername, "[secret]");
    assert.equal(namespace.inputs.adminUserPassword, "[secret]");
    assert.match(String(namespace.inputs.kmsKeyId), /^arn:aws:kms:/);
    assert.deepEqual(namespace.inputs.logExports, ["connectionlog", "useractivitylog", "userlog"]);
    assert.equal(namespace.options.protect, true);
    assert.equal(namespace.options.retainOnDelete, true);
    assert.equal(namespace.options.deleteBeforeReplace, true);
    const workgroup = one(g, "aws:redshiftserverless/workgroup:Workgroup");
    assert.equal(workgroup.inputs.workgroupName, "prod-dmslab-dwh");
    assert.equal(workgroup.inputs.namespaceName, "prod-dmslab-dwh");
    assert.equal(workgroup.inputs.publiclyAccessible, false);
    assert.equal(workgroup.inputs.enhancedVpcRouting, true);
    assert.equal(workgroup.inputs.baseCapacity, 32);
    assert.equal(workgroup.inputs.maxCapacity, 256);
    assert.equal((workgroup.inputs.subnetIds as unknown[]).length, 3);
    assert.equal((workgroup.inputs.securityGroupIds as unknown[]).length, 1);
    const params = workgroup.inputs.configParameters as { parameterKey: string; parameterValue: string }[];
    const param = (k: string) => params.find((p) => p.parameterKey === k)?.parameterValue;
    assert.equal(param("require_ssl"), "true");
    assert.equal(param("enable_user_activity_logging"), "true");
    assert.equal(workgroup.options.protect, true);
    assert.equal(workgroup.options.deleteBeforeReplace, true);
    const logGroups = ofType(g, "aws:cloudwatch/logGroup:LogGroup")
      .map((r) => String(r.inputs.name))
      .filter((n) => n.startsWith("/aws/redshift/"));
    assert.deepEqual(logGroups.sort(), [
      "/aws/redshift/prod-dmslab-dwh/connectionlog",
      "/aws/redshift/prod-dmslab-dwh/useractivitylog",
      "/aws/redshift/prod-dmslab-dwh/userlog",
    ]);
    const key = ofType(g, "aws:kms/key:Key").find((k) => k.name === "warehouse-key");
    assert.equal(key?.options.retainOnDelete, true);
  });

  it("sizes dev at 8 to 32 RPUs, deletes its data with the stack, and takes baseCapacity/maxCapacity from the stack file", async () => {
    const dev = one(await plan("dev", serverless()), "aws:redshiftserverless/workgroup:Workgroup");
    assert.equal(dev.inputs.baseCapacity, 8);
    assert.equal(dev.inputs.maxCapacity, 32);
    const devNamespace = one(await plan("dev", serverless()), "aws:redshiftserverless/namespace:Namespace");
    assert.equal(devNamespace.options.protect, false);
    assert.ok(!devNamespace.options.retainOnDelete);
    const sized = one(
      await plan("test", serverless({ baseCapacity: 64, maxCapacity: 128 })),
      "aws:redshiftserverless/workgroup:Workgroup",
    );
    assert.equal(sized.inputs.baseCapacity, 64);
    assert.equal(sized.inputs.maxCapacity, 128);
  });

  it("exports the workgroup endpoint in the shape the replication stack reads, with workgroupName for the Data API", async () => {
    const g = await plan("dev", serverless());
    const warehouse = g.outputs.warehouse as Record<string, unknown>;
    assert.equal(warehouse.engine, "redshift");
    assert.equal(warehouse.kind, "serverless");
    assert.equal(warehouse.databaseName, "analytics");
    assert.equal(warehouse.port, 5439);
    assert.equal(warehouse.workgroupName, "dev-dmslab-dwh");
    assert.match(String(warehouse.workgroupArn), /^arn:aws:redshift-serverless:eu-west-1:\d{12}:workgroup\//);
    assert.equal(warehouse.clusterIdentifier, undefined);
    assert.match(String(warehouse.address), /^dev-dmslab-dwh\.\d{12}\.eu-west-1\.redshift-serverless\.amazonaws\.com$/);
    for (const key of ["secretArn", "secretKmsKeyArn", "securityGroupId", "identifier"]) {
      assert.ok(warehouse[key], key);
    }
    const secret = one(g, "aws:secretsmanager/secretVersion:SecretVersion");
    assert.ok(secret);
  });

  it("exports clusterIdentifier for a provisioned warehouse", async () => {
    const warehouse = (await plan("dev")).outputs.warehouse as Record<string, unknown>;
    assert.equal(warehouse.kind, "provisioned");
    assert.equal(warehouse.clusterIdentifier, "dev-dmslab-dwh");
    assert.equal(warehouse.workgroupName, undefined);
  });

  const refusal = async (env: string, edit: (v: Record<string, unknown>) => void, path: string, message: RegExp) =>
    assert.rejects(plan(env, edit), (err: unknown) => {
      const e = err instanceof ProgramError ? err.cause : err;
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.file, `Pulumi.${env}.yaml`);
      assert.equal(e.path, `${PROJECT}:${path}`);
      assert.match(e.message, message);
      return true;
    });

  it("refuses a serverless warehouse on dev's two AZs, naming network.azCount", () =>
    refusal(
      "dev",
      serverless({}, null),
      "network.azCount",
      /at least 3 .*Availability Zones.*got 2, the dev profile's default/,
    ));

  it("refuses a base capacity Redshift Serverless does not accept, and a maximum below the base", async () => {
    await refusal(
      "dev",
      serverless({ baseCapacity: 12 }),
      "warehouse.baseCapacity",
      /8 to 512 RPUs in units of 8.*got 12/,
    );
    await refusal("dev", serverless({ baseCapacity: 1024 }), "warehouse.baseCapacity", /got 1024/);
    await refusal(
      "dev",
      serverless({ baseCapacity: 64, maxCapacity: 32 }),
      "warehouse.maxCapacity",
      /at least baseCapacity \(64 RPUs\).*got 32/,
    );
  });

  it("refuses a cluster's sizes on a serverless warehouse and the reverse", async () => {
    await refusal("dev", serverless({ nodeType: "ra3.xlplus" }), "warehouse.nodeType", /provisioned cluster's setting/);
    await refusal(
      "dev",
      (values) => {
        (values[`${PROJECT}:warehouse`] as Record<string, unknown>).baseCapacity = 8;
      },
      "warehouse.baseCapacity",
      /serverless warehouse's setting; set kind: serverless/,
    );
  });

  it("refuses the serverless console's default admin name", async () => {
    const { redshiftServerlessWarehouseArgsSchema } = await import("@dms-platform/database");
    const parsed = redshiftServerlessWarehouseArgsSchema.safeParse({
      environment: "dev",
      application: "dmslab",
      tags: {},
      databaseName: "analytics",
      adminUsername: "admin",
      vpcId: "vpc-1",
      subnetIds: ["a", "b", "c"],
    });
    assert.ok(!parsed.success);
    assert.match(JSON.stringify(parsed.error.issues), /Security Hub Redshift\.8/);
  });
});
