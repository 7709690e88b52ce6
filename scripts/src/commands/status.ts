import { join, resolve } from "node:path";
import type { Environment } from "@dms-platform/config";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import type { OperateAws } from "../operate/aws.js";
import type { DeployedReport } from "../operate/expect.js";
import type { OperatedMigration } from "../operate/migration.js";
import type { MonitoringReport } from "../operate/monitoring-check.js";
import type { MigrationStatus } from "../operate/status.js";

export const STATUS_FORMATS = ["text", "markdown", "json"] as const;

interface StatusOptions {
  env: Environment;
  migration: string;
  format: (typeof STATUS_FORMATS)[number];
  watch?: boolean;
  interval: string;
  maxMinutes: string;
  stacksDir?: string;
  checkMonitoring?: boolean;
  expect?: "deployed";
  stack?: string;
}

export const OPERATE_EXIT_CODES_HELP = `
AWS: read-only calls (DescribeReplicationTasks, DescribeTableStatistics, DescribeReplications,
DescribeReplicationTableStatistics, GetMetricData, ListMetrics); credentials and region from the SDK's
standard chain (AWS_PROFILE, SSO, environment, roles); the region of the stack file's aws:region first.
Throttling is retried by the SDK's adaptive retry mode (up to 6 attempts). A refused table-statistics
or metrics call marks that section UNAVAILABLE and the rest is reported.`;

/** Exit code 2 of the operate commands, as --help prints it. */
export const OPERATE_EXIT_2 = `  2  bad usage (a password in a URL, a bad option), bad configuration, no credentials or region,
     or AWS refusing or failing a call: access denied to the task list (AWS's own message and the
     role that grants it), throttling that outlasted the retries, a 5xx, any other AWS error;
     one line says which`;

function positive(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) === 0)
    throw new CliError(`${name}: must be a positive integer (got "${value}")`);
  return Number(value);
}

/** The migrations of `--env`, and the AWS client of each one's region; setup errors are one line (exit 2). */
export async function operateSetup(
  context: CliContext,
  options: { env: Environment; migration?: string; stacksDir?: string },
): Promise<Array<{ migration: OperatedMigration; aws: OperateAws }>> {
  const { resolveMigrations } = await import("../operate/migration.js");
  const stacksDir = options.stacksDir ? resolve(context.cwd, options.stacksDir) : join(context.repoRoot, "stacks");
  const migrations = resolveMigrations(stacksDir, options.env, options.migration, context.repoRoot);
  const clients = new Map<string, OperateAws>();
  const factory = context.operateAws ?? (await import("../operate/aws.js")).operateAws;
  return migrations.map((migration) => {
    const region = migration.region ?? context.env.AWS_REGION ?? context.env.AWS_DEFAULT_REGION;
    if (!region) {
      throw new CliError(
        `${migration.file}: aws:region: is not set and neither is AWS_REGION: give the stack file its region`,
      );
    }
    let aws = clients.get(region);
    if (!aws) {
      aws = factory(region);
      clients.set(region, aws);
    }
    return { migration, aws };
  });
}

/** AWS setup failures (credentials, access, region) as a one-line usage error; the rest unchanged. */
export async function explainSetup(err: unknown): Promise<unknown> {
  const { explainAwsError, AwsSetupError } = await import("../operate/aws.js");
  const explained = explainAwsError(err);
  return explained instanceof AwsSetupError ? new CliError(explained.message) : explained;
}

function render(
  statuses: MigrationStatus[],
  format: StatusOptions["format"],
  format2: typeof import("../operate/format.js"),
  monitoring?: { reports: MonitoringReport[]; text: string },
  expected?: { reports: DeployedReport[]; text: string },
) {
  if (format === "json") {
    return `${JSON.stringify(
      {
        command: "status",
        migrations: statuses,
        ...(expected ? { expect: expected.reports } : {}),
        ...(monitoring ? { monitoring: monitoring.reports } : {}),
      },
      null,
      2,
    )}\n`;
  }
  const report = format === "markdown" ? format2.formatStatusMarkdown(statuses) : format2.formatStatusText(statuses);
  const extra = [expected?.text, monitoring?.text].filter((t): t is string => t !== undefined).join("\n");
  if (extra === "") return report;
  return format === "markdown" ? `${report}\n\`\`\`\n${extra}\`\`\`\n` : `${report}\n${extra}`;
}

/** The newest latency when it is evidence (fresh), "-" otherwise: a stale value is no reading. */
const fresh = (l: MigrationStatus["tasks"][number]["latency"]["source"]) =>
  l.state === "ok" || l.state === "over" ? String(l.last) : "-";

/** One line per task for a log (`--watch` when stdout is no terminal). */
function plainLines(statuses: readonly MigrationStatus[]): string {
  const lines: string[] = [];
  for (const m of statuses) {
    for (const t of m.tasks) {
      const p =
        t.progress && t.migrationType !== "cdc"
          ? ` full-load=${t.progress.percent}% loaded=${t.progress.tablesLoaded} loading=${t.progress.tablesLoading} queued=${t.progress.tablesQueued} errored=${t.progress.tablesErrored}`
          : "";
      const l =
        t.migrationType !== "full-load"
          ? ` latency-source=${fresh(t.latency.source)}s latency-target=${fresh(t.latency.target)}s`
          : "";
      lines.push(
        `${m.checkedAt} ${m.migration}/${t.name} ${t.found ? (t.status ?? "unknown") : "not-found"}${p}${l}${t.problems.length > 0 ? ` problems=${JSON.stringify(t.problems.join("; "))}` : ""}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

async function status(options: StatusOptions, context: CliContext): Promise<number> {
  const interval = positive("--interval", options.interval);
  const maxMinutes = positive("--max-minutes", options.maxMinutes);
  const [{ migrationStatus, fullLoadRunning }, format] = await Promise.all([
    import("../operate/status.js"),
    import("../operate/format.js"),
  ]);
  const now = context.now ?? (() => new Date());
  const sleep = context.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  try {
    const all = await operateSetup(context, options);
    // --stack: the one stack a deploy job just updated, by its Pulumi stack name (Pulumi.<stack>.yaml).
    const targets = options.stack ? all.filter(({ migration }) => migration.stack === options.stack) : all;
    if (targets.length === 0) {
      throw new CliError(
        `--stack: no replication stack "${options.stack}" for ${options.env} (found ${all.map(({ migration }) => migration.stack).join(", ")})`,
      );
    }
    const round = async () => {
      const statuses: MigrationStatus[] = [];
      for (const { migration, aws } of targets) statuses.push(await migrationStatus(aws, migration, now()));
      return statuses;
    };
    let statuses = await round();
    if (options.watch) {
      const tty = context.stdout.isTTY === true && options.format === "text";
      const deadline = now().getTime() + maxMinutes * 60_000;
      let stopped = false;
      const stop = () => {
        stopped = true;
      };
      process.once("SIGINT", stop);
      try {
        // Watch while a full load runs, up to --max-minutes; Ctrl-C ends after the current round.
        for (;;) {
          context.stdout.write(tty ? `\x1b[H\x1b[2J${format.formatStatusText(statuses)}` : plainLines(statuses));
          if (stopped || !fullLoadRunning(statuses) || now().getTime() + interval * 1000 > deadline) break;
          await sleep(interval * 1000);
          if (stopped) break;
          statuses = await round();
        }
      } finally {
        process.removeListener("SIGINT", stop);
      }
    }
    // The self-test: every metric the alarms and dashboard read, asked of CloudWatch.
    let monitoring: { reports: MonitoringReport[]; text: string } | undefined;
    if (options.checkMonitoring) {
      const { checkMonitoring, formatMonitoringText } = await import("../operate/monitoring-check.js");
      const reports: MonitoringReport[] = [];
      for (const [i, { migration, aws }] of targets.entries()) {
        const s = statuses[i];
        if (s) reports.push(await checkMonitoring(aws, migration, s));
      }
      monitoring = { reports, text: formatMonitoringText(reports) };
    }
    // After `up`: is every task in the state the stack left it in (running, unless created stopped)?
    let expected: { reports: DeployedReport[]; text: string } | undefined;
    if (options.expect === "deployed") {
      const { expectDeployed, formatExpectText } = await import("../operate/expect.js");
      const reports = targets.flatMap(({ migration }, i) => {
        const s = statuses[i];
        return s ? [expectDeployed(migration, s)] : [];
      });
      expected = { reports, text: formatExpectText(reports) };
    }
    if (!options.watch || !(context.stdout.isTTY === true && options.format === "text")) {
      context.stdout.write(render(statuses, options.format, format, monitoring, expected));
    } else {
      const extra = [expected?.text, monitoring?.text].filter((t): t is string => t !== undefined);
      if (extra.length > 0) context.stdout.write(`\n${extra.join("\n")}`);
    }
    const monitored = monitoring?.reports.every((r) => r.ok) ?? true;
    const deployed = expected?.reports.every((r) => r.ok) ?? true;
    return statuses.every((s) => s.healthy) && monitored && deployed ? EXIT.ok : EXIT.violations;
  } catch (err) {
    throw await explainSetup(err);
  }
}

/** `dms-platform status`: the state of a deployed migration's tasks, tables and CDC latency. */
export function registerStatusCommand(program: Command, context: CliContext): void {
  program
    .command("status")
    .description("show a deployed migration's tasks: state, full-load progress, table statistics, CDC latency")
    .addOption(new Option("--env <env>", "the environment").choices(["dev", "test", "prod"]).makeOptionMandatory())
    .option("--migration <name>", "a migration (a named one, or the primary's application), or all", "all")
    .addOption(new Option("--format <format>", "output format").choices(STATUS_FORMATS).default("text"))
    .option("--watch", "repeat while a full load runs: redrawn on a terminal, one line per task otherwise")
    .option("--interval <seconds>", "seconds between --watch rounds", "15")
    .option("--max-minutes <minutes>", "stop --watch after this many minutes", "120")
    .option("--stacks-dir <dir>", "read <dir>/replication/Pulumi.*.yaml (default: the repo's stacks/)")
    .option(
      "--stack <name>",
      "only the replication stack of this name (Pulumi.<name>.yaml), as the deploy workflow names it",
    )
    .addOption(
      new Option(
        "--expect <state>",
        "after `pulumi up`: exit 1 unless every task is in the state the stack left it in (running, or created stopped)",
      ).choices(["deployed"]),
    )
    .option(
      "--check-monitoring",
      "also ask CloudWatch (ListMetrics) whether every metric the stack's alarms and dashboard read exists",
    )
    .addHelpText(
      "after",
      `
The tasks are found by the identifiers the replication stack gives them (<env>-<app>-<task>-dms).
Tables in error, with suspended validation or mismatched records come first. docs/status.md.
${OPERATE_EXIT_CODES_HELP}

Exit codes:
  0  every task is healthy
  1  a task failed, stopped with an error, is missing, is being deleted or in a status DMS does
     not document, or has a table in error, missing or cancelled; with --check-monitoring, also
     an alarm or dashboard metric CloudWatch does not have (it could never fire); with
     --expect deployed, also a task the stack starts that is not running (stopped, ready, still
     changing state), unless a full-load task finished its load
${OPERATE_EXIT_2}
  3  internal error (a bug: a stack trace follows)`,
    )
    .action(async (options: StatusOptions) => {
      context.exitCode = await status(options, context);
    });
}
