import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@dms-platform/config";
import { ProgramError, type ResourceGraph } from "@dms-platform/offline";
import { listMigrationStacks, migrationNameProblem, parseReplicationStackName, replicationStackName } from "./index.js";
import { ofType, runStack, stackValues } from "./stack.test.fixture.js";

const NS = "dms-platform-replication";
const TASK = "aws:dms/replicationTask:ReplicationTask";
const CONFIG = "aws:dms/replicationConfig:ReplicationConfig";
const ENDPOINT = "aws:dms/endpoint:Endpoint";

const select = (schema: string, table: string, id = "1") => ({
  "rule-type": "selection",
  "rule-id": id,
  "rule-name": id,
  "object-locator": { "schema-name": schema, "table-name": table },
  "rule-action": "include",
});
const renameSchema = (from: string, to: string, id: string) => ({
  "rule-type": "transformation",
  "rule-id": id,
  "rule-name": id,
  "rule-target": "schema",
  "object-locator": { "schema-name": from },
  "rule-action": "rename",
  value: to,
});
const external = (host: string, cidr: string) => ({
  external: {
    hostname: host,
    port: 3306,
    secretArn: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${host}-AbCdEf`,
    secretKmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/0f0e0d0c-1111-2222-3333-444455556666",
    cidrBlocks: [cidr],
  },
});

/**
 * A second migration of dev, `orders`, as `Pulumi.orders-dev.yaml` would hold it: the lab's dev file
 * with its own application, an on-premises source and its own tasks.
 */
function ordersDev(
  tasks: unknown[] = [
    { name: "orders", migrationType: "full-load-and-cdc", tableMappings: { rules: [select("orders", "%")] } },
  ],
) {
  const values = stackValues("dev");
  const tags = (values["aws:defaultTags"] as { tags: Record<string, string> }).tags;
  values["aws:defaultTags"] = { tags: { ...tags, Application: "orders" } };
  values[`${NS}:application`] = "orders";
  values[`${NS}:sourceConnection`] = external("orders-db.corp.example.internal", "172.16.32.10/32");
  values[`${NS}:migration`] = {
    source: { engine: "mysql", databaseName: "orders" },
    target: { engine: "mysql", databaseName: "dmslab" },
    tasks,
  };
  return values;
}

/** `orders` consolidating two shops (crm, billing) into the one target. */
function consolidation(tasks: unknown[]) {
  const values = ordersDev();
  delete values[`${NS}:sourceConnection`];
  values[`${NS}:sourceConnections`] = {
    crm: external("crm-db.corp.example.internal", "172.16.40.0/24"),
    billing: external("billing-db.corp.example.internal", "172.16.41.0/24"),
  };
  values[`${NS}:migration`] = {
    sources: { crm: { engine: "mysql", databaseName: "shop" }, billing: { engine: "mariadb", databaseName: "shop" } },
    target: { engine: "mysql", databaseName: "dmslab" },
    tasks,
  };
  return values;
}

const rejection = (pattern: RegExp) => (err: unknown) => {
  assert.ok(err instanceof ProgramError, String(err));
  assert.match(err.message, pattern);
  return true;
};

/**
 * Every account-wide physical name a graph declares (DMS identifiers, IAM roles and policies, SNS,
 * log groups, security groups); not the StackReference's name nor inline role policies' (per role).
 */
function physicalNames(g: ResourceGraph): string[] {
  const keys = ["name", "replicationTaskId", "replicationInstanceId", "endpointId", "replicationSubnetGroupId"];
  const notAccountWide = new Set(["pulumi:pulumi:StackReference", "aws:iam/rolePolicy:RolePolicy"]);
  return g.resources
    .filter((r) => r.custom && !notAccountWide.has(r.type))
    .flatMap((r) => keys.map((k) => r.inputs[k]).filter((v): v is string => typeof v === "string"));
}

describe("replication stack names (one stack per migration × environment)", () => {
  it("read <env> as the primary migration and <name>-<env> as migration <name>", () => {
    assert.deepEqual(parseReplicationStackName("dev"), { environment: "dev" });
    assert.deepEqual(parseReplicationStackName("billing-eu-prod"), { migration: "billing-eu", environment: "prod" });
    for (const bad of ["staging", "orders", "orders-dev-", "Orders-dev", "test-dev", "-dev", "orders_x-dev"]) {
      assert.equal(parseReplicationStackName(bad), undefined, bad);
    }
    assert.equal(replicationStackName(undefined, "test"), "test");
    assert.equal(replicationStackName("orders", "test"), "orders-test");
    assert.throws(() => replicationStackName("prod", "test"), /environment name/);
    assert.match(String(migrationNameProblem("Orders")), /lowercase letters and digits/);
  });

  it("list an environment's stacks from the stacks directory: the primary first, then by name", () => {
    const dir = mkdtempSync(join(tmpdir(), "migrations-"));
    try {
      const replication = join(dir, "replication");
      mkdirSync(replication);
      for (const f of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.test.yaml", "Pulumi.orders-dev.yaml"]) {
        writeFileSync(join(replication, f), "config: {}\n");
      }
      for (const f of ["Pulumi.billing-eu-dev.yaml", "Pulumi.orders-test.yaml"]) {
        writeFileSync(join(replication, f), "config: {}\n");
      }
      assert.deepEqual(listMigrationStacks(dir, "dev"), [
        { stack: "dev", file: join(replication, "Pulumi.dev.yaml") },
        { stack: "billing-eu-dev", file: join(replication, "Pulumi.billing-eu-dev.yaml"), migration: "billing-eu" },
        { stack: "orders-dev", file: join(replication, "Pulumi.orders-dev.yaml"), migration: "orders" },
      ]);
      assert.deepEqual(listMigrationStacks(replication, "dev"), listMigrationStacks(dir, "dev"));
      assert.deepEqual(listMigrationStacks(dir, "prod"), []);
      // A file whose environment part is no environment would never be planned: refused, not skipped.
      for (const bad of ["Pulumi.orders-staging.yaml", "Pulumi.Bad_Name-dev.yaml"]) {
        writeFileSync(join(replication, bad), "config: {}\n");
        assert.throws(
          () => listMigrationStacks(dir, "prod"),
          (err: unknown) =>
            err instanceof ConfigError &&
            err.file === join(replication, bad) &&
            /is no replication stack name/.test(err.rule),
        );
        rmSync(join(replication, bad));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("plan the primary stack with any application, and a named stack only with its own name", async () => {
    const primary = stackValues("dev");
    primary[`${NS}:application`] = "billing";
    primary["aws:defaultTags"] = {
      tags: { ...(primary["aws:defaultTags"] as { tags: object }).tags, Application: "billing" },
    };
    const g = await runStack("dev", "dev", primary);
    assert.equal(ofType(g, TASK)[0]?.inputs.replicationTaskId, "dev-billing-customers-dms");
    await runStack("orders-dev", "dev", ordersDev());
  });

  it("refuse a named stack whose application or environment is another, naming the file and the key", async () => {
    await assert.rejects(
      runStack("orders-dev", "dev", stackValues("dev")),
      rejection(/: Pulumi\.orders-dev\.yaml: dms-platform-replication:application: must be "orders".*\(got "dmslab"\)/),
    );
    await assert.rejects(
      runStack("orders-test", "dev", ordersDev()),
      rejection(/: Pulumi\.orders-test\.yaml: dms-platform-replication:environment: must be "test"/),
    );
    await assert.rejects(
      runStack("test", "dev", stackValues("dev")),
      rejection(/: Pulumi\.test\.yaml: dms-platform-replication:environment: must be "test"/),
    );
    await assert.rejects(
      runStack("staging", "dev", stackValues("dev")),
      rejection(
        /: Pulumi\.staging\.yaml: dms-platform-replication:environment: the stack name "staging" is no replication stack/,
      ),
    );
  });
});

describe("several migrations in one environment", () => {
  it("plan independently and together, with physical names that never collide", async () => {
    const labAlone = await runStack("dev", "dev", stackValues("dev"));
    const orders = await runStack("orders-dev", "dev", ordersDev());
    const labAfter = await runStack("dev", "dev", stackValues("dev"));
    assert.deepEqual(labAfter.resources, labAlone.resources, "planning orders changes nothing of the lab");
    assert.equal(ofType(orders, TASK)[0]?.inputs.replicationTaskId, "dev-orders-orders-dms");
    const lab = new Set(physicalNames(labAlone));
    const clashes = physicalNames(orders).filter((n) => lab.has(n));
    // The account-level roles are shared, and both adopt them (the foundation creates them).
    assert.deepEqual(clashes, []);
    assert.ok(!physicalNames(labAlone).includes("dms-vpc-role"), "the foundation creates the account roles");
  });
});

describe("consolidation (several sources into one target)", () => {
  const tasks = [
    {
      name: "crm-shop",
      source: "crm",
      migrationType: "full-load-and-cdc",
      tableMappings: { rules: [select("shop", "%"), renameSchema("shop", "crm", "2")] },
    },
    {
      name: "billing-shop",
      source: "billing",
      migrationType: "full-load-and-cdc",
      tableMappings: { rules: [select("shop", "%"), renameSchema("shop", "billing", "2")] },
    },
  ];

  it("plans one endpoint per source and points each task at its own", async () => {
    const g = await runStack("orders-dev", "dev", consolidation(tasks));
    const endpoints = ofType(g, ENDPOINT);
    const byId = new Map(endpoints.map((e) => [e.inputs.endpointId, e]));
    assert.deepEqual([...byId.keys()].sort(), [
      "dev-orders-src-billing-dms",
      "dev-orders-src-crm-dms",
      "dev-orders-tgt-dms",
    ]);
    assert.equal(byId.get("dev-orders-src-billing-dms")?.inputs.engineName, "mariadb");
    const arnOf = (id: string) => byId.get(id)?.outputs.endpointArn;
    const taskSource = (name: string) =>
      ofType(g, TASK).find((t) => t.inputs.replicationTaskId === name)?.inputs.sourceEndpointArn;
    assert.equal(taskSource("dev-orders-crm-shop-dms"), arnOf("dev-orders-src-crm-dms"));
    assert.equal(taskSource("dev-orders-billing-shop-dms"), arnOf("dev-orders-src-billing-dms"));
    const egress = ofType(g, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").map((r) => r.inputs.cidrIpv4);
    assert.ok(egress.includes("172.16.40.0/24") && egress.includes("172.16.41.0/24"), "egress to each source");
  });

  it("refuses two tasks writing the same target table, naming the file and the later task's mappings", async () => {
    const [crm, billing] = tasks;
    // crm keeps its schema name this time: both write shop.orders.
    const unrenamed = [
      { ...crm, tableMappings: { rules: [select("shop", "%")] } },
      { ...billing, tableMappings: { rules: [select("shop", "orders")] } },
    ];
    await assert.rejects(
      runStack("orders-dev", "dev", consolidation(unrenamed)),
      rejection(
        /: Pulumi\.orders-dev\.yaml: dms-platform-replication:migration\.tasks\[1\]\.tableMappings: task "crm-shop" \(source crm\) writes shop\.% and task "billing-shop" \(source billing\) writes shop\.orders: rename one apart .* \(got \{"rules":/,
      ),
    );
  });

  it("refuses a task naming no source, or a source connection for no source", async () => {
    const [crm, billing] = tasks;
    const { source: _source, ...unnamed } = billing as Record<string, unknown>;
    await assert.rejects(
      runStack("orders-dev", "dev", consolidation([crm, unnamed])),
      rejection(
        /dms-platform-replication:migration\.tasks\[1\]\.source: is required with sources: name one of crm, billing \(got none\)$/,
      ),
    );
    const values = consolidation(tasks);
    (values[`${NS}:sourceConnections`] as Record<string, unknown>).hr = external("hr", "172.16.42.0/24");
    await assert.rejects(
      runStack("orders-dev", "dev", values),
      rejection(
        /dms-platform-replication:sourceConnections\.hr: must name a source of migration\.sources: crm, billing \(got "hr"\)$/,
      ),
    );
  });
});

describe("waves", () => {
  const wave1 = {
    name: "customers",
    migrationType: "full-load-and-cdc",
    tableMappings: { rules: [select("orders", "customers")] },
  };
  const wave2 = {
    name: "invoices",
    wave: 2,
    migrationType: "full-load-and-cdc",
    tableMappings: { rules: [select("orders", "invoices")] },
  };

  it("tag each task with its wave (1 by default)", async () => {
    const g = await runStack("orders-dev", "dev", ordersDev([wave1, wave2]));
    const waves = Object.fromEntries(
      ofType(g, TASK).map((t) => [t.inputs.replicationTaskId, (t.inputs.tags as Record<string, string>).MigrationWave]),
    );
    assert.deepEqual(waves, { "dev-orders-customers-dms": "1", "dev-orders-invoices-dms": "2" });
  });

  for (const capacity of ["instance", "serverless"] as const) {
    it(`add a wave-2 task without changing any resource of wave 1 (${capacity})`, async () => {
      const withCapacity = (tasks: unknown[]) => {
        const values = ordersDev(tasks);
        values[`${NS}:capacity`] = { kind: capacity };
        return values;
      };
      const before = await runStack("orders-dev", "dev", withCapacity([wave1]));
      const after = await runStack("orders-dev", "dev", withCapacity([wave1, wave2]));
      const afterByUrn = new Map(after.resources.map((r) => [r.urn, r]));
      const changed = before.resources
        .filter((r) => JSON.stringify(afterByUrn.get(r.urn)?.inputs) !== JSON.stringify(r.inputs))
        .map((r) => r.name);
      // The EventBridge rule's pattern lists every task or config (an in-place update: only its name and
      // bus are ForceNew) and the dashboard shows every task (PutDashboard replaces the body in place);
      // the wave-1 task, its alarms, log group and endpoints are byte-identical.
      // Under Serverless each task has its own log group, which the operator policies name exactly
      // (IAM policies are updated in place with a new default version).
      const policies = capacity === "serverless" ? ["operators-admin-policy", "operators-viewer-policy"] : [];
      assert.deepEqual(changed.sort(), [...policies, "replication-dashboard", "replication-events"].sort());
      const type = capacity === "instance" ? TASK : CONFIG;
      assert.equal(ofType(after, type).length, 2);
      assert.ok(after.resources.length > before.resources.length);
    });
  }
});
