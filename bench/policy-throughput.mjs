// Policy evaluation alone: build a synthetic graph of N resources (bench/lib/synthetic-graph.mjs)
// and time `evaluatePolicies(graph, policies, { config: loadPolicyConfig("prod") })` in this
// process, once, as `plan` does. Prints one JSON line on stdout:
// { resources, importMs, buildMs, evalMs, mandatory, advisory }.
//
//   node bench/policy-throughput.mjs 10000
import { performance } from "node:perf_hooks";
import { syntheticGraph } from "./lib/synthetic-graph.mjs";

const count = Number(process.argv[2] ?? 1000);
if (!Number.isInteger(count) || count < 1) {
  process.stderr.write("usage: node bench/policy-throughput.mjs <resources>\n");
  process.exit(2);
}

const t0 = performance.now();
const [{ evaluatePolicies }, { policies, loadPolicyConfig }] = await Promise.all([
  import("@dms-platform/offline"),
  import("@dms-platform/policies/rules"),
]);
const t1 = performance.now();
const graph = syntheticGraph(count);
const config = loadPolicyConfig("prod");
const t2 = performance.now();
const violations = await evaluatePolicies(graph, policies, { config });
const t3 = performance.now();

const count1 = (level) => violations.filter((v) => v.enforcementLevel === level).length;
process.stdout.write(
  `${JSON.stringify({
    resources: graph.resources.length,
    policies: policies.length,
    importMs: t1 - t0,
    buildMs: t2 - t1,
    evalMs: t3 - t2,
    mandatory: count1("mandatory"),
    advisory: count1("advisory"),
  })}\n`,
);
