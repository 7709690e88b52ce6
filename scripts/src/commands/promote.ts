import { join, resolve } from "node:path";
import type { Environment } from "@dms-platform/config";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { EXIT } from "../errors.js";

/** `--from` / `--to` values: the environments (promote.ts refuses all but dev -> test and test -> prod). */
export const PROMOTE_ENV_CHOICES = ["dev", "test", "prod"] as const;
export const PROMOTE_FORMATS = ["text", "json"] as const;

interface PromoteCommandOptions {
  from: Environment;
  to: Environment;
  dryRun?: boolean;
  format: (typeof PROMOTE_FORMATS)[number];
  stacksDir?: string;
  migration: string;
}

export const PROMOTE_EXIT_CODES_HELP = `
Exit codes:
  0  promoted (or nothing to promote): the target passes its mandatory policies
  1  the promoted target violates a mandatory policy: nothing written
  2  bad usage (e.g. dev -> prod) or bad configuration: nothing written
  3  internal error (a bug in a program, a policy or the CLI)`;

async function promote(options: PromoteCommandOptions, context: CliContext): Promise<number> {
  const stacksDir = options.stacksDir ? resolve(context.cwd, options.stacksDir) : join(context.repoRoot, "stacks");
  // The promotion module loads yaml and the config package; the plan loads the Pulumi SDK.
  const [{ runPromote, checkPromotion }, render] = await Promise.all([
    import("../promote/run-promote.js"),
    import("../promote/render.js"),
  ]);
  // Refuse a wrong direction before loading the stacks and the pack.
  checkPromotion(options.from, options.to);
  const registry = await context.loadRegistry();
  const result = await runPromote({
    from: options.from,
    to: options.to,
    stacksDir,
    root: context.repoRoot,
    registry,
    dryRun: options.dryRun === true,
    migration: options.migration,
    onProgress: (line) => context.stderr.write(`${line}\n`),
  });
  for (const shown of result.written) context.stderr.write(`wrote ${shown}\n`);
  if (options.format === "json") {
    context.stdout.write(render.renderPromotionJson(result));
  } else {
    const color = context.stdout.isTTY === true && !context.env.NO_COLOR;
    context.stdout.write(render.renderPromotionText(result, { color }));
  }
  return result.violations.some((v) => v.enforcementLevel === "mandatory") ? EXIT.violations : EXIT.ok;
}

/** `dms-platform promote`: copy the migration definition one environment up, checked by the target's policies. */
export function registerPromoteCommand(program: Command, context: CliContext): void {
  program
    .command("promote")
    .description(
      "copy the promotable config (the migration definition) from one environment's stack files to the next, after checking the target with its policies",
    )
    .addOption(
      new Option("--from <env>", "environment to promote from").choices(PROMOTE_ENV_CHOICES).makeOptionMandatory(),
    )
    .addOption(new Option("--to <env>", "environment to promote to").choices(PROMOTE_ENV_CHOICES).makeOptionMandatory())
    .option(
      "--migration <name>",
      "the migration to promote (a named migration, or the primary's application), or all: every migration and the foundation",
      "all",
    )
    .option("--dry-run", "print the diff and the verdict; write nothing")
    .addOption(new Option("--format <format>", "output format").choices(PROMOTE_FORMATS).default("text"))
    .option("--stacks-dir <dir>", "promote <dir>/<stack>/Pulumi.<env>.yaml (default: the repo's stacks/)")
    .addHelpText(
      "after",
      `
Only dev -> test and test -> prod. Promotable keys (docs/promotion.md) are copied into each stack's
Pulumi.<to>.yaml (a named migration's: Pulumi.<name>-<to>.yaml), keeping its comments, key order and
environment-specific keys. --migration NAME promotes that migration only; all (the default) promotes
every migration and the foundation. A migration without a <to> file is refused when named and
skipped with the reason by all (a migration that lives in <from> only, e.g. a lab). The target is planned
on the would-be files with policies/config/<to>.json and nothing is written unless no mandatory policy
is violated. Writes are atomic; promoting twice changes nothing the second time.
The diff and the verdict go to stdout, progress and errors to stderr.
${PROMOTE_EXIT_CODES_HELP}`,
    )
    .action(async (options: PromoteCommandOptions) => {
      context.exitCode = await promote(options, context);
    });
}
