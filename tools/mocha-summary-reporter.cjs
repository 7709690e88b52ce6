// Mocha reporter: the spec reporter's output, plus a machine-readable summary written to
// .test-results.json in the workspace (counted by tools/run-tests.mjs, cached by turbo).
const fs = require("node:fs");
const path = require("node:path");
const Mocha = require("mocha");

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
    runner.on(EVENT_TEST_PASS, () => {
      counts.passed++;
    });
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      counts.failed++;
      counts.failures.push({ title: test.fullTitle(), message: String(err?.message) });
    });
    runner.on(EVENT_TEST_PENDING, () => {
      counts.skipped++;
    });
    runner.once(EVENT_RUN_END, () => {
      const file = path.join(process.cwd(), ".test-results.json");
      fs.writeFileSync(file, `${JSON.stringify(counts, null, 2)}\n`);
    });
  }
}

module.exports = SummaryReporter;
