import assert from "node:assert/strict";
import type { GraphResource, ResourceChange, ResourceGraph } from "@dms-platform/offline";
import { dmsImpact, selectedTables } from "./dms-impact.js";

const TASK = "aws:dms/replicationTask:ReplicationTask";
const ENDPOINT = "aws:dms/endpoint:Endpoint";
const CONFIG = "aws:dms/replicationConfig:ReplicationConfig";
const MAPPINGS = JSON.stringify({
  rules: [
    {
      "rule-type": "selection",
      "rule-id": "1",
      "rule-name": "1",
      "object-locator": { "schema-name": "dmslab", "table-name": "customers" },
      "rule-action": "include",
    },
  ],
});

function resource(type: string, name: string, inputs: Record<string, unknown>, deps: Record<string, string[]> = {}) {
  return {
    urn: `urn:pulumi:dev::p::${type}::${name}`,
    type,
    name,
    custom: true,
    inputs,
    outputs: {},
    dependencies: [],
    propertyDependencies: deps,
    options: {
      protect: false,
      retainOnDelete: false,
      ignoreChanges: [],
      replaceOnChanges: [],
      additionalSecretOutputs: [],
      aliases: [],
    },
  } satisfies GraphResource;
}

const endpoint = resource(ENDPOINT, "source", { endpointId: "dev-src", port: 3306 });
const task = resource(
  TASK,
  "customers",
  {
    replicationTaskId: "dev-customers",
    migrationType: "full-load-and-cdc",
    tableMappings: MAPPINGS,
    startReplicationTask: true,
  },
  { sourceEndpointArn: [endpoint.urn] },
);
const graph: ResourceGraph = {
  project: "p",
  stack: "dev",
  resources: [endpoint, task],
  providers: [],
  outputs: {},
  diagnostics: [],
};

function change(
  r: GraphResource,
  op: ResourceChange["op"],
  diff: string[],
  replaceKeys: string[] = [],
): ResourceChange {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    op,
    diff,
    replaceKeys,
    unknownKeys: [],
    deleteBeforeReplace: true,
    new: r,
    problems: [],
  };
}

describe("DMS impact", () => {
  it("restarts a task whose mappings change, resuming from its CDC checkpoint", () => {
    const i = dmsImpact(change(task, "update", ["tableMappings"]), graph);
    assert.deepEqual(i.codes, ["restart"]);
    assert.equal(i.words[0], "stops task dev-customers, applies tableMappings, and resumes it from its CDC checkpoint");
    assert.deepEqual(i.problems, []);
  });

  it("recreates and reloads a replaced full-load task, naming its tables", () => {
    const i = dmsImpact(change(task, "replace", ["sourceEndpointArn"], ["sourceEndpointArn"]), graph);
    assert.deepEqual(i.codes, ["recreate", "reload"]);
    assert.match(
      i.words[1] ?? "",
      /reloads every table of task dev-customers: 1 selection rule \(dmslab\.customers\), full load again/,
    );
  });

  it("refuses a migration type changed in place, which DMS cannot modify", () => {
    const i = dmsImpact(change(task, "update", ["migrationType"]), graph);
    assert.match(i.problems[0] ?? "", /migrationType cannot be changed in place/);
  });

  it("pauses the tasks of a changed endpoint, and refuses it without pauseReplicationTasks", () => {
    const without = dmsImpact(change(endpoint, "update", ["port"]), graph);
    assert.deepEqual(without.codes, ["pause-tasks"]);
    assert.match(without.words[0] ?? "", /pauses task dev-customers while endpoint dev-src is modified \(port\)/);
    assert.match(without.problems[0] ?? "", /Set pauseReplicationTasks: true/);
    const paused = resource(ENDPOINT, "source", { endpointId: "dev-src", port: 3307, pauseReplicationTasks: true });
    const withFlag = dmsImpact(change(paused, "update", ["port"]), graph);
    assert.deepEqual(withFlag.problems, []);
  });

  describe("a Serverless replication config updated in place", () => {
    const config = (inputs: Record<string, unknown>) =>
      resource(CONFIG, "catalog", {
        replicationConfigIdentifier: "dev-catalog-products-dms",
        replicationType: "full-load-and-cdc",
        tableMappings: MAPPINGS,
        startReplication: true,
        ...inputs,
      });

    it("is downtime: stopped, modified, and resumed from its last stop position", () => {
      const i = dmsImpact(change(config({}), "update", ["tableMappings"]), graph);
      assert.deepEqual(i.codes, ["restart", "downtime"]);
      assert.match(
        i.words[0] ?? "",
        /^stops Serverless replication dev-catalog-products-dms \(StopReplication, waiting until it is stopped\), applies tableMappings \(ModifyReplicationConfig\) and starts it again with resume-processing: CDC continues from its last stop position, so no source change is lost, but nothing replicates from the stop until the replication is running again/,
      );
      assert.match(
        i.words[1] ?? "",
        /issue 35650\): if `up` fails with "is in MODIFYING state and cannot start", the change is applied and the replication is stopped/,
      );
      assert.deepEqual(i.problems, [], "the start may fail, not must: a warning with the recovery");
    });

    it("says a full-load replication is not resumed", () => {
      const i = dmsImpact(change(config({ replicationType: "full-load" }), "update", ["tableMappings"]), graph);
      assert.match(i.words[0] ?? "", /not apply to a full-load replication .*reload-target/);
    });

    it("leaves a replication set not to start stopped", () => {
      const i = dmsImpact(change(config({ startReplication: false }), "update", ["computeConfig"]), graph);
      assert.deepEqual(i.codes, ["restart", "downtime"]);
      assert.match(i.words[0] ?? "", /applies computeConfig \(ModifyReplicationConfig\) and leaves it stopped/);
      assert.equal(i.words.length, 1, "no start, so no start to fail");
    });

    it("is no downtime for a tag change", () => {
      assert.deepEqual(dmsImpact(change(config({}), "update", ["tags", "tagsAll"]), graph).codes, []);
    });
  });

  it("refuses a changed S3 endpoint under its tasks: aws.dms.S3Endpoint cannot pause them", () => {
    const s3 = resource("aws:dms/s3Endpoint:S3Endpoint", "target", { endpointId: "dev-tgt", bucketFolder: "b" });
    const lakeTask = resource(
      "aws:dms/replicationTask:ReplicationTask",
      "lake",
      { replicationTaskId: "dev-lake" },
      {
        targetEndpointArn: [s3.urn],
      },
    );
    const lakeGraph: ResourceGraph = { ...graph, resources: [s3, lakeTask] };
    const impact = dmsImpact(change(s3, "update", ["bucketFolder"]), lakeGraph);
    assert.deepEqual(impact.codes, []);
    assert.match(
      impact.problems[0] ?? "",
      /S3 endpoint dev-tgt changes \(bucketFolder\) while dev-lake may run: .*Stop the tasks first/,
    );
    assert.deepEqual(dmsImpact(change(s3, "update", ["tags"]), lakeGraph).problems, []);
  });

  it("has no impact for a tag change", () => {
    assert.deepEqual(dmsImpact(change(task, "update", ["tags"]), graph).codes, []);
  });

  it("lists included tables of a mapping document", () => {
    assert.deepEqual(selectedTables(MAPPINGS), ["dmslab.customers"]);
    assert.deepEqual(selectedTables("not json"), []);
  });
});
