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
