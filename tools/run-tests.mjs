#!/usr/bin/env node
// `npm test`: build and test every workspace through turbo (cached: a second run with nothing
// changed replays the logs), then add up each workspace's .test-results.json, written by
// tools/mocha-summary-reporter.cjs and restored by turbo on a cache hit, into the one line CI
// reads: "N passed, N failed[, N skipped]". A workspace whose tests did not report (a compile
// error, a crash) counts as one failure, so a broken build can never read as green. Tests that
// did not run are never silent: each reason (e.g. the live suites' "no MariaDB binaries: run
// ...") is printed with its workspace and count just above the final line. Tests never write into
// the repository: `git status` and `git count-objects` are the same after the run as before, or
// the run fails saying what changed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const rootPkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

function workspaceDirs() {
  const dirs = [];
  for (const pattern of rootPkg.workspaces) {
    if (pattern.endsWith("/*")) {
      const base = join(root, pattern.slice(0, -2));
      if (!existsSync(base)) continue;
      for (const entry of readdirSync(base, { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(join(base, entry.name));
      }
    } else {
      dirs.push(join(root, pattern));
    }
  }
  return dirs.filter((d) => {
    const pkgFile = join(d, "package.json");
    if (!existsSync(pkgFile)) return false;
    return Boolean(JSON.parse(readFileSync(pkgFile, "utf8")).scripts?.test);
  });
}

/** What a test must not change: the working tree's status and the object store (undefined: not a git checkout). */
function repositorySnapshot() {
  const git = (...args) => spawnSync("git", args, { cwd: root, encoding: "utf8" });
  if (git("rev-parse", "--is-inside-work-tree").status !== 0) return undefined;
  const status = git("status", "--porcelain", "--untracked-files=all").stdout;
  const objects = git("count-objects", "-v")
    .stdout.split("\n")
    .filter((l) => /^(count|in-pack|packs):/.test(l))
    .join(", ");
  const worktrees = git("worktree", "list", "--porcelain")
    .stdout.split("\n")
    .filter((l) => l.startsWith("worktree "))
    .join(", ");
  return { status, objects, worktrees };
}

/** Lines of `after` that `before` lacks and the other way round, as "+ line" / "- line". */
function changedLines(before, after) {
  const a = new Set(before.split("\n").filter(Boolean));
  const b = new Set(after.split("\n").filter(Boolean));
  return [
    ...[...b].filter((l) => !a.has(l)).map((l) => `+ ${l}`),
    ...[...a].filter((l) => !b.has(l)).map((l) => `- ${l}`),
  ];
}

const repoBefore = repositorySnapshot();
const dirs = workspaceDirs();
for (const d of dirs) rmSync(join(d, ".test-results.json"), { force: true });

const extra = process.argv.slice(2);
const turbo = spawnSync("npx", ["turbo", "run", "test", "--continue", ...extra], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});

let passed = 0;
let failed = 0;
let skipped = 0;
const unreported = [];
const notRun = [];
for (const d of dirs) {
  const file = join(d, ".test-results.json");
  if (!existsSync(file)) {
    unreported.push(d.slice(root.length));
    failed++;
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
  for (const n of r.notRun ?? []) notRun.push(`${d.slice(root.length)}: ${n.tests} not run: ${n.reason}`);
}
if (unreported.length > 0) {
  console.log(`\nno test results from: ${unreported.join(", ")} (counted as failures)`);
}
if (notRun.length > 0) console.log(`\n${notRun.join("\n")}`);
const repoAfter = repoBefore && repositorySnapshot();
if (repoBefore && repoAfter) {
  const problems = [
    ...changedLines(repoBefore.status, repoAfter.status).map((l) => `git status: ${l}`),
    ...(repoAfter.objects !== repoBefore.objects
      ? [
          `git count-objects: ${repoBefore.objects} before, ${repoAfter.objects} after (a test committed in the repository)`,
        ]
      : []),
    ...(repoAfter.worktrees !== repoBefore.worktrees
      ? [`git worktree list: ${repoAfter.worktrees} (was ${repoBefore.worktrees})`]
      : []),
  ];
  if (problems.length > 0) {
    console.log(
      `\nthe tests changed the repository (counted as a failure; a test must work on a copy):\n  ${problems.join("\n  ")}`,
    );
    failed++;
  }
}
const status = turbo.status ?? 1;
if (status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || status !== 0 ? 1 : 0);
