import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";

const BIN = join(__dirname, "bin.js");
const COMMANDS = ["plan", "promote", "preflight", "validate", "new-migration", "changed", "status", "cutover-check"];

/** Run the built CLI with its stdout a pipe whose reader has already gone (`... | head -0`). */
function intoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    // Closed before node has even started: the first write meets EPIPE.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("dms-platform writing into a closed pipe (`dms-platform status --help | head -3`)", function () {
  this.timeout(120_000);

  for (const command of COMMANDS) {
    it(`${command} --help ends quietly with exit 0, no stack trace`, async () => {
      const run = await intoClosedPipe([command, "--help"]);
      assert.deepEqual(run, { code: 0, stderr: "" });
    });
  }

  it("a plan in JSON ends quietly with exit 0 when its reader is gone (progress on stderr is kept)", async () => {
    const run = await intoClosedPipe(["plan", "--env", "dev", "--stack", "foundation", "--format", "json"]);
    assert.equal(run.code, 0);
    assert.doesNotMatch(run.stderr, /EPIPE|Unhandled|at /);
  });
});
