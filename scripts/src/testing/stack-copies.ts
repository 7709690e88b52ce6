import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The repository root (this file runs from scripts/dist/testing). */
export const REPO_ROOT = join(__dirname, "..", "..", "..");

/**
 * A temporary copy of the repository's stack files (`Pulumi.yaml` and every `Pulumi.<stack>.yaml`
 * of foundation and replication), laid out as `--stacks-dir` expects, for tests that edit them.
 */
export function copyStackFiles(prefix: string, root = REPO_ROOT): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const stack of ["foundation", "replication"]) {
    for (const file of readdirSync(join(root, "stacks", stack))) {
      if (/^Pulumi(\..+)?\.yaml$/.test(file)) cpSync(join(root, "stacks", stack, file), join(dir, stack, file));
    }
  }
  return dir;
}

/** `dms-platform plan ARGS` as a user runs it: the built command in a process of its own, from `root`. */
export function planBuilt(args: string[], root = REPO_ROOT): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(root, "scripts", "dist", "bin.js"), "plan", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
