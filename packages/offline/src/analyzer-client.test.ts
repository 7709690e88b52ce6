import assert from "node:assert/strict";
import { join } from "node:path";
import * as aws from "@pulumi/aws";
import type { Policy } from "@pulumi/policy";
import {
  AnalyzerError,
  AnalyzerSession,
  evaluatePolicies,
  evaluatePoliciesGrpc,
  type PolicyConfigDocument,
  PolicyConfigError,
  type ResourceGraph,
  runProgram,
  UNKNOWN,
  type Violation,
} from "./index.js";

const packDir = join(__dirname, "..", "fixtures", "pack");
const fixturePolicies = require(join(packDir, "policies.js")) as Policy[];

function key(v: Violation): string {
  return JSON.stringify([v.policy, v.enforcementLevel, v.urn ?? "", v.message]);
}

describe("the analyzer protocol client", () => {
  let graphs: ResourceGraph[];
  before(async () => {
    const program = (subnets: number, publicIp: boolean) => () => {
      const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
      for (let i = 0; i < subnets; i++) {
        new aws.ec2.Subnet(`s${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, mapPublicIpOnLaunch: publicIp });
      }
    };
    const a = await runProgram(program(3, false), {
      project: "p",
      stack: "dev",
      config: { "aws:region": "eu-west-1", "aws:defaultTags": { tags: { Owner: "team" } } },
    });
    const b = await runProgram(program(1, true), {
      project: "p",
      stack: "prod",
      config: { "aws:region": "eu-west-1" },
    });
    const withUnknown: ResourceGraph = {
      ...b,
      resources: b.resources.map((r) =>
        r.type === "aws:ec2/subnet:Subnet" ? { ...r, inputs: { ...r.inputs, mapPublicIpOnLaunch: UNKNOWN } } : r,
      ),
    };
    graphs = [a, b, withUnknown];
  });

  it("lists every policy of the pack with its description, level and config schema", async () => {
    const session = await AnalyzerSession.start(packDir);
    try {
      const info = await session.info();
      assert.equal(info.name, "offline-fixture");
      assert.equal(info.version, "1.2.3");
      assert.deepEqual(
        info.policies.map((p) => [p.name, p.enforcementLevel]),
        fixturePolicies.map((p) => [p.name, p.enforcementLevel]),
      );
      assert.ok(info.policies.every((p) => p.description.length > 0));
      assert.deepEqual(info.policies.find((p) => p.name === "min-subnets")?.configSchema?.properties.min, {
        type: "integer",
        minimum: 1,
        default: 2,
      });
    } finally {
      await session.close();
    }
    assert.throws(() => process.kill(session.pid as number, 0), /ESRCH/, "close() stops the pack's process");
  });

  it("agrees with the in-process evaluator on every graph and config", async function () {
    // Eleven pack processes start one after another (~3 s each alone); on the shared 2-core
    // machine under a full `npm test` that passed mocha's 60 s default.
    this.timeout(180_000);
    const configs: Array<PolicyConfigDocument | undefined> = [
      undefined,
      { all: "mandatory", "min-subnets": { min: 4 } },
      { "subnet-no-public-ip": "disabled" },
    ];
    for (const graph of graphs) {
      for (const config of configs) {
        const viaGrpc = await evaluatePoliciesGrpc(graph, packDir, { ...(config ? { config } : {}) });
        const inProcess = await evaluatePolicies(graph, fixturePolicies, {
          policyPackName: "offline-fixture",
          policyPackVersion: "1.2.3",
          ...(config ? { config } : {}),
        });
        assert.deepEqual(
          viaGrpc.map(key).sort(),
          inProcess.map(key).sort(),
          `graph ${graph.stack}, config ${JSON.stringify(config)}`,
        );
        assert.ok(viaGrpc.every((v) => v.policyPack === "offline-fixture"));
      }
    }
    const prodViolations = await evaluatePoliciesGrpc(graphs[1] as ResourceGraph, packDir);
    assert.ok(
      prodViolations.some((v) => v.policy === "owner-tag" && v.enforcementLevel === "mandatory"),
      "the test graphs do draw violations",
    );
    const unknown = await evaluatePoliciesGrpc(graphs[2] as ResourceGraph, packDir);
    assert.ok(
      unknown.some(
        (v) =>
          v.policy === "subnet-no-public-ip" && v.enforcementLevel === "advisory" && /during preview/.test(v.message),
      ),
    );
  });

  it("refuses a config that breaks the pack's own config schema before analyzing", async () => {
    await assert.rejects(
      evaluatePoliciesGrpc(graphs[0] as ResourceGraph, packDir, {
        config: { "min-subnets": { min: 0 } },
        configFile: "prod.json",
      }),
      (err: unknown) =>
        err instanceof PolicyConfigError && /prod\.json: min-subnets\.min: must be >= 1/.test(err.message),
    );
  });

  it("reports a pack that fails to start with its stderr", async () => {
    await assert.rejects(
      AnalyzerSession.start(packDir, { entry: "does-not-exist.js" }),
      (err: unknown) =>
        err instanceof AnalyzerError && /exited .* before serving; stderr: .*Cannot find module/s.test(err.message),
    );
  });
});
