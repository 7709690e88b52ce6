#!/usr/bin/env node
// Render bench/results/latest.json as the Markdown that docs/benchmarks.md keeps under "Latest
// figures": the machine, the table against the targets, and how plan time grows with tasks.
//
//   node bench/report.mjs [results.json]
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? new URL("results/latest.json", import.meta.url).pathname;
const { date, machine, runs, results, scaling } = JSON.parse(readFileSync(file, "utf8"));

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const lines = [
  `${date.slice(0, 10)}, ${machine.cpu} (${machine.cores} cores), ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}; ` +
    `${runs} runs each, load average ${machine.loadAverage.join(" ")} at the start; peak RSS by ${machine.rssMethod === "gnu-time" ? "GNU time" : "the rss-preload probe"}.`,
  "",
  "| benchmark | resources | min | median | peak RSS | target | |",
  "| --- | --- | --- | --- | --- | --- | --- |",
];
for (const r of results) {
  const t = r.target ?? {};
  const target = [
    t.wallMs !== undefined ? `≤ ${s(t.wallMs)}` : "",
    t.rssMb !== undefined ? `≤ ${t.rssMb} MB` : "",
    t.evalMs !== undefined ? `eval ≤ ${s(t.evalMs)}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const wall = r.evalMs
    ? [`${s(r.wallMs.min)} (eval ${s(r.evalMs.min)})`, `${s(r.wallMs.median)} (eval ${s(r.evalMs.median)})`]
    : [s(r.wallMs.min), s(r.wallMs.median)];
  let verdict = r.meetsTarget === undefined ? "" : r.meetsTarget ? "ok" : `**miss** (${r.misses.join(", ")})`;
  if (r.leftOut) verdict += ` (${r.leftOut} run${r.leftOut > 1 ? "s" : ""} not a cache hit, left out)`;
  lines.push(
    `| \`${r.name}\` | ${r.resources?.toLocaleString("en") ?? ""} | ${wall[0]} | ${wall[1]} | ${r.rssMb ? `${Math.round(r.rssMb.max)} MB` : ""} | ${target} | ${verdict} |`,
  );
}
if (scaling) {
  lines.push(
    "",
    `Growth with tasks (replication stack, dev): ${scaling.msPerTask} ms per task on top of ${s(scaling.fixedMs)} (least-squares line over the medians, r² ${scaling.r2}); ` +
      `marginal cost ${scaling.marginal.map((m) => `${m.from}→${m.to}: ${m.msPerTask} ms/task${m.mbPerTask !== undefined ? `, ${m.mbPerTask} MB/task` : ""}`).join("; ")} ` +
      `(${scaling.marginal[0]?.resourcesPerTask ?? "?"} resources per task: the task and its alarms)` +
      (scaling.growthRatio != null
        ? `; the last step costs ${scaling.growthRatio}× the one before per task: ${scaling.linear ? "linear" : "**not linear**"}.`
        : "."),
  );
}
process.stdout.write(`${lines.join("\n")}\n`);
