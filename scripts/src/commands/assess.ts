import { join, resolve } from "node:path";
import type { Environment } from "@dms-platform/config";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import type { AssessAws } from "../operate/assess-aws.js";
import type { OperatedMigration } from "../operate/migration.js";
import { explainSetup, OPERATE_EXIT_2 } from "./status.js";

export const ASSESS_FORMATS = ["text", "markdown", "json"] as const;

interface AssessOptions {
  env: Environment;
  migration: string;
  include: string[];
  exclude: string[];
  maxMinutes: string;
  interval: string;
  format: (typeof ASSESS_FORMATS)[number];
  stacksDir?: string;
  unstarted?: boolean;
}

function positive(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) === 0)
    throw new CliError(`${name}: must be a positive integer (got "${value}")`);
  return Number(value);
}

const collect = (value: string, previous: string[]) => [...previous, ...value.split(/[\s,]+/).filter((v) => v !== "")];

/** The migrations of `--env` (instance capacity only) with the assessment calls of each one's region. */
export async function assessSetup(
  context: CliContext,
  options: { env: Environment; migration?: string; stacksDir?: string; skipServerless?: boolean },
  command: string,
): Promise<Array<{ migration: OperatedMigration; aws: AssessAws }>> {
  const { resolveMigrations } = await import("../operate/migration.js");
  const stacksDir = options.stacksDir ? resolve(context.cwd, options.stacksDir) : join(context.repoRoot, "stacks");
  const migrations = resolveMigrations(stacksDir, options.env, options.migration, context.repoRoot);
  const factory = context.assessAws ?? (await defaultFactory());
  const clients = new Map<string, AssessAws>();
  const serverless = (m: OperatedMigration) =>
    `${m.file}: ${command} runs premigration assessments of replication tasks; ${m.name} runs on DMS Serverless, whose assessment is part of StartReplication (PremigrationAssessmentSettings) and writes to a bucket DMS creates (docs/assessments.md)`;
  // The deploy workflow names each stack: a Serverless one is skipped there, refused when asked by hand.
  const named = options.migration !== undefined && options.migration !== "all" && !options.skipServerless;
  const onInstances = migrations.filter((m) => m.capacity === "instance");
  for (const m of migrations.filter((x) => x.capacity === "serverless")) {
    if (named || (onInstances.length === 0 && !options.skipServerless)) throw new CliError(serverless(m));
    context.stderr.write(`skipped: ${serverless(m)}\n`);
  }
  return onInstances.map((migration) => {
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

async function defaultFactory(): Promise<(region: string) => AssessAws> {
  const [{ assessAws }, { awsClients }] = await Promise.all([
    import("../operate/assess-aws.js"),
    import("../operate/aws.js"),
  ]);
  return (region) => assessAws(region, { dms: awsClients(region).dms });
}

/** Each task with each source of the migration, as the guide's applicability columns judge it. */
function shapesOf(migration: OperatedMigration) {
  return migration.tasks.flatMap((t) =>
    migration.engines.sources.map((sourceEngine) => ({
      sourceEngine,
      targetEngine: migration.engines.target,
      migrationType: t.migrationType,
    })),
  );
}

async function assess(options: AssessOptions, context: CliContext): Promise<number> {
  const maxMinutes = positive("--max-minutes", options.maxMinutes);
  const interval = positive("--interval", options.interval);
  const [{ runAssessments, formatAssessText, formatAssessMarkdown }, { selectAssessments }] = await Promise.all([
    import("../operate/assess.js"),
    import("../operate/assessment-catalogue.js"),
  ]);
  const now = context.now ?? (() => new Date());
  const sleep = context.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  try {
    const targets = await assessSetup(context, { ...options, skipServerless: options.unstarted === true }, "assess");
    const tty = context.stderr.isTTY === true;
    const reports = [];
    for (const { migration, aws } of targets) {
      let selection: ReturnType<typeof selectAssessments>;
      try {
        selection = selectAssessments(options.include, options.exclude, shapesOf(migration));
      } catch (err) {
        throw new CliError(err instanceof Error ? err.message : String(err));
      }
      for (const w of selection.warnings) context.stderr.write(`warning: ${w}\n`);
      reports.push(
        await runAssessments(aws, migration, {
          selection,
          unstartedOnly: options.unstarted === true,
          maxMinutes,
          intervalSeconds: interval,
          now,
          sleep,
          progress: (line) =>
            context.stderr.write(tty ? `\r\x1b[2K${migration.name}: ${line}` : `${migration.name}: ${line}\n`),
        }),
      );
      if (tty) context.stderr.write("\n");
    }
    context.stdout.write(
      options.format === "json"
        ? `${JSON.stringify({ command: "assess", migrations: reports }, null, 2)}\n`
        : options.format === "markdown"
          ? formatAssessMarkdown(reports)
          : formatAssessText(reports),
    );
    return reports.every((r) => r.ok) ? EXIT.ok : EXIT.violations;
  } catch (err) {
    throw await explainSetup(err);
  }
}

/** `dms-platform assess`: run DMS premigration assessments on a migration's tasks and judge them. */
export function registerAssessCommand(program: Command, context: CliContext): void {
  program
    .command("assess")
    .description("run DMS premigration assessments on a deployed migration's tasks and report each one")
    .addOption(new Option("--env <env>", "the environment").choices(["dev", "test", "prod"]).makeOptionMandatory())
    .option("--migration <name>", "a migration (a named one, or the primary's application), or all", "all")
    .option("--include <names>", "run only these individual assessments (repeat, or comma-separated)", collect, [])
    .option("--exclude <names>", "run all applicable assessments but these (repeat, or comma-separated)", collect, [])
    .option(
      "--unstarted",
      "assess only tasks that never ran (ready); the deploy workflow's gate before start-migration",
    )
    .option("--max-minutes <minutes>", "stop waiting for the runs after this many minutes", "30")
    .option("--interval <seconds>", "seconds between progress checks", "15")
    .addOption(new Option("--format <format>", "output format").choices(ASSESS_FORMATS).default("text"))
    .option("--stacks-dir <dir>", "read <dir>/replication/Pulumi.*.yaml (default: the repo's stacks/)")
    .addHelpText(
      "after",
      `
Each task gets a run (StartReplicationTaskAssessmentRun) writing to the replication stack's results
bucket with its assessment role, SSE-KMS with the bucket's key; progress goes to stderr. Failed
and warning assessments list the objects their result files name. docs/assessments.md.
AWS: dms:DescribeReplicationTasks, dms:StartReplicationTaskAssessmentRun (and iam:PassRole on the
assessment role), dms:DescribeReplicationTaskAssessmentRuns,
dms:DescribeReplicationTaskIndividualAssessments, s3:GetEncryptionConfiguration, s3:ListBucket,
s3:GetObject (and kms:Decrypt on the migration's key).

Exit codes:
  0  every run ended passed or warning, and no individual assessment failed or errored
  1  an assessment failed or errored, a run ended in error, a task is missing, or a run was
     still going after --max-minutes
${OPERATE_EXIT_2}
  3  internal error (a bug: a stack trace follows)`,
    )
    .action(async (options: AssessOptions) => {
      context.exitCode = await assess(options, context);
    });
}
