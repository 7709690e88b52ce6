#!/usr/bin/env node
// `npm run bench`: whole-process benchmarks of the built JavaScript (never part of `npm test`).
//
//   node bench/run.mjs [--runs N] [--only name[,name...]] [--quick] [--peer cdk]
//
// Each benchmark spawns a process N times (default 5) and reports the min and median wall time
// (spawn to exit) and the largest peak RSS; the results table goes to stdout and, with the
// machine it ran on, to bench/results/latest.json. `--only` takes benchmark names (an exact
// name selects only itself) or prefixes (`--only tasks`, `--only plan-all,policy`); `--quick` is
// one run each and skips the 1000-task plan, `npm run plan` and `npm test`. `--peer cdk` also
// synthesises the same dev migration with AWS CDK and cdk-nag's AwsSolutions pack (installed into
// a temporary directory, never a dependency of the workspaces) and times it beside `plan-dev`.
// A full run writes bench/results/latest.json, which `node bench/report.mjs --write` renders
// into docs/benchmarks.md; a partial one (--only, --quick) writes bench/results/partial.json.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { linearFit, measure, median, min, rssMethod } from "./lib/measure.mjs";
import { writeSyntheticMigrations } from "./lib/synthetic-migrations.mjs";
import { writeSyntheticAccount, writeSyntheticStacks } from "./lib/synthetic-stacks.mjs";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const BIN = join(ROOT, "scripts", "dist", "bin.js");
const NODE = process.execPath;
// Up to 200: the DMS quota of tasks per replication instance (DMS User Guide, "Quotas"), which the
// platform plans with its dashboard; 1,000 tasks on one instance is refused, as AWS would.
const TASK_COUNTS = [1, 10, 100, 200];
// 600 tasks in one account (the DMS quota per account and region): migrations x tasks each, in dev.
const ACCOUNT_MIGRATIONS = 3;
const ACCOUNT_TASKS_EACH = 200;
const MIGRATION_COUNTS = [1, 10, 50];
const CORES = os.availableParallelism();

const { values: flags } = parseArgs({
  options: {
    runs: { type: "string" },
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    peer: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (flags.help) {
  process.stdout.write("usage: node bench/run.mjs [--runs N] [--only name[,name...]] [--quick] [--peer cdk]\n");
  process.exit(0);
}
const runs = flags.runs !== undefined ? Number(flags.runs) : flags.quick ? 1 : 5;
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`--runs must be a positive integer (got ${flags.runs})\n`);
  process.exit(2);
}
const only = flags.only ? flags.only.split(",").map((s) => s.trim()) : undefined;
if (flags.peer !== undefined && flags.peer !== "cdk") {
  process.stderr.write(`--peer takes cdk (AWS CDK + cdk-nag), got ${flags.peer}\n`);
  process.exit(2);
}
/** The peer's packages, by major version: what `--peer cdk` installs. */
const CDK_PACKAGES = ["aws-cdk-lib@2", "constructs@10", "cdk-nag@3"];

const tmpRoots = [];
const tmp = (prefix) => {
  const dir = mkdtempSync(join(os.tmpdir(), `dms-bench-${prefix}-`));
  tmpRoots.push(dir);
  return dir;
};

/** Resources in the JSON plans of an --out directory. */
function resourcesIn(dir) {
  let total = 0;
  for (const f of readdirSync(dir)) {
    if (f.endsWith(".json")) total += JSON.parse(readFileSync(join(dir, f), "utf8")).summary.resources;
  }
  return total;
}

/**
 * Exports shaped like a real `pulumi up`'s of every stack × env (real ids, tagsAll, __defaults,
 * encrypted secrets: scripts/src/testing/real-export.ts), made once for the `plan-state-all` runs.
 */
let realState;
function realExports() {
  if (!realState) {
    const written = tmp("state");
    const run = spawnSync(
      NODE,
      [BIN, "plan", "--env", "all", "--stack", "all", "--format", "json", "--write-state", written],
      {
        stdio: "ignore",
      },
    );
    if (run.status !== 0 && run.status !== 1) throw new Error(`plan --write-state exited ${run.status}`);
    realState = tmp("real-state");
    const { realisticExports } = createRequire(import.meta.url)(
      join(ROOT, "scripts", "dist", "testing", "real-export.js"),
    );
    realisticExports(written, realState);
  }
  return realState;
}

const plan = (args, extra = {}) => ({
  argv: () => {
    const out = tmp("out");
    return { argv: [NODE, BIN, "plan", ...args, "--format", "json", "--out", out], out };
  },
  okCodes: [0, 1],
  ...extra,
});

/**
 * Benchmark definitions, in the order they run (the floor first, warm `npm test` last).
 * `target`: wallMs (median), rssMb (max) and for the policy benchmarks evalMs (median).
 */
const BENCHMARKS = [
  { name: "floor-node", what: "node -e 0", argv: () => ({ argv: [NODE, "-e", "0"] }) },
  {
    name: "floor-imports",
    what: 'node -e \'require("@pulumi/pulumi"); require("@pulumi/aws")\'',
    argv: () => ({ argv: [NODE, "-e", 'require("@pulumi/pulumi"); require("@pulumi/aws")'] }),
  },
  {
    name: "plan-foundation-dev",
    what: "plan --env dev --stack foundation",
    target: { wallMs: 1500, rssMb: 250 },
    ...plan(["--env", "dev", "--stack", "foundation"]),
  },
  {
    name: "plan-replication-dev",
    what: "plan --env dev --stack replication (runs foundation dev too)",
    target: { wallMs: 1500, rssMb: 250 },
    ...plan(["--env", "dev", "--stack", "replication"]),
  },
  {
    name: "plan-all",
    what: "plan --env all --stack all (six programs, one process)",
    target: { wallMs: 4000 },
    ...plan(["--env", "all", "--stack", "all"]),
  },
  {
    name: "plan-dev",
    what: "plan --env dev --stack all: the dev migration (foundation and replication), the CDK peer's counterpart",
    ...plan(["--env", "dev", "--stack", "all"]),
  },
  {
    name: "peer-cdk-dev",
    what: "AWS CDK + cdk-nag: synthesise the same dev migration with the AwsSolutions pack (bench/peer/cdk-app.cjs)",
    peer: "cdk",
    argv: () => {
      const out = tmp("cdk-out");
      return { argv: [NODE, join(peerDir, "cdk-app.cjs"), out] };
    },
    parse: (stdout) => JSON.parse(stdout.trim().split("\n").pop()),
  },
  {
    name: "plan-state-all",
    what: "plan --state <exports> --env all --stack all (each program run again against a realistic export, as pulumi preview)",
    // The issue's target: at most 1.5x a plain plan of the same six stacks when nothing changed.
    relativeTo: "plan-all",
    maxRatio: 1.5,
    argv: () => {
      const out = tmp("out");
      return {
        argv: [
          NODE,
          BIN,
          "plan",
          "--env",
          "all",
          "--stack",
          "all",
          "--state",
          realExports(),
          "--format",
          "json",
          "--out",
          out,
        ],
        out,
      };
    },
    okCodes: [0, 1],
  },
  {
    name: "plan-base-head",
    what: "plan --base HEAD --env all --stack all (HEAD checked out, built from turbo's cache, planned to state; this tree against it)",
    // The issue's target: at most 2.5x a plain plan of the same six stacks when nothing changed.
    relativeTo: "plan-all",
    maxRatio: 2.5,
    skipQuick: true,
    ...plan(["--env", "all", "--stack", "all", "--base", "HEAD"]),
  },
  {
    name: "plan-npm",
    what: "npm run plan -- --env dev --stack replication (turbo build check + plan)",
    runs: 1,
    skipQuick: true,
    // Once to let turbo's build check settle (a build another engineer's edit triggers is not this figure).
    warmup: true,
    argv: () => {
      const out = tmp("out");
      const args = ["run", "plan", "--", "--env", "dev", "--stack", "replication", "--format", "json", "--out", out];
      return { argv: ["npm", ...args], out };
    },
    okCodes: [0, 1],
  },
  ...TASK_COUNTS.map((n) => ({
    name: `tasks-${n}`,
    what: `plan --env dev --stack replication, ${n} task${n > 1 ? "s" : ""} (synthetic config)${n === 200 ? " on one replication instance: the DMS quota per instance" : ""}`,
    tasks: n,
    skipQuick: n >= 200,
    ...(n === 200 ? { target: { wallMs: 3000, rssMb: 400 } } : {}),
    argv: () => {
      const stacksDir = writeSyntheticStacks(join(ROOT, "stacks"), n);
      tmpRoots.push(stacksDir);
      const out = tmp("out");
      return {
        argv: [
          NODE,
          BIN,
          "plan",
          "--env",
          "dev",
          "--stack",
          "replication",
          "--stacks-dir",
          stacksDir,
          "--format",
          "json",
          "--out",
          out,
        ],
        out,
      };
    },
    okCodes: [0, 1],
  })),
  // The DMS quota per account: 600 tasks, as 3 migrations of 200 tasks each (the primary and two
  // named ones) on their own replication instances, in one environment (one account).
  {
    name: `tasks-${ACCOUNT_MIGRATIONS * ACCOUNT_TASKS_EACH}-account`,
    what: `plan --env dev --migration all --jobs ${CORES}, ${ACCOUNT_MIGRATIONS} migrations x ${ACCOUNT_TASKS_EACH} tasks: the DMS quota per account`,
    skipQuick: true,
    target: { wallMs: 8000 },
    argv: () => {
      const stacksDir = writeSyntheticAccount(join(ROOT, "stacks"), ACCOUNT_MIGRATIONS, ACCOUNT_TASKS_EACH);
      tmpRoots.push(stacksDir);
      const out = tmp("out");
      return {
        argv: [
          NODE,
          BIN,
          "plan",
          "--env",
          "dev",
          "--migration",
          "all",
          "--jobs",
          String(CORES),
          "--stacks-dir",
          stacksDir,
          "--format",
          "json",
          "--out",
          out,
        ],
        out,
      };
    },
    okCodes: [0, 1],
  },
  // Many migrations: N named migrations beside the primary, every environment, in worker threads
  // (--jobs = the cores) and, for 10 and 50, in one thread (--jobs 1) to show what workers buy.
  ...MIGRATION_COUNTS.flatMap((n) =>
    [CORES, ...(n >= 10 ? [1] : [])].map((jobs) => ({
      name: `migrations-${n}-jobs${jobs}`,
      what: `plan --migration all --env all --jobs ${jobs}, ${n} named migration${n > 1 ? "s" : ""} + the primary (${(n + 2) * 3} programs)`,
      // 50 migrations x 3 environments: the issue's target for the fleet plan.
      ...(n === 50 ? { target: { wallMs: 6000 } } : {}),
      argv: () => {
        const stacksDir = writeSyntheticMigrations(join(ROOT, "stacks"), n);
        tmpRoots.push(stacksDir);
        const out = tmp("out");
        return {
          argv: [
            NODE,
            BIN,
            "plan",
            "--env",
            "all",
            "--migration",
            "all",
            "--jobs",
            String(jobs),
            "--stacks-dir",
            stacksDir,
            "--format",
            "json",
            "--out",
            out,
          ],
          out,
        };
      },
      okCodes: [0, 1],
    })),
  ),
  ...[1000, 10000].map((n) => ({
    name: `policy-${n / 1000}k`,
    what: `evaluatePolicies on a synthetic graph of ${n.toLocaleString("en")} resources (prod config)`,
    ...(n === 10000 ? { target: { evalMs: 1000 } } : {}),
    argv: () => ({ argv: [NODE, join(ROOT, "bench", "policy-throughput.mjs"), String(n)] }),
    parse: (stdout) => JSON.parse(stdout.trim().split("\n").pop()),
  })),
  {
    name: "policy-10k-grpc",
    what: "the same 10,000 resources through the pack over the analyzer gRPC protocol (eval includes starting the pack)",
    skipQuick: true,
    argv: () => ({ argv: [NODE, join(ROOT, "bench", "policy-throughput.mjs"), "10000", "grpc"] }),
    parse: (stdout) => JSON.parse(stdout.trim().split("\n").pop()),
  },
  {
    name: "test-warm",
    what: "npm test warm (node tools/run-tests.mjs, turbo cache hit)",
    target: { wallMs: 5000 },
    skipQuick: true,
    warmup: true,
    argv: () => ({ argv: [NODE, join(ROOT, "tools", "run-tests.mjs")] }),
    // The figure is the time of a warm run; its summary line (failures included) is recorded with it.
    okCodes: [0, 1],
    // A run that is not a cache hit (a file changed meanwhile) is not a warm `npm test`: left out.
    counts: (sample) => sample.cacheHit,
    parse: (stdout) => ({
      cacheHit: stdout.includes(">>> FULL TURBO"),
      tests: /(\d+ passed, \d+ failed.*)/.exec(stdout)?.[1],
    }),
  },
];

const selected = BENCHMARKS.filter((b) => {
  if (b.peer !== undefined && b.peer !== flags.peer) return false;
  // An exact name selects that benchmark; anything else is a prefix (`tasks`, `plan`, `policy`).
  if (only) return only.some((o) => b.name === o || (!BENCHMARKS.some((x) => x.name === o) && b.name.startsWith(o)));
  return !(flags.quick && b.skipQuick);
});
if (selected.length === 0) {
  process.stderr.write(
    `no benchmark matches --only ${flags.only}; names: ${BENCHMARKS.map((b) => b.name).join(", ")}\n`,
  );
  process.exit(2);
}

const machine = {
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  rssMethod,
};
const date = new Date().toISOString();
process.stderr.write(
  `dms-platform bench: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, node ${machine.node}; ${runs} run${runs > 1 ? "s" : ""} each; load ${machine.loadAverage.join(" ")}\n`,
);

/** Where the peer's packages are installed (a temporary directory, removed at the end). */
let peerDir;
let peer = null;
if (selected.some((b) => b.peer === "cdk")) {
  peerDir = tmp("cdk");
  process.stderr.write(`peer: npm install --prefix ${peerDir} ${CDK_PACKAGES.join(" ")}\n`);
  const started = Date.now();
  execFileSync(
    "npm",
    ["install", "--prefix", peerDir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", ...CDK_PACKAGES],
    { cwd: peerDir, stdio: ["ignore", "ignore", "inherit"] },
  );
  copyFileSync(join(ROOT, "bench", "peer", "cdk-app.cjs"), join(peerDir, "cdk-app.cjs"));
  peer = { name: "cdk", packages: CDK_PACKAGES, installMs: Date.now() - started };
}

const results = [];
try {
  for (const b of selected) {
    const n = b.runs ?? runs;
    if (b.warmup) {
      process.stderr.write(`${b.name}: warming up\n`);
      await measure(b.argv().argv, { cwd: ROOT, okCodes: [0, 1] });
    }
    const samples = [];
    for (let i = 0; i < n; i++) {
      const { argv, out } = b.argv();
      const r = await measure(argv, { cwd: ROOT, okCodes: b.okCodes ?? [0] });
      const sample = { wallMs: r.wallMs, rssKb: r.rssKb, exitCode: r.code };
      if (out) sample.resources = resourcesIn(out);
      if (b.parse) Object.assign(sample, b.parse(r.stdout));
      samples.push(sample);
      process.stderr.write(
        `${b.name} [${i + 1}/${n}] ${(r.wallMs / 1000).toFixed(2)} s${r.rssKb ? `, ${(r.rssKb / 1024).toFixed(0)} MB` : ""}${sample.evalMs !== undefined ? `, eval ${sample.evalMs.toFixed(0)} ms` : ""}${sample.resources !== undefined ? `, ${sample.resources} resources` : ""}\n`,
      );
    }
    results.push(summarise(b, samples));
  }
} finally {
  for (const dir of tmpRoots) rmSync(dir, { recursive: true, force: true });
}

function summarise(b, samples) {
  const counted = b.counts && samples.some(b.counts) ? samples.filter(b.counts) : samples;
  const walls = counted.map((s) => s.wallMs);
  const rss = counted.map((s) => s.rssKb).filter((v) => v !== undefined);
  const r = {
    name: b.name,
    what: b.what,
    runs: counted.length,
    ...(counted.length < samples.length ? { leftOut: samples.length - counted.length } : {}),
    wallMs: { min: round(min(walls)), median: round(median(walls)) },
    ...(rss.length ? { rssMb: { max: round(Math.max(...rss) / 1024), median: round(median(rss) / 1024) } } : {}),
    ...(b.target ? { target: b.target } : {}),
    samples,
  };
  if (b.tasks) r.tasks = b.tasks;
  if (samples[0]?.resources !== undefined) r.resources = samples[0].resources;
  const evals = samples.map((s) => s.evalMs).filter((v) => v !== undefined);
  if (evals.length) {
    r.evalMs = { min: round(min(evals)), median: round(median(evals)) };
    r.importMs = round(median(samples.map((s) => s.importMs)));
    r.resources = samples[0].resources;
    r.violations = { mandatory: samples[0].mandatory, advisory: samples[0].advisory };
  }
  if (samples[0]?.nag) {
    r.nag = samples[0].nag;
    r.versions = samples[0].versions;
  }
  if (b.name === "test-warm") {
    r.cacheHit = samples.some((s) => s.cacheHit);
    r.tests = samples[0]?.tests;
  }
  if (b.relativeTo) {
    const other = results.find((x) => x.name === b.relativeTo);
    if (other) {
      r.ratio = { to: b.relativeTo, median: round(r.wallMs.median / other.wallMs.median), max: b.maxRatio };
      r.meetsTarget = r.ratio.median <= b.maxRatio;
      if (!r.meetsTarget) r.misses = ["ratio"];
    }
  }
  if (b.target) {
    const misses = [];
    if (b.target.wallMs !== undefined && r.wallMs.median > b.target.wallMs) misses.push("wall");
    if (b.target.rssMb !== undefined && (r.rssMb?.max ?? 0) > b.target.rssMb) misses.push("rss");
    if (b.target.evalMs !== undefined && (r.evalMs?.median ?? Infinity) > b.target.evalMs) misses.push("eval");
    if (b.name === "test-warm" && !r.cacheHit) misses.push("not a cache hit");
    r.meetsTarget = misses.length === 0;
    if (misses.length) r.misses = misses;
  }
  return r;
}

function round(v) {
  return Math.round(v * 10) / 10;
}

// How cost grows with the number of tasks: a least-squares line over the medians, and the marginal
// cost per task between consecutive counts (equal marginal costs = linear growth).
let scaling;
const taskResults = results.filter((r) => r.tasks !== undefined);
if (taskResults.length >= 2) {
  const fit = linearFit(taskResults.map((r) => ({ x: r.tasks, y: r.wallMs.median })));
  const marginal = [];
  for (let i = 1; i < taskResults.length; i++) {
    const a = taskResults[i - 1];
    const c = taskResults[i];
    marginal.push({
      from: a.tasks,
      to: c.tasks,
      msPerTask: round((c.wallMs.median - a.wallMs.median) / (c.tasks - a.tasks)),
      msPerResource: round((c.wallMs.median - a.wallMs.median) / ((c.resources ?? 0) - (a.resources ?? 0) || 1)),
      resourcesPerTask: round(((c.resources ?? 0) - (a.resources ?? 0)) / (c.tasks - a.tasks)),
      ...(a.rssMb && c.rssMb ? { mbPerTask: round((c.rssMb.max - a.rssMb.max) / (c.tasks - a.tasks)) } : {}),
    });
  }
  // Linear: the cost of the last step per task is within 1.5x the step before (with 1 → 10, the
  // fixed cost and noise dominate, so the two largest steps are compared).
  const [prev, last] = marginal.slice(-2);
  const growthRatio =
    prev && last && prev.msPerTask > 0 ? Math.round((last.msPerTask / prev.msPerTask) * 100) / 100 : null;
  scaling = {
    msPerTask: round(fit.slope),
    fixedMs: round(fit.intercept),
    r2: Math.round(fit.r2 * 10000) / 10000,
    marginal,
    growthRatio,
    linear: growthRatio === null ? null : growthRatio <= 1.5,
  };
}

// The table.
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const rows = [["benchmark", "runs", "min", "median", "peak RSS", "target", ""]];
for (const r of results) {
  const t = r.target;
  const target = t
    ? [
        t.wallMs !== undefined ? `≤ ${fmtS(t.wallMs)}` : "",
        t.rssMb !== undefined ? `≤ ${t.rssMb} MB` : "",
        t.evalMs !== undefined ? `eval ≤ ${fmtS(t.evalMs)}` : "",
      ]
        .filter(Boolean)
        .join(", ")
    : "";
  const evalNote = r.evalMs ? ` (eval ${fmtS(r.evalMs.min)} / ${fmtS(r.evalMs.median)})` : "";
  rows.push([
    r.name + (r.resources !== undefined ? ` [${r.resources} res]` : ""),
    String(r.runs),
    fmtS(r.wallMs.min),
    fmtS(r.wallMs.median) + evalNote,
    r.rssMb ? `${r.rssMb.max.toFixed(0)} MB` : "-",
    target,
    r.meetsTarget === undefined ? "" : r.meetsTarget ? "ok" : `MISS (${r.misses.join(", ")})`,
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
const line = (row) =>
  row
    .map((c, i) => c.padEnd(widths[i]))
    .join("  ")
    .trimEnd();
let table = `${line(rows[0])}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n`;
for (const row of rows.slice(1)) table += `${line(row)}\n`;
if (scaling) {
  table += `\ntasks: ${scaling.msPerTask} ms per task + ${fmtS(scaling.fixedMs)} fixed (least squares, r² ${scaling.r2}); marginal: ${scaling.marginal.map((m) => `${m.from}→${m.to} ${m.msPerTask} ms/task (${m.resourcesPerTask} res/task)`).join(", ")}${scaling.growthRatio !== null ? `; last/previous step ${scaling.growthRatio} (${scaling.linear ? "linear" : "NOT linear"})` : ""}\n`;
}
const ours = results.find((r) => r.name === "plan-dev");
const cdk = results.find((r) => r.name === "peer-cdk-dev");
if (ours && cdk) {
  const mb = (r) => (r.rssMb ? `${r.rssMb.max.toFixed(0)} MB` : "-");
  table += `\nthe dev migration, side by side: dms-platform plan ${fmtS(ours.wallMs.median)}, ${mb(ours)}, ${ours.resources} resources; AWS CDK + cdk-nag ${fmtS(cdk.wallMs.median)}, ${mb(cdk)}, ${cdk.resources} resources (medians; peak RSS)\n`;
}
const warm = results.find((r) => r.name === "test-warm");
if (warm && !warm.cacheHit) table += "\nwarning: npm test was never a turbo cache hit (>>> FULL TURBO missing)\n";
if (warm?.leftOut)
  table += `\nnote: ${warm.leftOut} npm test run(s) were not cache hits (files changed meanwhile), left out\n`;
process.stdout.write(table);

const resultsDir = join(ROOT, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
// Only a full run stands for the page: a partial one does not replace the committed figures.
const file = join(resultsDir, flags.quick || only ? "partial.json" : "latest.json");
const loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
writeFileSync(
  file,
  `${JSON.stringify({ date, machine: { ...machine, loadAverageAtEnd }, runs, quick: flags.quick, only: only ?? null, peer, results, scaling: scaling ?? null }, null, 2)}\n`,
);
process.stderr.write(`wrote ${file.slice(ROOT.length + 1)}\n`);
