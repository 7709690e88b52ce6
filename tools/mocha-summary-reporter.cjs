// Mocha reporter: the spec reporter's output, plus a machine-readable summary written to
// .test-results.json in the workspace (counted by tools/run-tests.mjs, cached by turbo).
//
// Nothing goes uncounted: a test that did not run because a `before`/`beforeEach` hook failed
// counts as failed (mocha itself reports only the hook, once), and a test skipped at run time
// counts as skipped together with the reason its suite gave (see `notRunReason` below), which
// run-tests.mjs prints above the final line.
const fs = require("node:fs");
const path = require("node:path");
const Mocha = require("mocha");

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

/**
 * The reasons a suite gives for skipping its tests: a suite that calls `this.skip()` in a hook
 * first sets `notRunReason` (a string, or one per missing thing) on itself; the live suites do
 * (scripts/src/live/testing/servers.ts), naming what is missing and the command that enables
 * them. Searched up the suite tree.
 */
function notRunReasons(test) {
  for (let suite = test.parent; suite; suite = suite.parent) {
    const r = suite.notRunReason;
    if (typeof r === "string") return [r];
    if (Array.isArray(r) && r.length > 0) return r.map(String);
  }
  return ["skipped"];
}

/** Per reason, the number of tests it kept from running (a test missing two things counts under both). */
function tally(tests) {
  const byReason = new Map();
  for (const t of tests) {
    for (const reason of notRunReasons(t)) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  return [...byReason].map(([reason, n]) => ({ reason, tests: n }));
}

function testsUnder(suite) {
  return [...suite.tests, ...suite.suites.flatMap(testsUnder)];
}

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const counts = { passed: 0, failed: 0, skipped: 0, failures: [], notRun: [] };
    const failedHooks = [];
    const pending = [];
    this.pendingTests = pending;
    runner.on(EVENT_TEST_PASS, () => {
      counts.passed++;
    });
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      if (test.type === "hook") {
        failedHooks.push({ hook: test, message: String(err?.message) });
        return;
      }
      counts.failed++;
      counts.failures.push({ title: test.fullTitle(), message: String(err?.message) });
    });
    runner.on(EVENT_TEST_PENDING, (test) => {
      counts.skipped++;
      pending.push(test);
    });
    runner.once(EVENT_RUN_END, () => {
      // A failing hook stops its suite: the tests it left without a state never ran. Count each
      // as a failure naming the hook; a hook that stopped nothing (an `after` hook) counts once.
      const seen = new Set();
      for (const { hook, message } of failedHooks) {
        const stranded = hook.parent ? testsUnder(hook.parent).filter((t) => t.state === undefined && !t.pending) : [];
        const fresh = stranded.filter((t) => !seen.has(t));
        for (const t of fresh) seen.add(t);
        if (fresh.length === 0) {
          counts.failed++;
          counts.failures.push({ title: hook.fullTitle(), message });
          continue;
        }
        counts.failed += fresh.length;
        for (const t of fresh) {
          counts.failures.push({
            title: t.fullTitle(),
            message: `not run: ${hook.originalTitle ?? hook.title} failed: ${message}`,
          });
        }
      }
      counts.notRun = tally(pending);
      const file = path.join(process.cwd(), ".test-results.json");
      fs.writeFileSync(file, `${JSON.stringify(counts, null, 2)}\n`);
    });
  }

  epilogue() {
    super.epilogue();
    // Say why tests did not run, where the spec reporter says only "N pending".
    // (Spec registered this on run end before our handler ran, so tally here.)
    const notRun = tally(this.pendingTests);
    for (const { reason, tests } of notRun) {
      process.stdout.write(`  not run (${tests} test${tests === 1 ? "" : "s"}): ${reason}\n`);
    }
    if (notRun.length > 0) process.stdout.write("\n");
  }
}

module.exports = SummaryReporter;
