// Policy evaluation alone: build a synthetic graph of N resources (bench/lib/synthetic-graph.mjs)
// and time `evaluatePolicies(graph, policies, { config: loadPolicyConfig("prod") })` in this
// process, once, as `plan` does — or, with `grpc`, by starting the pack and speaking the Pulumi
// CLI's analyzer protocol to it (`plan --policy-engine grpc`; evalMs then includes starting the
// pack). Prints one JSON line on stdout:
// { resources, engine, importMs, buildMs, evalMs, mandatory, advisory }.
//
//   node bench/policy-throughput.mjs 10000 [in-process|grpc]
import { performance } from "node:perf_hooks";
import { syntheticGraph } from "./lib/synthetic-graph.mjs";

const count = Number(process.argv[2] ?? 1000);
const engine = process.argv[3] ?? "in-process";
if (!Number.isInteger(count) || count < 1 || !["in-process", "grpc"].includes(engine)) {
  process.stderr.write("usage: node bench/policy-throughput.mjs <resources> [in-process|grpc]\n");
  process.exit(2);
}

const t0 = performance.now();
const [{ evaluatePolicies, evaluatePoliciesGrpc }, { policies, loadPolicyConfig }] = await Promise.all([
  import("@dms-platform/offline"),
  import("@dms-platform/policies/rules"),
]);
const t1 = performance.now();
const graph = syntheticGraph(count);
const config = loadPolicyConfig("prod");
const t2 = performance.now();
const packDir = new URL("../policies", import.meta.url).pathname;
const violations =
  engine === "grpc"
    ? await evaluatePoliciesGrpc(graph, packDir, { config })
    : await evaluatePolicies(graph, policies, { config });
const t3 = performance.now();

const count1 = (level) => violations.filter((v) => v.enforcementLevel === level).length;
process.stdout.write(
  `${JSON.stringify({
    resources: graph.resources.length,
    engine,
    policies: policies.length,
    importMs: t1 - t0,
    buildMs: t2 - t1,
    evalMs: t3 - t2,
    mandatory: count1("mandatory"),
    advisory: count1("advisory"),
  })}\n`,
);
