import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Environment } from "@dms-platform/config";
import { type Command, Option } from "commander";
import type { ChangedPath, MigrationStack } from "../changed/map.js";
import type { CliContext } from "../context.js";
import { CliError, EXIT } from "../errors.js";

export const CHANGED_FORMATS = ["json", "text"] as const;

interface ChangedOptions {
  since?: string;
  all?: boolean;
  withoutPlaceholders?: boolean;
  promotionOnly?: boolean;
  format: (typeof CHANGED_FORMATS)[number];
}

function git(args: string[], cwd: string): string {
  const run = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new CliError(`git ${args[0]}: ${run.error.message}`);
  if (run.status !== 0) {
    throw new CliError(`git ${args.join(" ")}: ${(run.stderr || run.stdout).trim().split("\n")[0] ?? "failed"}`);
  }
  return run.stdout;
}

/**
 * The paths a change touches, relative to the repository root: what the branch changed since it
 * left `since` (`git diff <since>...HEAD`) and what is not committed yet (`git status`). A path is
 * deleted when it no longer exists in the working tree.
 */
export function changedPaths(repoRoot: string, since: string): ChangedPath[] {
  const top = git(["rev-parse", "--show-toplevel"], repoRoot).trim();
  const committed = git(["diff", "--name-only", "--no-renames", "-z", `${since}...HEAD`], repoRoot).split("\0");
  // Porcelain v1 with -z: "XY path\0"; renames are off, so one path per entry.
  const uncommitted = git(["status", "--porcelain", "-z", "--no-renames", "--untracked-files=all"], repoRoot)
    .split("\0")
    .map((entry) => entry.slice(3));
  const paths = new Set<string>();
  for (const p of [...committed, ...uncommitted]) {
    if (p === "") continue;
    const rel = relative(repoRoot, join(top, p));
    if (rel.startsWith("..")) continue;
    paths.add(rel.split(sep).join("/"));
  }
  return [...paths].sort().map((path) => ({ path, deleted: !existsSync(join(repoRoot, path)) }));
}

/**
 * `--promotion-only`: the test and prod stack files the change edits (neither added nor deleted)
 * whose promotable keys differ from the base; each is printed, and the exit code is 1. Promotion
 * is the only road to those keys (docs/promotion.md); environment-specific keys (sizes, operators,
 * the delete guard) are edited in place.
 */
async function promotionOnly(since: string, context: CliContext): Promise<number> {
  const [{ promotionOf, promotableChanges }, replication, { parse }] = await Promise.all([
    import("../promote/promotable.js"),
    import("@dms-platform/stack-replication/migrations"),
    import("yaml"),
  ]);
  const base = git(["merge-base", since, "HEAD"], context.repoRoot).trim();
  const configOf = (text: string) =>
    ((parse(text) as { config?: Record<string, unknown> } | null)?.config ?? {}) as Record<string, unknown>;
  let refused = 0;
  for (const change of changedPaths(context.repoRoot, since)) {
    const m = /^stacks\/(foundation|replication)\/Pulumi\.([^/]+)\.yaml$/.exec(change.path);
    if (!m?.[1] || !m[2] || change.deleted) continue;
    const env = m[1] === "foundation" ? m[2] : replication.parseReplicationStackName(m[2])?.environment;
    if (env !== "test" && env !== "prod") continue;
    const promotion = promotionOf(m[1]);
    const top = git(["rev-parse", "--show-toplevel"], context.repoRoot).trim();
    const inRepo = relative(top, join(context.repoRoot, change.path)).split(sep).join("/");
    const before = spawnSync("git", ["show", `${base}:${inRepo}`], { cwd: context.repoRoot, encoding: "utf8" });
    if (!promotion || before.status !== 0) continue; // added: a new migration's file
    const after = readFileSync(join(context.repoRoot, change.path), "utf8");
    for (const key of promotableChanges(promotion, configOf(before.stdout), configOf(after))) {
      refused++;
      context.stdout.write(
        `${change.path}: ${key} changed outside a promotion: promote it from ${env === "test" ? "dev" : "test"} (npm run promote, docs/promotion.md)\n`,
      );
    }
  }
  return refused > 0 ? EXIT.violations : EXIT.ok;
}

async function changed(options: ChangedOptions, context: CliContext): Promise<number> {
  if ((options.since === undefined) === (options.all !== true)) {
    throw new CliError("give --since <ref> (the stacks a change touches) or --all (every stack), not both");
  }
  if (options.promotionOnly) {
    if (options.since === undefined) throw new CliError("--promotion-only needs --since <ref>");
    return promotionOnly(options.since, context);
  }
  // --all: every stack, as a change to shared code would touch.
  const changes = options.since
    ? changedPaths(context.repoRoot, options.since)
    : [{ path: "package-lock.json", deleted: false }];
  const [{ changedMatrix, touchOf }, replication, config] = await Promise.all([
    import("../changed/map.js"),
    // The pure subpath: listing stack files must not load the Pulumi SDK.
    import("@dms-platform/stack-replication/migrations"),
    import("@dms-platform/config"),
  ]);
  const stacksDir = join(context.repoRoot, "stacks");
  const stacksOf = (env: Environment): MigrationStack[] =>
    existsSync(join(stacksDir, "replication"))
      ? replication.listMigrationStacks(stacksDir, env).map((s) => {
          if (s.migration !== undefined) return { stackName: s.stack, migration: s.migration };
          // The primary migration's name is its application.
          const app = config.readPulumiConfigFile(s.file).values["dms-platform-replication:application"];
          return typeof app === "string" ? { stackName: s.stack, migration: app } : { stackName: s.stack };
        })
      : [];
  const memo = new Map<Environment, MigrationStack[]>();
  const cached = (env: Environment) => {
    let list = memo.get(env);
    if (!list) {
      list = stacksOf(env);
      memo.set(env, list);
    }
    return list;
  };
  let matrix = changedMatrix(changes, cached, replication.parseReplicationStackName);
  if (options.withoutPlaceholders) {
    // What deploy.yml deploys: a migration whose file still holds new-migration's placeholders
    // would create endpoints pointing at no database (and fail its connection test); it is left
    // out, said on stderr, until someone replaces them.
    const { placeholdersIn } = await import("../migrations/template.js");
    const include = matrix.include.filter((e) => {
      if (e.stack !== "replication") return true;
      const file = `${e.workDir}/Pulumi.${e.stackName}.yaml`;
      const found = placeholdersIn(readFileSync(join(context.repoRoot, file), "utf8"));
      const first = found[0];
      if (!first) return true;
      context.stderr.write(
        `${e.stackName} (${e.env}): not deployed: ${file}:${first.line} still holds the placeholder ${first.value}${
          found.length > 1 ? ` (and ${found.length - 1} more)` : ""
        } written by new-migration; replace it (docs/migrations.md, "Starting a migration")\n`,
      );
      return false;
    });
    matrix = { include };
  }
  if (options.format === "json") {
    context.stdout.write(`${JSON.stringify(matrix)}\n`);
  } else {
    for (const c of options.since ? changes : []) {
      const t = touchOf(c, replication.parseReplicationStackName);
      context.stdout.write(`${c.deleted ? "deleted " : ""}${c.path}: ${t.kind} (${t.why})\n`);
    }
    context.stdout.write(`${matrix.include.length} stack${matrix.include.length === 1 ? "" : "s"} to preview\n`);
    for (const e of matrix.include) {
      context.stdout.write(
        `  ${e.stack}${e.migration ? ` ${e.migration}` : ""} (${e.env}): pulumi -C ${e.workDir} preview --stack ${e.stackName}\n`,
      );
    }
  }
  return EXIT.ok;
}

/** `dms-platform changed`: the stacks a change touches, as a GitHub Actions matrix. */
export function registerChangedCommand(program: Command, context: CliContext): void {
  program
    .command("changed")
    .description("list the stacks (foundation, each migration) × environments a change touches, as a CI matrix")
    .option("--since <ref>", "the commit the change started from (a pull request's base: origin/main)")
    .option("--all", "every stack of every environment (what a change to shared code touches)")
    .option(
      "--promotion-only",
      "with --since: fail when a test or prod stack file changes a promotable key (only promote may)",
    )
    .option(
      "--without-placeholders",
      "leave out migrations whose stack file still holds new-migration's placeholders (what deploy.yml deploys)",
    )
    .addOption(new Option("--format <format>", "output format").choices(CHANGED_FORMATS).default("json"))
    .addHelpText(
      "after",
      `
Changes are \`git diff <ref>...HEAD\` plus what is not committed. JSON on stdout is
{"include":[{"stack","migration"?,"env","workDir","stackName"}, ...]}, what
\`strategy.matrix: \${{ fromJSON(...) }}\` takes; {"include":[]} when nothing needs a preview.
--without-placeholders leaves out each migration whose file still holds a placeholder
new-migration wrote (a *.db.example.internal host, the all-zero key id, REPLACEWITH..., the
placeholder CIDR) and names it on stderr.
The rules (a stack config, a package, docs) are in docs/migrations.md.

Exit codes:
  0  the list was printed (it may be empty); --promotion-only: no promotable key edited
  1  --promotion-only: a test or prod stack file changes a promotable key (each is printed)
  2  bad usage, or git failed (an unknown ref, not a repository)`,
    )
    .action(async (options: ChangedOptions) => {
      context.exitCode = await changed(options, context);
    });
}
