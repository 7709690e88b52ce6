import type { Environment } from "@dms-platform/config";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { EXIT } from "../errors.js";
import { assessSetup } from "./assess.js";
import { explainSetup, OPERATE_EXIT_2 } from "./status.js";

interface StartOptions {
  env: Environment;
  migration: string;
  dryRun?: boolean;
  format: "text" | "json";
  stacksDir?: string;
}

async function startMigrationCommand(options: StartOptions, context: CliContext): Promise<number> {
  const { startMigration } = await import("../operate/start-gate.js");
  try {
    // Serverless replications start themselves after their own assessment: nothing to start here.
    const targets = await assessSetup(context, { ...options, skipServerless: true }, "start-migration");
    const results = [];
    for (const { migration, aws } of targets) {
      results.push(await startMigration(aws, migration, { dryRun: options.dryRun === true }));
    }
    if (options.format === "json") {
      context.stdout.write(`${JSON.stringify({ command: "start-migration", migrations: results }, null, 2)}\n`);
    } else {
      const lines: string[] = [];
      for (const r of results) {
        lines.push(
          `${r.ok ? (options.dryRun ? "WOULD START" : "STARTED") : "NOT STARTED"}  migration ${r.migration} (${r.environment})  ${r.file}`,
        );
        for (const d of r.decisions) {
          const verb =
            d.outcome === "refused"
              ? "REFUSED"
              : d.outcome !== "start"
                ? d.outcome
                : options.dryRun
                  ? "would start"
                  : "started";
          lines.push(
            `  task ${d.name}  ${d.identifier}  ${r.ok || d.outcome === "refused" ? verb : "not started"}: ${d.reason}`,
          );
        }
        if (!r.ok) lines.push("  (a migration's tasks start together: none was started)");
      }
      context.stdout.write(`${lines.join("\n")}\n`);
    }
    return results.every((r) => r.ok) ? EXIT.ok : EXIT.violations;
  } catch (err) {
    throw await explainSetup(err);
  }
}

/** `dms-platform start-migration`: the start gate of test and prod (profile startAfterAssessment). */
export function registerStartMigrationCommand(program: Command, context: CliContext): void {
  program
    .command("start-migration")
    .description("start a migration's tasks, only after a passing premigration assessment of what each task is now")
    .addOption(new Option("--env <env>", "the environment").choices(["dev", "test", "prod"]).makeOptionMandatory())
    .option("--migration <name>", "a migration (a named one, or the primary's application), or all", "all")
    .option("--dry-run", "decide and print, start nothing")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--stacks-dir <dir>", "read <dir>/replication/Pulumi.*.yaml (default: the repo's stacks/)")
    .addHelpText(
      "after",
      `
A task starts (StartReplicationTask, start-replication) only when it is ready or stopped and never
ran, and the newest assessment run of its current table mappings and settings (the digest \`assess\`
tags each run with) passed or warned. A migration's tasks start together or not at all.
docs/assessments.md.

Exit codes:
  0  every task started, was running, or ran before (left stopped); with --dry-run, would start
  1  a task was refused: no run, a run of other settings, a failed run
${OPERATE_EXIT_2}
  3  internal error (a bug: a stack trace follows)`,
    )
    .action(async (options: StartOptions) => {
      context.exitCode = await startMigrationCommand(options, context);
    });
}
