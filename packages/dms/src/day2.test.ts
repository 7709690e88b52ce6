import assert from "node:assert/strict";
import type { DatabaseEngine } from "@dms-platform/config";
import { ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import type { DatabaseEndpointArgs, DmsReplicationArgs } from "./args.js";
import { DmsReplication } from "./dms-replication.js";
import { endpointDatabaseName } from "./engines.js";
import { labArgs, labTask, ofType, one, runOptions } from "./lab.test.fixture.js";

const ENDPOINT = "aws:dms/endpoint:Endpoint";
const TASK = "aws:dms/replicationTask:ReplicationTask";
const CONFIG = "aws:dms/replicationConfig:ReplicationConfig";

async function run(args: DmsReplicationArgs): Promise<ResourceGraph> {
  return runProgram(() => {
    const replication = new DmsReplication("lab", args);
    return { taskArns: replication.taskArns };
  }, runOptions(args.environment));
}

/** The lab with both endpoints on `engine` (same port family as the lab when MySQL-like). */
function withEngine(engine: DatabaseEngine): DmsReplicationArgs {
  const args = labArgs("dev");
  const port = engine.includes("postgres") ? 5432 : 3306;
  const swap = (e: DmsReplicationArgs["target"]) => ({ ...(e as DatabaseEndpointArgs), engine, port });
  return { ...args, source: swap(args.source as DatabaseEndpointArgs), target: swap(args.target) };
}

describe("DmsReplication on Day 2 (what a second preview and a change do)", () => {
  // The provider reads `database_name` back from MySQLSettings/PostgreSQLSettings; for the MySQL
  // family with a secret it never sends it, so AWS returns "" and any value we set is a diff on
  // every preview (terraform-provider-aws issue 36866). An input the provider reads back unchanged
  // is what "no perpetual diff" means here.
  const cases: Array<[DatabaseEngine, "databaseName" | "none"]> = [
    ["mysql", "none"],
    ["mariadb", "none"],
    ["aurora-mysql", "none"],
    ["postgres", "databaseName"],
    ["aurora-postgresql", "databaseName"],
  ];
  for (const [engine, expected] of cases) {
    it(`sets databaseName on a ${engine} endpoint only where the provider sends and reads it back`, async () => {
      const graph = await run(withEngine(engine));
      const endpoints = ofType(graph, ENDPOINT);
      assert.equal(endpoints.length, 2);
      for (const e of endpoints) {
        assert.ok(e.inputs.secretsManagerArn, "credentials come from the secret");
        if (expected === "none") assert.equal("databaseName" in e.inputs, false, `${engine}: ${e.name}`);
        else assert.equal(e.inputs.databaseName, "dmslab", `${engine}: ${e.name}`);
      }
      assert.deepEqual(endpointDatabaseName(engine, "dmslab"), expected === "none" ? {} : { databaseName: "dmslab" });
    });
  }

  it("refuses targetDbType specific-database on a MySQL endpoint, which needs the name the provider drops", async () => {
    const args = labArgs("dev");
    args.target = { ...(args.target as DatabaseEndpointArgs), settings: { targetDbType: "specific-database" } };
    await assert.rejects(
      run(args),
      (err: unknown) =>
        err instanceof ProgramError &&
        /target\.settings\.targetDbType: targetDbType "specific-database" needs a database name/.test(err.message),
    );
  });

  it("pauses and resumes the tasks of an endpoint that changes (pauseReplicationTasks on every endpoint)", async () => {
    const graph = await run(labArgs("dev"));
    for (const e of ofType(graph, ENDPOINT)) assert.equal(e.inputs.pauseReplicationTasks, true, e.name);
  });

  it("plans a new task, deleted first, when the migration type changes", async () => {
    const graph = await run(labArgs("dev"));
    const task = one(graph, TASK);
    assert.deepEqual(task.options.replaceOnChanges, ["migrationType", "replicationInstanceArn"]);
    assert.equal(task.options.deleteBeforeReplace, true);
  });

  it("replaces the tasks with their instance, deleted before it, so the instance's delete never meets a task", async () => {
    const graph = await run(labArgs("dev"));
    const instance = one(graph, "aws:dms/replicationInstance:ReplicationInstance");
    const task = one(graph, TASK);
    // What the engine's delete-before-replace walk reads: the instance is replaced delete-first, the
    // task's replicationInstanceArn comes from it, and a change of that input replaces the task.
    assert.equal(instance.options.deleteBeforeReplace, true);
    assert.deepEqual(task.propertyDependencies.replicationInstanceArn, [instance.urn]);
    assert.ok(task.options.replaceOnChanges.includes("replicationInstanceArn"));
  });

  it("plans a new Serverless replication config, deleted first, when its replication type changes", async () => {
    const args = labArgs("dev", { capacity: { kind: "serverless" }, tasks: [labTask()] });
    const config = one(await run(args), CONFIG);
    assert.deepEqual(config.options.replaceOnChanges, ["replicationType"]);
    assert.equal(config.options.deleteBeforeReplace, true);
  });
});
