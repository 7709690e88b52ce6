import { join, resolve } from "node:path";
import type { Environment } from "@dms-platform/config";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { TLS_MODES, type TlsMode } from "../live/connection.js";
import { explainSetup, OPERATE_EXIT_2, OPERATE_EXIT_CODES_HELP, operateSetup } from "./status.js";

interface CutoverOptions {
  env: Environment;
  migration?: string;
  migrationSource?: string;
  source?: string;
  sourceUser?: string;
  target?: string;
  warehouse?: string;
  out?: string;
  sourceSecretFile?: string;
  targetSecretFile?: string;
  tls: TlsMode;
  targetSchema?: string;
  latencyMinutes: string;
  format: "text" | "json";
  stacksDir?: string;
}

async function cutoverCheck(options: CutoverOptions, context: CliContext): Promise<number> {
  if (!/^\d+$/.test(options.latencyMinutes) || Number(options.latencyMinutes) === 0) {
    throw new CliError(`--latency-minutes: must be a positive integer (got "${options.latencyMinutes}")`);
  }
  const latencyMinutes = Number(options.latencyMinutes);
  const [{ runCutoverCheck }, { formatCutoverText }, { runValidate }, defaults, connection, analytics] =
    await Promise.all([
      import("../operate/cutover.js"),
      import("../operate/format.js"),
      import("../live/validate.js"),
      import("../migrations/live-defaults.js"),
      import("../live/connection.js"),
      import("../operate/analytics/validate-command.js"),
    ]);
  /** A bad --source/--target (a password in the URL, a bad scheme) is a usage error before any AWS call, as in `validate`. */
  const checkUrl = (side: "source" | "target", url: string, secretFile: string | undefined) => {
    try {
      connection.parseConnection(side, {
        url,
        tls: options.tls,
        env: context.env as NodeJS.ProcessEnv,
        ...(secretFile !== undefined ? { secretFile: resolve(context.cwd, secretFile) } : {}),
      });
    } catch (err) {
      if (err instanceof Error && err.name === "LiveUsageError") throw new CliError(err.message);
      throw err;
    }
  };
  if (options.source !== undefined) checkUrl("source", options.source, options.sourceSecretFile);
  if (options.target !== undefined) checkUrl("target", options.target, options.targetSecretFile);
  try {
    const targets = await operateSetup(context, options);
    const [only, ...more] = targets;
    if (!only || more.length > 0) {
      throw new CliError(
        `--migration: ${options.env} has ${targets.length} migrations (${targets.map((t) => t.migration.name).join(", ")}): name the one to cut over`,
      );
    }
    const { migration, aws } = only;
    const stacksDir = options.stacksDir ? resolve(context.cwd, options.stacksDir) : join(context.repoRoot, "stacks");
    // The tables validate compares: the ones the migration's tasks select (as `validate --migration`),
    // and an external source's URL when --source is not given.
    let selected: import("../migrations/live-defaults.js").MigrationLiveDefaults;
    try {
      const sourceUser = options.sourceUser ?? context.env.DMS_SOURCE_USER;
      selected = defaults.resolveMigrationDefaults({
        stacksDir,
        migration: migration.name,
        env: options.env,
        ...(options.migrationSource !== undefined ? { sourceName: options.migrationSource } : {}),
        ...(sourceUser ? { sourceUser } : {}),
      });
    } catch (err) {
      if (err instanceof defaults.MigrationDefaultsError) throw new CliError(err.message);
      throw err;
    }
    const source = options.source ?? selected.sourceUrl;
    const env = context.env as NodeJS.ProcessEnv;
    const file = (path: string | undefined) => (path === undefined ? undefined : resolve(context.cwd, path));
    if (options.source === undefined && source !== undefined) checkUrl("source", source, options.sourceSecretFile);
    let validate: Parameters<typeof runCutoverCheck>[2]["validate"];
    if (selected.analyticsTarget) {
      // Redshift: row counts through the Redshift Data API; S3: the lake's files and DMS's counts
      // (docs/analytics-targets.md). The DMS-only conditions are judged as for any migration.
      const analyticsDefaults = selected;
      try {
        analytics.checkAnalyticsOptions(analyticsDefaults, {
          ...(options.target !== undefined ? { target: options.target } : {}),
          ...(options.warehouse !== undefined ? { warehouse: options.warehouse } : {}),
          ...(source !== undefined ? { sourceUrl: source } : {}),
          ...(selected.sourceUrlMissing !== undefined ? { sourceUrlMissing: selected.sourceUrlMissing } : {}),
        });
      } catch (err) {
        if (err instanceof Error && err.name === "LiveUsageError") throw new CliError(err.message);
        throw err;
      }
      const warehouse =
        options.warehouse === undefined ? undefined : analytics.loadWarehouse(context.cwd, options.warehouse);
      validate = (status) =>
        analytics.compareForCutover({
          migration,
          region: aws.region,
          defaults: analyticsDefaults,
          status,
          ...(source !== undefined
            ? { source: { url: source, secretFile: file(options.sourceSecretFile), tls: options.tls, env } }
            : {}),
          ...(selected.sourceUrlMissing !== undefined ? { sourceMissing: selected.sourceUrlMissing } : {}),
          ...(warehouse ? { warehouse } : {}),
          ...(options.out !== undefined
            ? { outFile: { path: resolve(context.cwd, options.out), shownAs: options.out } }
            : {}),
        });
    } else {
      if (options.warehouse !== undefined || options.out !== undefined) {
        throw new CliError(
          `${options.warehouse !== undefined ? "--warehouse" : "--out"}: only for a migration whose target is Redshift (--warehouse) or S3 (--out)`,
        );
      }
      if (!source)
        throw new CliError(
          `--source is required: ${selected.sourceUrlMissing ?? "the stack file gives no source URL"}`,
        );
      const target = options.target;
      if (target === undefined) throw new CliError("--target is required: the target database's URL");
      const { tables } = selected;
      validate = () =>
        runValidate({
          source: { url: source, secretFile: file(options.sourceSecretFile), tls: options.tls, env },
          target: { url: target, secretFile: file(options.targetSecretFile), tls: options.tls, env },
          tables,
          targetSchema: options.targetSchema,
        });
    }
    const report = await runCutoverCheck(aws, migration, {
      now: (context.now ?? (() => new Date()))(),
      latencyMinutes,
      validate,
    });
    context.stdout.write(
      options.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatCutoverText(report),
    );
    return report.ready ? EXIT.ok : EXIT.violations;
  } catch (err) {
    throw await explainSetup(err);
  }
}

/** `dms-platform cutover-check`: the gate before pointing the application at the target. */
export function registerCutoverCheckCommand(program: Command, context: CliContext): void {
  program
    .command("cutover-check")
    .description(
      "decide whether a migration is ready for cutover: tasks in CDC, no table errors, DMS validation, CDC latency, validate's counts and checksums",
    )
    .addOption(new Option("--env <env>", "the environment").choices(["dev", "test", "prod"]).makeOptionMandatory())
    .option("--migration <name>", "the migration (needed when the environment has several)")
    .option("--migration-source <name>", "a consolidating migration's source to validate (a key of migration.sources)")
    .option(
      "--source <url>",
      "source database: mysql://, mariadb:// or postgres://user@host:port/database (default: an external source's, from the stack file)",
    )
    .option("--source-user <user>", "the source user for the URL built from the stack file (default: DMS_SOURCE_USER)")
    .option(
      "--target <url>",
      "target database: mysql://, mariadb:// or postgres://user@host:port/database (not for a Redshift or S3 target)",
    )
    .option(
      "--warehouse <file>",
      "a Redshift target: the foundation's warehouse output (pulumi stack output warehouse --json)",
    )
    .option("--out <file>", "an S3 target: write the manifest of the lake's files (key, size, ETag, LastModified) here")
    .option("--source-secret-file <file>", "Secrets Manager secret JSON holding the source password")
    .option("--target-secret-file <file>", "Secrets Manager secret JSON holding the target password")
    .addOption(new Option("--tls <mode>", "TLS to the databases").choices([...TLS_MODES]).default("require"))
    .option("--target-schema <schema>", "look the tables up in this schema on the target (default: the source schema)")
    .option("--latency-minutes <minutes>", "how long CDC latency must have stayed under the threshold", "15")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--stacks-dir <dir>", "read <dir>/replication/Pulumi.*.yaml (default: the repo's stacks/)")
    .addHelpText(
      "after",
      `
Passwords never go on the command line: DMS_SOURCE_PASSWORD / DMS_TARGET_PASSWORD or the secret files.
Each condition is printed with its evidence; docs/runbook.md says what to do when one fails.
${OPERATE_EXIT_CODES_HELP}

Exit codes:
  0  ready: every condition holds (validation off is said loudly but passes)
  1  not ready: a condition fails
${OPERATE_EXIT_2}
  3  internal error (a bug: a stack trace follows)`,
    )
    .action(async (options: CutoverOptions) => {
      context.exitCode = await cutoverCheck(options, context);
    });
}
