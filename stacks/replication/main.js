// Pulumi.yaml `main`: builds this stack (and the packages it uses) if needed, then runs it.
module.exports = require("../../tools/pulumi-main.cjs").buildThenRun(__dirname);
