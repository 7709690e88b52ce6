import assert from "node:assert/strict";
import { join } from "node:path";
import type { Violation } from "@dms-platform/offline";
import { defaultRegistry } from "../registry.js";
import { runPlan } from "./run-plan.js";

const repoRoot = join(__dirname, "..", "..", "..");

const key = (stack: string, env: string, v: Violation) =>
  JSON.stringify([stack, env, v.policy, v.enforcementLevel, v.urn ?? "", v.message]);

describe("plan --policy-engine", () => {
  it("gives the same verdicts over the analyzer protocol as in-process, on every stack × env plan of the repository", async () => {
    const registry = await defaultRegistry();
    const common = {
      ...registry,
      envs: ["dev", "test", "prod"] as const,
      stackNames: ["foundation", "replication"],
      stacksDir: join(repoRoot, "stacks"),
      root: repoRoot,
    };
    const inProcess = await runPlan({ ...common, envs: [...common.envs] });
    const grpc = await runPlan({ ...common, envs: [...common.envs], policyEngine: "grpc" });
    // Six stack × env, the second dev migration (catalog, DMS Serverless), analytics (Redshift) and
    // claims (Oracle -> Aurora PostgreSQL) in each env.
    assert.equal(grpc.plans.length, 13);
    assert.equal(inProcess.plans.length, 13);
    const a = inProcess.plans.flatMap((p) => p.violations.map((v) => key(p.stack, p.environment, v))).sort();
    const b = grpc.plans.flatMap((p) => p.violations.map((v) => key(p.stack, p.environment, v))).sort();
    assert.ok(a.length > 0, "the default stacks draw some advisories, so the comparison is not vacuous");
    assert.deepEqual(b, a);
    assert.ok(grpc.plans.every((p) => p.violations.every((v) => v.policyPack === "dms-platform")));
  });

  it("refuses grpc without a pack directory", async () => {
    const registry = await defaultRegistry();
    const { packDir: _packDir, ...withoutPack } = registry;
    await assert.rejects(
      runPlan({
        ...withoutPack,
        envs: ["dev"],
        stackNames: ["foundation"],
        stacksDir: join(repoRoot, "stacks"),
        policyEngine: "grpc",
      }),
      /--policy-engine grpc needs the policy pack's directory/,
    );
  });
});
