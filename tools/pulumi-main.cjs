// What a stack's Pulumi.yaml `main` runs under the real CLI: build the stack and the workspace
// packages it uses (turbo, cached: about a second when nothing changed), then run the built
// program (`dist/entry.js`, the same JavaScript `npm run plan` runs offline). From a fresh clone
// `npm ci` is the only step before `pulumi preview` / `pulumi up`. CI, which builds first, may set
// DMS_PLATFORM_SKIP_BUILD=1.
const { spawnSync } = require("node:child_process");
const { join, resolve } = require("node:path");

/** The build a stack needs: turbo's `build` of the stack's package and its workspace dependencies. */
function buildCommand(stackDir) {
  const root = resolve(stackDir, "..", "..");
  const name = require(join(stackDir, "package.json")).name;
  return {
    name,
    command: process.execPath,
    args: [
      join(root, "node_modules", "turbo", "bin", "turbo"),
      "run",
      "build",
      `--filter=${name}...`,
      "--output-logs=errors-only",
    ],
    cwd: root,
  };
}

/** Build (unless DMS_PLATFORM_SKIP_BUILD=1), then load the built program; its export is the stack's outputs. */
function buildThenRun(stackDir, env = process.env) {
  if (env.DMS_PLATFORM_SKIP_BUILD !== "1") {
    const build = buildCommand(stackDir);
    // The CLI reads the program's stdout: the build writes to stderr only.
    const result = spawnSync(build.command, build.args, { cwd: build.cwd, stdio: ["ignore", 2, 2] });
    if (result.status !== 0) {
      throw new Error(
        `building ${build.name} failed (${result.error ? result.error.message : `exit ${result.status}`}): run \`npm ci\` at ${build.cwd}, then \`pulumi up\` again`,
      );
    }
  }
  return require(join(stackDir, "dist", "entry.js"));
}

module.exports = { buildCommand, buildThenRun };
