import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

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
    // A JSON plan of every stack is megabytes; spawnSync's 1 MiB default kills the child (status null).
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Give a copy of the repository (a clone, a scratch copy with its own `.git`) the turbo cache of
 * the repository it was copied from, so that building a revision in it (`plan --base`) restores
 * what `npm test` just built instead of compiling everything again. turbo keeps its cache in
 * `.turbo/cache` beside the main checkout (git's common directory), which worktrees share.
 */
export function shareTurboCache(copy: string, root = REPO_ROOT): void {
  const common = spawnSync("git", ["rev-parse", "--path-format=absolute", "--git-common-dir"], {
    cwd: root,
    encoding: "utf8",
  });
  if (common.status !== 0) return;
  const cache = join(dirname(common.stdout.trim()), ".turbo", "cache");
  if (!existsSync(cache) || existsSync(join(copy, ".turbo", "cache"))) return;
  mkdirSync(join(copy, ".turbo"), { recursive: true });
  symlinkSync(cache, join(copy, ".turbo", "cache"));
}
