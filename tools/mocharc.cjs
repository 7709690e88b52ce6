// Shared mocha configuration: every workspace runs its compiled tests from dist/ with the
// summary reporter, which prints mocha's spec output and writes .test-results.json for the
// root `npm test` to add up into one "N passed, N failed" line.
const path = require("node:path");
module.exports = {
  spec: ["dist/**/*.test.js"],
  reporter: path.join(__dirname, "mocha-summary-reporter.cjs"),
  timeout: 60000,
  slow: 2000,
  recursive: true,
};
