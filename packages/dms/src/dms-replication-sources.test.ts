import assert from "node:assert/strict";
import { ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import type { DmsReplicationArgs, DmsTaskArgs, EndpointArgs } from "./args.js";
import { DmsReplication } from "./dms-replication.js";
import { selectionRule, tableMappings, transformationRule } from "./documents/index.js";
import { KMS_KEY, labArgs, labTask, ofType, one, runOptions, SRC_SG, TGT_SG } from "./lab.test.fixture.js";

const TASK = "aws:dms/replicationTask:ReplicationTask";
const ENDPOINT = "aws:dms/endpoint:Endpoint";
const ROLE = "aws:iam/role:Role";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

function run(args: DmsReplicationArgs): Promise<ResourceGraph> {
  return runProgram(() => {
    const replication = new DmsReplication("replication", args);
    return { endpointArns: replication.endpointArns, taskArns: replication.taskArns };
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

/** An on-premises shop database (the sources of a consolidation). */
function shop(host: string, cidr: string): EndpointArgs {
  return {
    external: {
      hostname: host,
      port: 3306,
      engine: "mysql",
      databaseName: "shop",
      secretArn: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${host}-AbCdEf`,
      secretKmsKeyArn: KMS_KEY,
      cidrBlocks: [cidr],
    },
  };
}

/** Each shop's schema `shop`, renamed apart on the target (`eu`, `us`). */
function shopTask(source: string, extra: Partial<DmsTaskArgs> = {}): DmsTaskArgs {
  return {
    name: `${source}-shop`,
    source,
    migrationType: "full-load-and-cdc",
    tableMappings: tableMappings(
      selectionRule({ schema: "shop", table: "%" }),
      transformationRule({ target: "schema", schema: "shop", action: "rename", value: source }),
    ),
    ...extra,
  };
}

/** Two shops (eu, us) consolidated into the lab's target. */
function consolidation(tasks: DmsTaskArgs[] = [shopTask("eu"), shopTask("us")]): DmsReplicationArgs {
  const { source: _source, ...rest } = labArgs("dev");
  return {
    ...rest,
    sources: { eu: shop("shop-eu.corp.example", "172.16.1.0/24"), us: shop("shop-us.corp.example", "172.16.2.0/24") },
    tasks,
  };
}

describe("DmsReplication with several sources (consolidation)", () => {
  let graph: ResourceGraph;
  before(async () => {
    graph = await run(consolidation());
  });

  it("declares one endpoint and one secret access role per source, named by the source", () => {
    const ids = ofType(graph, ENDPOINT).map((e) => e.inputs.endpointId);
    assert.deepEqual(ids.sort(), ["dev-lab-src-eu-dms", "dev-lab-src-us-dms", "dev-lab-tgt-dms"]);
    const roles = ofType(graph, ROLE).map((r) => String(r.inputs.name));
    assert.deepEqual(roles.filter((n) => n.includes("-src-")).sort(), [
      "dev-lab-dms-src-eu-secret",
      "dev-lab-dms-src-us-secret",
    ]);
    for (const source of ["eu", "us"]) {
      const endpoint = ofType(graph, ENDPOINT).find((e) => e.inputs.endpointId === `dev-lab-src-${source}-dms`);
      const role = ofType(graph, ROLE).find((r) => r.inputs.name === `dev-lab-dms-src-${source}-secret`);
      assert.equal(endpoint?.inputs.secretsManagerAccessRoleArn, role?.outputs.arn, source);
      assert.match(String(endpoint?.inputs.secretsManagerArn), new RegExp(`secret:shop-${source}\\.corp`));
    }
  });

  it("points each task at the endpoint of the source it names, and exports the endpoints by name", () => {
    const arn = (id: string) => ofType(graph, ENDPOINT).find((e) => e.inputs.endpointId === id)?.outputs.endpointArn;
    const task = (id: string) => ofType(graph, TASK).find((t) => t.inputs.replicationTaskId === id);
    assert.equal(task("dev-lab-eu-shop-dms")?.inputs.sourceEndpointArn, arn("dev-lab-src-eu-dms"));
    assert.equal(task("dev-lab-us-shop-dms")?.inputs.sourceEndpointArn, arn("dev-lab-src-us-dms"));
    const exported = graph.outputs.endpointArns as { sources: Record<string, string>; source?: string };
    assert.deepEqual(Object.keys(exported.sources).sort(), ["eu", "us"]);
    assert.equal(exported.source, undefined);
  });

  it("gives the DMS security group egress to each source's network, and to the target by reference", () => {
    const egress = ofType(graph, EGRESS).map(
      (r) => `${r.name}=${r.inputs.cidrIpv4 ?? r.inputs.referencedSecurityGroupId}`,
    );
    assert.deepEqual(
      egress.filter((e) => !e.includes("endpoints")).sort(),
      [
        "replication-egress-source-eu-0=172.16.1.0/24",
        "replication-egress-source-us-0=172.16.2.0/24",
        `replication-egress-target=${TGT_SG}`,
      ].sort(),
    );
    const eu = ofType(graph, EGRESS).find((r) => r.name === "replication-egress-source-eu-0");
    assert.equal(eu?.inputs.description, "DMS to the external source eu database (172.16.1.0/24)");
  });

  it("refuses two tasks that write the same target table, naming the later task's mappings", async () => {
    const plain = (source: string) =>
      shopTask(source, { tableMappings: tableMappings(selectionRule({ schema: "shop", table: "orders" })) });
    assert.match(
      await failure(consolidation([shopTask("eu"), plain("us"), plain("eu")].map((t, i) => ({ ...t, name: `t${i}` })))),
      /DmsReplication "replication": tasks\[2\]\.tableMappings: task "t1" \(source us\) writes shop\.orders and task "t2" \(source eu\) writes shop\.orders: rename one apart/,
    );
  });

  it("refuses a task naming no source, or one that is not there, and source with sources", async () => {
    const { source: _s, ...unnamed } = shopTask("us");
    assert.match(
      await failure(consolidation([shopTask("eu"), unnamed])),
      /DmsReplication "replication": tasks\[1\]\.source: is required with sources: name one of eu, us \(got none\)$/,
    );
    assert.match(
      await failure(consolidation([shopTask("eu"), shopTask("apac")])),
      /tasks\[1\]\.source: must be one of eu, us \(got "apac"\)/,
    );
    assert.match(
      await failure({ ...consolidation(), source: labArgs("dev").source as EndpointArgs }),
      /DmsReplication "replication": sources: give source \(one source\) or sources \(several\), not both \(got both\)$/,
    );
    const { source: _one, ...none } = labArgs("dev");
    assert.match(await failure(none), /DmsReplication "replication": source: is required/);
    assert.match(
      await failure(labArgs("dev", { tasks: [{ ...labTask(), source: "eu" }] })),
      /tasks\[0\]\.source: names a source, but the replication has one source \(give sources to name them\) \(got "eu"\)$/,
    );
  });

  it("refuses two sources whose security-group rules would share a name", async () => {
    const args = consolidation([shopTask("a"), shopTask("a-1")]);
    const twoCidrs = shop("shop-a.corp.example", "172.16.1.0/24") as { external: { cidrBlocks: string[] } };
    twoCidrs.external.cidrBlocks = ["172.16.1.0/24", "172.16.9.0/24"];
    args.sources = {
      a: twoCidrs as EndpointArgs,
      "a-1": { ...(labArgs("dev").source as EndpointArgs) },
    };
    // a's second CIDR and a-1's security group both give egress-source-a-1.
    (args.sources["a-1"] as { securityGroupId: string }).securityGroupId = SRC_SG;
    assert.match(
      await failure(args),
      /sources: two sources give the security-group rule "egress-source-a-1": rename one/,
    );
  });
});

describe("DmsReplication waves", () => {
  it("tags each task with its wave, 1 by default", async () => {
    const g = await run(
      labArgs("dev", {
        tasks: [
          labTask(),
          {
            name: "orders",
            wave: 2,
            migrationType: "full-load-and-cdc",
            tableMappings: tableMappings(selectionRule({ schema: "dmslab", table: "orders" })),
          },
        ],
      }),
    );
    const waves = ofType(g, TASK).map(
      (t) => `${t.inputs.replicationTaskId}:${(t.inputs.tags as Record<string, string>).MigrationWave}`,
    );
    assert.deepEqual(waves.sort(), ["dev-lab-customers-dms:1", "dev-lab-orders-dms:2"]);
  });

  it("keeps the one-source names as they were (src, no source name)", async () => {
    const g = await run(labArgs("dev"));
    assert.deepEqual(
      ofType(g, ENDPOINT)
        .map((e) => e.inputs.endpointId)
        .sort(),
      ["dev-lab-src-dms", "dev-lab-tgt-dms"],
    );
    assert.equal(one(g, "aws:ec2/securityGroup:SecurityGroup").inputs.name, "dev-lab-dms");
  });

  it("refuses a wave below 1", async () => {
    assert.match(
      await failure(labArgs("dev", { tasks: [{ ...labTask(), wave: 0 }] })),
      /tasks\[0\]\.wave: must be 1 or more/,
    );
  });
});
