import assert from "node:assert/strict";
import { REQUIRED_TAG_KEYS } from "@dms-platform/config";
import {
  type GraphResource,
  ProgramError,
  RESOURCE_MOCKS,
  type ResourceGraph,
  type ResourceMock,
  runProgram,
  SECRET,
} from "@dms-platform/offline";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { MigrationDatabaseArgs } from "./args.js";
import { DATABASE_ENGINES, type DatabaseEngine } from "./cdc-parameters.js";
import { MigrationDatabase } from "./migration-database.js";

type Env = "dev" | "prod";

function argsFor(environment: Env, extra: Partial<MigrationDatabaseArgs> = {}): MigrationDatabaseArgs {
  return {
    environment,
    application: "orders",
    tags: {
      Application: "orders",
      Environment: environment,
      Owner: "platform",
      CostCenter: "cc-42",
      DataClassification: "confidential",
    },
    role: "source",
    engine: "mysql",
    vpcId: "vpc-0abc123",
    subnetIds: ["subnet-0aaa", "subnet-0bbb"],
    ...extra,
  };
}

interface Built {
  graph: ResourceGraph;
  /** The master password as the program saw it (the graph must never contain it). */
  password: string;
}

/** Run one MigrationDatabase "db" offline (plus a client security group admitted with allowFrom). */
async function build(environment: Env, extra: Partial<MigrationDatabaseArgs> = {}): Promise<Built> {
  let password = "";
  // Wrap the engine's RandomPassword mock to learn the value the program received.
  const randomPassword = "random:index/randomPassword:RandomPassword";
  const baseMock = RESOURCE_MOCKS[randomPassword] as ResourceMock;
  const recordingMock: ResourceMock = (mockArgs) => {
    const outputs = baseMock(mockArgs);
    password = String(outputs.result);
    return outputs;
  };
  const graph = await runProgram(
    () => {
      const db = new MigrationDatabase("db", argsFor(environment, extra));
      const dmsSg = new aws.ec2.SecurityGroup("dms-sg", { vpcId: "vpc-0abc123", description: "DMS" });
      db.allowFrom("dms", dmsSg.id);
      return {
        address: db.address,
        port: db.port,
        engine: db.engine,
        secretArn: db.secretArn,
        securityGroupId: db.securityGroupId,
        kmsKeyArn: db.kmsKeyArn,
        parameterGroupName: db.parameterGroupName,
        databaseName: db.databaseName,
      };
    },
    {
      project: "test",
      stack: environment,
      config: { "aws:region": "eu-west-1" },
      mocks: { resources: { [randomPassword]: recordingMock } },
    },
  );
  return { graph, password };
}

const ofType = (graph: ResourceGraph, type: string) => graph.resources.filter((r) => r.type === type);
const one = (graph: ResourceGraph, type: string): GraphResource => {
  const found = ofType(graph, type);
  assert.equal(found.length, 1, `exactly one ${type}`);
  return found[0] as GraphResource;
};

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const PARAMS = "aws:rds/parameterGroup:ParameterGroup";
const CLUSTER_PARAMS = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

/** The parameters of the group that carries them (cluster group for Aurora). */
function parameters(graph: ResourceGraph): Record<string, string> {
  const group = ofType(graph, CLUSTER_PARAMS)[0] ?? one(graph, PARAMS);
  const list = group.inputs.parameters as Array<{ name: string; value: string }>;
  return Object.fromEntries(list.map((p) => [p.name, p.value]));
}

describe("MigrationDatabase", function () {
  this.timeout(120000);
  const matrix = new Map<string, Built>();
  const key = (engine: DatabaseEngine, role: string) => `${engine}/${role}`;

  before(async () => {
    for (const engine of DATABASE_ENGINES) {
      matrix.set(key(engine, "cdc-source"), await build("dev", { engine, role: "source", cdc: true }));
      matrix.set(key(engine, "target"), await build("dev", { engine, role: "target" }));
    }
  });
  const get = (engine: DatabaseEngine, role: string) => matrix.get(key(engine, role)) as Built;

  it("builds an RDS instance, or an Aurora cluster with instances, per engine and role", () => {
    for (const [name, { graph }] of matrix) {
      const aurora = name.startsWith("aurora-");
      assert.equal(ofType(graph, INSTANCE).length, aurora ? 0 : 1, name);
      assert.equal(ofType(graph, CLUSTER).length, aurora ? 1 : 0, name);
      assert.equal(ofType(graph, CLUSTER_INSTANCE).length, aurora ? 1 : 0, name);
      const db = one(graph, aurora ? CLUSTER : INSTANCE);
      assert.equal(db.inputs.engine, name.split("/")[0]);
      assert.equal(db.inputs.storageEncrypted, true);
      assert.match(String(db.inputs.kmsKeyId), /^arn:aws:kms:eu-west-1:\d{12}:key\//);
      assert.equal(db.inputs.iamDatabaseAuthenticationEnabled, true);
      assert.equal(db.inputs.copyTagsToSnapshot, true);
      assert.ok((db.inputs.enabledCloudwatchLogsExports as string[]).length > 0);
      const instance = one(graph, aurora ? CLUSTER_INSTANCE : INSTANCE);
      assert.equal(instance.inputs.publiclyAccessible, false, `${name}: publiclyAccessible set explicitly`);
      assert.equal(instance.inputs.autoMinorVersionUpgrade, true);
      assert.equal(instance.inputs.caCertIdentifier, "rds-ca-rsa2048-g1");
      if (instance.inputs.performanceInsightsEnabled) {
        assert.equal(instance.inputs.performanceInsightsKmsKeyId, db.inputs.kmsKeyId, `${name}: PI uses the same key`);
      }
      const outputs = graph.outputs;
      assert.equal(outputs.engine, name.split("/")[0]);
      assert.equal(outputs.port, name.includes("postgres") ? 5432 : 3306);
      for (const k of ["address", "secretArn", "securityGroupId", "kmsKeyArn", "parameterGroupName", "databaseName"]) {
        assert.ok(typeof outputs[k] === "string" && outputs[k] !== "", `${name}: output ${k}`);
      }
    }
  });

  it("forces TLS on every database and sets CDC parameters only on CDC sources", () => {
    for (const engine of DATABASE_ENGINES) {
      const mysqlFamily = !engine.includes("postgres");
      const tls = mysqlFamily ? "require_secure_transport" : "rds.force_ssl";
      const cdcParam = mysqlFamily ? "binlog_format" : "rds.logical_replication";
      const source = parameters(get(engine, "cdc-source").graph);
      const target = parameters(get(engine, "target").graph);
      assert.ok(source[tls] === "1" || source[tls] === "ON", `${engine} source: ${tls}`);
      assert.ok(target[tls] === "1" || target[tls] === "ON", `${engine} target: ${tls}`);
      assert.equal(source[cdcParam], mysqlFamily ? "ROW" : "1", `${engine} source: ${cdcParam}`);
      assert.equal(target[cdcParam], undefined, `${engine} target has no ${cdcParam}`);
      if (mysqlFamily) assert.equal(source.binlog_row_image, "FULL");
      const db = one(get(engine, "cdc-source").graph, engine.startsWith("aurora-") ? CLUSTER : INSTANCE);
      assert.ok((db.inputs.backupRetentionPeriod as number) >= 1, `${engine}: automated backups on for CDC`);
    }
  });

  it("attaches the parameter group to the database", () => {
    const rds = get("mysql", "cdc-source").graph;
    assert.equal(one(rds, INSTANCE).inputs.parameterGroupName, one(rds, PARAMS).inputs.name);
    assert.equal(one(rds, PARAMS).inputs.family, "mysql8.4");
    const aurora = get("aurora-postgresql", "cdc-source").graph;
    assert.equal(one(aurora, CLUSTER).inputs.dbClusterParameterGroupName, one(aurora, CLUSTER_PARAMS).inputs.name);
    assert.equal(one(aurora, CLUSTER_PARAMS).inputs.family, "aurora-postgresql16");
  });

  it("turns on multi-AZ, deletion protection, final snapshot and protect in prod", async () => {
    const dev = get("mysql", "cdc-source").graph;
    const devDb = one(dev, INSTANCE);
    assert.deepEqual(
      [devDb.inputs.multiAz, devDb.inputs.deletionProtection, devDb.inputs.skipFinalSnapshot, devDb.options.protect],
      [false, false, true, false],
    );
    const { graph: prod } = await build("prod", { engine: "mysql", cdc: true });
    const db = one(prod, INSTANCE);
    assert.deepEqual(
      [db.inputs.multiAz, db.inputs.deletionProtection, db.inputs.skipFinalSnapshot, db.options.protect],
      [true, true, false, true],
    );
    // Unique per generation of the stack: destroy -> re-create -> destroy never asks for a taken name.
    const generation = one(prod, "random:index/randomId:RandomId");
    assert.equal(db.inputs.finalSnapshotIdentifier, `prod-orders-src-final-${generation.outputs.hex}`);
    assert.match(String(db.inputs.finalSnapshotIdentifier), /^prod-orders-src-final-[0-9a-f]{4}$/);
    // The key encrypting the retained snapshot outlives the stack; dev (no final snapshot) deletes it.
    assert.equal(one(prod, "aws:kms/key:Key").options.retainOnDelete, true);
    assert.equal(one(dev, "aws:kms/key:Key").options.retainOnDelete, false);
    assert.equal(db.inputs.backupRetentionPeriod, 35);
    assert.equal(one(prod, "aws:kms/key:Key").options.protect, true);

    const { graph: aurora } = await build("prod", { engine: "aurora-mysql", role: "target" });
    const cluster = one(aurora, CLUSTER);
    assert.deepEqual(
      [cluster.inputs.deletionProtection, cluster.inputs.skipFinalSnapshot, cluster.options.protect],
      [true, false, true],
    );
    assert.match(String(cluster.inputs.finalSnapshotIdentifier), /^prod-orders-tgt-final-[0-9a-f]{4}$/);
    assert.equal(ofType(aurora, CLUSTER_INSTANCE).length, 2, "a reader in a second AZ");
  });

  it("never puts the generated password in the graph as plain text", () => {
    for (const [name, { graph, password }] of matrix) {
      assert.ok(password.length >= 32, `${name}: the program saw the password`);
      assert.ok(!JSON.stringify(graph).includes(password), `${name}: password in the graph`);
      const db = one(graph, name.startsWith("aurora-") ? CLUSTER : INSTANCE);
      assert.equal(db.inputs.password ?? db.inputs.masterPassword, SECRET);
      const version = one(graph, "aws:secretsmanager/secretVersion:SecretVersion");
      assert.equal(version.inputs.secretString, SECRET);
      const secret = one(graph, "aws:secretsmanager/secret:Secret");
      assert.equal(secret.inputs.kmsKeyId, db.inputs.kmsKeyId, `${name}: secret under the customer key`);
    }
  });

  it("admits clients by security group only, on the engine's port, never from a CIDR", () => {
    const { graph } = get("postgres", "target");
    const dbSg = graph.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.name === "db-sg");
    assert.ok(dbSg);
    assert.equal(dbSg.inputs.ingress, undefined, "no inline rules");
    assert.equal(dbSg.inputs.egress, undefined, "no inline rules (the provider strips the default egress)");
    const rules = ofType(graph, INGRESS);
    assert.equal(rules.length, 1);
    const rule = rules[0] as GraphResource;
    assert.equal(rule.inputs.fromPort, 5432);
    assert.equal(rule.inputs.toPort, 5432);
    assert.match(String(rule.inputs.referencedSecurityGroupId), /^sg-/);
    for (const { graph: g } of matrix.values()) {
      for (const r of g.resources) {
        const text = JSON.stringify(r.inputs);
        assert.ok(!text.includes("0.0.0.0/0") && !text.includes("::/0"), `${r.urn} opens to the internet`);
      }
    }
  });

  it("puts all five required tags and a Name on every taggable resource", () => {
    const notTaggable = new Set(["aws:kms/alias:Alias", "aws:secretsmanager/secretVersion:SecretVersion"]);
    for (const [name, { graph }] of matrix) {
      for (const r of graph.resources) {
        if (!r.custom || !r.type.startsWith("aws:") || notTaggable.has(r.type) || r.name === "dms-sg") continue;
        const tags = r.inputs.tags as Record<string, string> | undefined;
        for (const k of [...REQUIRED_TAG_KEYS, "Name"]) assert.ok(tags?.[k], `${name}: ${r.type} ${r.name} lacks ${k}`);
      }
    }
  });

  it("sends each exported log to a log group with the profile's retention, encrypted with the key", () => {
    const { graph } = get("postgres", "cdc-source");
    const db = one(graph, INSTANCE);
    const groups = ofType(graph, "aws:cloudwatch/logGroup:LogGroup");
    assert.deepEqual(
      groups.map((g) => g.inputs.name),
      (db.inputs.enabledCloudwatchLogsExports as string[]).map((log) => `/aws/rds/instance/dev-orders-src/${log}`),
    );
    for (const g of groups) {
      assert.equal(g.inputs.retentionInDays, 30);
      assert.equal(g.inputs.kmsKeyId, db.inputs.kmsKeyId);
      assert.ok(db.dependencies.includes(g.urn), "the database waits for its log groups");
    }
    const policy = JSON.parse(String(one(graph, "aws:kms/key:Key").inputs.policy));
    const logs = policy.Statement.find((s: { Sid: string }) => s.Sid === "CloudWatchLogsEncryptsDatabaseLogGroups");
    assert.equal(logs.Principal.Service, "logs.eu-west-1.amazonaws.com");
    const arns = logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"] as string[];
    assert.equal(arns.length, 1, "only the database's own log groups");
    assert.match(arns[0] ?? "", /^arn:aws:logs:eu-west-1:\d{12}:log-group:\/aws\/rds\/instance\/dev-orders-src\/\*$/);
  });

  it("rotates the master password by its version: a new password, still secret, into the same secret", async () => {
    const first = get("mysql", "cdc-source");
    const rotated = await build("dev", { engine: "mysql", cdc: true, masterPasswordVersion: 2 });
    assert.deepEqual(one(rotated.graph, "random:index/randomPassword:RandomPassword").inputs.keepers, { version: "2" });
    assert.equal(one(rotated.graph, INSTANCE).inputs.password, SECRET);
    assert.ok(!JSON.stringify(rotated.graph).includes(rotated.password));
    assert.equal(
      one(rotated.graph, "aws:secretsmanager/secret:Secret").inputs.name,
      one(first.graph, "aws:secretsmanager/secret:Secret").inputs.name,
    );
  });

  it("names the secret with a generation, so a rebuild never meets the deleted one still in recovery", async () => {
    const { graph } = get("mysql", "cdc-source");
    const secret = one(graph, "aws:secretsmanager/secret:Secret");
    assert.match(String(secret.inputs.name), /^dev-orders-src-master-[0-9a-f]{4}$/);
    assert.equal(secret.inputs.recoveryWindowInDays, 7);
    const generation = one(graph, "random:index/randomId:RandomId");
    assert.equal(generation.inputs.byteLength, 2);
    const prod = await build("prod", { engine: "mysql" });
    assert.equal(
      one(prod.graph, "aws:secretsmanager/secret:Secret").inputs.recoveryWindowInDays,
      30,
      "prod keeps 30 days",
    );
  });

  it("turns on in the parameter group every log the instance exports", () => {
    const { graph } = get("mysql", "cdc-source");
    const db = one(graph, INSTANCE);
    assert.equal(db.inputs.autoMinorVersionUpgrade, true);
    const group = one(graph, "aws:rds/parameterGroup:ParameterGroup");
    const values = Object.fromEntries(
      (group.inputs.parameters as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]),
    );
    const exported = db.inputs.enabledCloudwatchLogsExports as string[];
    assert.deepEqual(exported, ["error", "slowquery", "general"]);
    assert.equal(values.slow_query_log, "1");
    assert.equal(values.general_log, "1");
    assert.equal(values.log_output, "FILE");
  });

  it("takes the subnets as an Output of a list, as a StackReference gives them", async () => {
    const { graph } = await build("dev", { subnetIds: pulumi.output(["subnet-0ccc", "subnet-0ddd"]) });
    assert.deepEqual(one(graph, "aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds, ["subnet-0ccc", "subnet-0ddd"]);
  });

  it("uses a KMS key passed in instead of creating one", async () => {
    const kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/abcd-1234";
    const { graph } = await build("dev", { kmsKeyArn });
    assert.equal(ofType(graph, "aws:kms/key:Key").length, 0);
    assert.equal(one(graph, INSTANCE).inputs.kmsKeyId, kmsKeyArn);
    assert.equal(graph.outputs.kmsKeyArn, kmsKeyArn);
  });

  it("fails the program with an error naming the argument path and the rule", async () => {
    await assert.rejects(build("dev", { engine: "mysql", engineVersion: "5.6" }), (e: unknown) => {
      assert.ok(e instanceof ProgramError, String(e));
      assert.match(e.message, /MigrationDatabase "db": engineVersion: mysql 5\.6 is not a major version AWS creates/);
      return true;
    });
  });
});
