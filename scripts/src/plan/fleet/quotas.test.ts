import assert from "node:assert/strict";
import type { GraphResource } from "@dms-platform/offline";
import { renderPlan } from "../index.js";
import { hasProblems } from "../report.js";
import type { PlanReport, RaisedQuotas, StackPlacement, StackPlan } from "../types.js";
import { fleetQuotas } from "./quotas.js";

const INSTANCE = "aws:dms/replicationInstance:ReplicationInstance";
const TASK = "aws:dms/replicationTask:ReplicationTask";
const ENDPOINT = "aws:dms/endpoint:Endpoint";

function resource(stack: string, type: string, name: string, extra: Partial<GraphResource> = {}): GraphResource {
  return {
    urn: `urn:pulumi:${stack}::dms-platform-replication::dms-platform:dms:DmsReplication$${type}::${name}`,
    type,
    name,
    custom: true,
    inputs: {},
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: {
      protect: false,
      retainOnDelete: false,
      ignoreChanges: [],
      replaceOnChanges: [],
      additionalSecretOutputs: [],
      aliases: [],
    },
    ...extra,
  };
}

/**
 * A replication stack of `migration` in `env`: one replication instance, `tasks` tasks on it, and
 * `endpoints` endpoints the tasks use (source and target taken in turn).
 */
function replication(migration: string, env: string, tasks: number, endpoints = 2): StackPlan {
  const stack = `${migration}-${env}`;
  const instance = resource(stack, INSTANCE, "ri", { inputs: { replicationInstanceId: `${stack}-ri` } });
  const eps = Array.from({ length: endpoints }, (_, i) => resource(stack, ENDPOINT, `ep-${i}`));
  const taskResources = Array.from({ length: tasks }, (_, i) =>
    resource(stack, TASK, `task-${i}`, {
      propertyDependencies: {
        replicationInstanceArn: [instance.urn],
        sourceEndpointArn: [eps[(2 * i) % endpoints]?.urn ?? ""],
        targetEndpointArn: [eps[(2 * i + 1) % endpoints]?.urn ?? ""],
      },
    }),
  );
  return {
    stack: "replication",
    project: "dms-platform-replication",
    environment: env as StackPlan["environment"],
    stackName: stack,
    migration,
    configFile: `stacks/replication/Pulumi.${stack}.yaml`,
    policyConfigFile: `policies/config/${env}.json`,
    graph: {
      project: "dms-platform-replication",
      stack,
      resources: [instance, ...eps, ...taskResources],
      providers: [],
      outputs: {},
      diagnostics: [],
    },
    violations: [],
    references: {},
    durationMs: 1,
  };
}

const inAccount = (account: string): StackPlacement => ({ account, region: "eu-west-1" });

function fleet(plans: Array<[StackPlan, StackPlacement]>, raised: RaisedQuotas[] = []) {
  return fleetQuotas(
    plans.map(([plan, placement]) => ({ plan, placement })),
    raised,
  );
}

const problems = (r: ReturnType<typeof fleet>) => r.findings.filter((f) => f.level === "problem");

describe("fleet DMS quotas", () => {
  it("lets a migration of 200 tasks on one replication instance plan, with a warning above 80 %", () => {
    const result = fleet([[replication("big", "prod", 200), inAccount("444455556666")]]);
    assert.deepEqual(problems(result), []);
    const [warning] = result.findings;
    assert.equal(warning?.level, "warning");
    assert.equal(warning?.quota, "tasksPerInstance");
    assert.match(warning?.message ?? "", /above 80 % of it/);
  });

  it("refuses 201 tasks on one replication instance, naming the account, region, instance, quota and fix", () => {
    const [problem, ...others] = problems(fleet([[replication("big", "prod", 201), inAccount("444455556666")]]));
    assert.deepEqual(others, []);
    assert.equal(problem?.quota, "tasksPerInstance");
    assert.equal(problem?.count, 201);
    assert.equal(problem?.limit, 200);
    assert.equal(
      problem?.message.split(": AWS refuses")[0],
      'account 444455556666, eu-west-1, replication instance big-prod-ri: 201 counted against "Tasks per replication instance" (tasksPerInstance) is 200 (the default, DMS User Guide, Quotas), from replication/big (prod) 201',
    );
    assert.match(
      problem?.message ?? "",
      /move migrations to another replication instance, or request a quota increase/,
    );
    assert.match(problem?.message ?? "", /dms-platform-foundation:quotas\.tasksPerInstance/);
  });

  it("refuses 601 tasks across the stacks of one account, and passes the same split over two accounts", () => {
    // 200 + 200 + 200 + 1: every instance within its own quota of 200.
    const split = [
      replication("a", "dev", 200),
      replication("b", "dev", 200),
      replication("c", "test", 200),
      replication("d", "test", 1),
    ];
    const one = fleet(split.map((p) => [p, inAccount("111122223333")]));
    const [over, ...rest] = problems(one);
    assert.deepEqual(rest, []);
    assert.equal(over?.quota, "tasks");
    assert.equal(over?.count, 601);
    assert.equal(
      over?.message.split(": AWS refuses")[0],
      'account 111122223333, eu-west-1: 601 counted against "Tasks per user account" (tasks) is 600 (the default, DMS User Guide, Quotas), from replication/a (dev) 200, replication/b (dev) 200, replication/c (test) 200, replication/d (test) 1',
    );
    assert.deepEqual(over?.plans, [
      "replication-a.dev",
      "replication-b.dev",
      "replication-c.test",
      "replication-d.test",
    ]);
    const two = fleet(split.map((p, i) => [p, inAccount(i < 2 ? "111122223333" : "444455556666")]));
    assert.deepEqual(problems(two), []);
  });

  it("lets a raised quota, declared for that account and region, pass", () => {
    const split = [replication("a", "dev", 200), replication("b", "dev", 200), replication("c", "dev", 200)];
    split.push(replication("d", "dev", 1));
    const raised: RaisedQuotas = {
      account: "111122223333",
      region: "eu-west-1",
      quotas: { tasks: 1000 },
      file: "foundation/Pulumi.dev.yaml",
    };
    const placed = split.map((p): [StackPlan, StackPlacement] => [p, inAccount("111122223333")]);
    assert.deepEqual(problems(fleet(placed, [raised])), []);
    // Raised for another region: the default still applies here.
    assert.equal(problems(fleet(placed, [{ ...raised, region: "us-east-1" }])).length, 1);
  });

  it("refuses more than 100 endpoints used by one replication instance", () => {
    const [problem] = problems(fleet([[replication("wide", "prod", 60, 101), inAccount("444455556666")]]));
    assert.equal(problem?.quota, "endpointsPerInstance");
    assert.equal(problem?.count, 101);
  });

  it("counts replication instances per account and region (60)", () => {
    const plans = Array.from({ length: 61 }, (_, i): [StackPlan, StackPlacement] => [
      replication(`m${i}`, "dev", 1),
      inAccount("111122223333"),
    ]);
    const quotas = problems(fleet(plans)).map((f) => `${f.quota} ${f.count}/${f.limit}`);
    assert.deepEqual(quotas, ["replicationInstances 61/60"]);
  });

  it("groups stacks without one account as the unknown account, with a warning", () => {
    const result = fleet([
      [replication("a", "dev", 1), {}],
      [replication("b", "dev", 1), { region: "eu-west-1" }],
    ]);
    assert.equal(result.unplaced.length, 2);
    assert.match(
      result.unplaced[1] ?? "",
      /^replication\/b \(dev\): stacks\/replication\/Pulumi\.b-dev\.yaml has no single account in aws:allowedAccountIds: its DMS resources are counted under "unknown account, eu-west-1"/,
    );
  });

  it("makes an over-quota fleet a plan problem the text names (exit 1)", () => {
    const plan = replication("big", "prod", 201);
    const report: PlanReport = {
      plans: [plan],
      policyPackName: "dms-platform",
      policies: [],
      quotas: fleet([[plan, inAccount("444455556666")]]),
    };
    assert.equal(hasProblems(report), true);
    const text = renderPlan(report, "text");
    assert.match(text, /DMS quotas \(1 over\): `pulumi up` would fail\n {4}✗ account 444455556666, eu-west-1/);
    assert.match(renderPlan(report, "markdown"), /### ❌ DMS quotas \(1 over/);
    const doc = JSON.parse(renderPlan(report, "json")) as { quotas?: Array<{ quota: string; level: string }> };
    assert.deepEqual(
      doc.quotas?.map((q) => [q.quota, q.level]),
      [["tasksPerInstance", "problem"]],
    );
    const sarif = JSON.parse(renderPlan(report, "sarif")) as {
      runs: Array<{ results: Array<{ ruleId: string; level: string; locations: unknown[] }> }>;
    };
    const quota = sarif.runs[0]?.results.find((r) => r.ruleId === "dms-quota");
    assert.equal(quota?.level, "error");
    assert.deepEqual(quota?.locations, [
      { physicalLocation: { artifactLocation: { uri: "stacks/replication/Pulumi.big-prod.yaml" } } },
    ]);
  });
});
