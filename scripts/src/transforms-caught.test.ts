// A transform can weaken what a component builds (a public subnet, a public replication instance):
// the real `pulumi preview` applies it and the pack fails it, so the offline plan must too. Each
// case runs the repository's prod stack program offline with a stack transform
// (`pulumi.runtime.registerResourceTransform`) and evaluates the real pack in-process and over the
// analyzer protocol; both must name the policy the weakened resource breaks.
import assert from "node:assert/strict";
import { join } from "node:path";
import { readPulumiConfigFile } from "@dms-platform/config";
import {
  AnalyzerSession,
  evaluatePolicies,
  type ResourceGraph,
  runProgram,
  type Violation,
} from "@dms-platform/offline";
import * as pulumi from "@pulumi/pulumi";
import { defaultRegistry } from "./registry.js";
import type { PlanRegistry } from "./stacks.js";

const repoRoot = join(__dirname, "..", "..");
const env = "prod";

interface Weakening {
  title: string;
  stack: "foundation" | "replication";
  /** The resource type the transform changes, and how. */
  type: string;
  change: Record<string, unknown>;
  /** Resource options the transform changes. */
  opts?: Partial<pulumi.CustomResourceOptions>;
  /** The policy that must fail, and on a resource of `type`. */
  policy: string;
}

const WEAKENINGS: Weakening[] = [
  {
    title: "MigrationNetwork's private subnets made public",
    stack: "foundation",
    type: "aws:ec2/subnet:Subnet",
    change: { mapPublicIpOnLaunch: true },
    policy: "subnet-no-public-ip-on-launch",
  },
  {
    title: "MigrationDatabase's instance made public",
    stack: "foundation",
    type: "aws:rds/instance:Instance",
    change: { publiclyAccessible: true },
    policy: "rds-not-public",
  },
  {
    title: "DmsReplication's replication instance made public",
    stack: "replication",
    type: "aws:dms/replicationInstance:ReplicationInstance",
    change: { publiclyAccessible: true },
    policy: "dms-replication-instance-not-public",
  },
  {
    title: "DmsReplication's endpoints stripped of SSL",
    stack: "replication",
    type: "aws:dms/endpoint:Endpoint",
    change: { sslMode: "none" },
    policy: "dms-endpoint-ssl-enabled",
  },
  {
    title: "MigrationDatabase's final snapshot skipped",
    stack: "foundation",
    type: "aws:rds/instance:Instance",
    change: { skipFinalSnapshot: true },
    policy: "stateful-resources-protected",
  },
  {
    title: "the foundation's KMS keys unprotected (protect: false)",
    stack: "foundation",
    type: "aws:kms/key:Key",
    change: {},
    opts: { protect: false },
    policy: "stateful-resources-protected",
  },
];

const weaken =
  (w: Weakening): pulumi.ResourceTransform =>
  (args) =>
    args.type === w.type ? { props: { ...args.props, ...w.change }, opts: { ...args.opts, ...w.opts } } : undefined;

describe("a transform weakening a component, planned offline", () => {
  let registry: PlanRegistry;
  let session: AnalyzerSession;
  let foundationOutputs: Record<string, unknown>;
  const configOf = (stack: string) => readPulumiConfigFile(join(repoRoot, "stacks", stack, `Pulumi.${env}.yaml`));

  const run = async (stack: "foundation" | "replication", transform?: pulumi.ResourceTransform) => {
    const def = registry.stacks.find((s) => s.name === stack);
    assert.ok(def);
    const program = await def.load();
    const file = configOf(stack);
    return runProgram(
      async () => {
        if (transform) pulumi.runtime.registerResourceTransform(transform);
        return program();
      },
      {
        project: def.project,
        stack: env,
        config: file.values,
        secretKeys: file.secureKeys,
        stackReferences:
          stack === "replication" ? { [`organization/dms-platform-foundation/${env}`]: foundationOutputs } : {},
      },
    );
  };

  before(async () => {
    registry = await defaultRegistry();
    foundationOutputs = (await run("foundation")).outputs;
    assert.ok(registry.packDir);
    session = await AnalyzerSession.start(registry.packDir);
    await session.configure(await registry.loadPolicyConfig(env), `policies/config/${env}.json`);
  });
  after(async () => {
    await session?.close();
  });

  const judge = async (graph: ResourceGraph): Promise<{ inProcess: Violation[]; grpc: Violation[] }> => ({
    inProcess: await evaluatePolicies(graph, registry.policies, {
      config: await registry.loadPolicyConfig(env),
      configFile: `policies/config/${env}.json`,
    }),
    grpc: await session.analyzeGraph(graph),
  });
  const mandatory = (vs: Violation[]) =>
    vs
      .filter((v) => v.enforcementLevel === "mandatory")
      .map((v) => `${v.policy} ${v.urn ?? ""}`)
      .sort();

  for (const w of WEAKENINGS) {
    it(`fails ${w.policy} when ${w.title}, in-process and over the analyzer protocol`, async () => {
      const clean = await judge(await run(w.stack));
      assert.deepEqual(mandatory(clean.inProcess), [], "the untransformed stack passes");
      const graph = await run(w.stack, weaken(w));
      const weakened = graph.resources.filter((r) => r.type === w.type);
      assert.ok(weakened.length > 0, `the stack has a ${w.type}`);
      for (const r of weakened) {
        for (const [k, v] of Object.entries(w.change)) assert.deepEqual(r.inputs[k], v, `${r.name}.${k} transformed`);
      }
      const { inProcess, grpc } = await judge(graph);
      const fired = inProcess.filter((v) => v.policy === w.policy && v.enforcementLevel === "mandatory");
      assert.deepEqual(
        fired.map((v) => v.urn).sort(),
        weakened.map((r) => r.urn).sort(),
        `${w.policy} fires on every weakened ${w.type}`,
      );
      assert.deepEqual(mandatory(grpc), mandatory(inProcess), "the analyzer protocol agrees");
    });
  }
});
