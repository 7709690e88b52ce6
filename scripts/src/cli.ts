import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { registerAssessCommand } from "./commands/assess.js";
import { registerChangedCommand } from "./commands/changed.js";
import { registerCutoverCheckCommand } from "./commands/cutover-check.js";
import { registerNewMigrationCommand } from "./commands/new-migration.js";
import { registerPlanCommand } from "./commands/plan.js";
import { registerPromoteCommand } from "./commands/promote.js";
import { registerStartMigrationCommand } from "./commands/start-migration.js";
import { registerStatusCommand } from "./commands/status.js";
import { type CliContext, defaultContext } from "./context.js";
import { classifyError, EXIT, EXIT_CODES_HELP } from "./errors.js";
import { registerPreflightCommand, registerValidateCommand } from "./live/index.js";

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

/**
 * The `dms-platform` program. Each command lives in src/commands/<name>.ts and plugs in with one
 * `register<Name>Command(program, context)` line below. Only commander is loaded here: commands
 * import what they run (the Pulumi SDK, the stacks) when they run, so `--help` stays instant.
 */
export function buildProgram(context: CliContext = defaultContext()): Command {
  const program = new Command("dms-platform")
    .description("Plan, check and promote the dms-platform stacks (AWS DMS migrations with Pulumi)")
    .version(version())
    .exitOverride()
    .configureOutput({
      writeOut: (s) => context.stdout.write(s),
      writeErr: (s) => context.stderr.write(s),
    })
    .showSuggestionAfterError()
    .addHelpText("after", EXIT_CODES_HELP);
  registerPlanCommand(program, context);
  registerPromoteCommand(program, context);
  registerPreflightCommand(program, context);
  registerValidateCommand(program, context);
  registerNewMigrationCommand(program, context);
  registerChangedCommand(program, context);
  registerStatusCommand(program, context);
  registerCutoverCheckCommand(program, context);
  registerAssessCommand(program, context);
  registerStartMigrationCommand(program, context);
  return program;
}

/** Run the command line (argv as process.argv); resolves to the exit code. */
export async function main(argv: readonly string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const context: CliContext = { ...defaultContext(), ...overrides };
  if (overrides.loadRegistry && !("workerRegistry" in overrides)) delete context.workerRegistry;
  context.exitCode = undefined;
  const program = buildProgram(context);
  try {
    await program.parseAsync([...argv]);
    return context.exitCode ?? EXIT.ok;
  } catch (err) {
    // Commander has already printed its one-line message (or the help).
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const { code, message, stack } = classifyError(err);
    context.stderr.write(`error: ${message}\n`);
    if (stack) context.stderr.write(`${stack}\n`);
    return code;
  }
}
