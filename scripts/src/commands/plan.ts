import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative, resolve } from "node:path";
import type { Environment } from "@dms-platform/config";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { CliError, EXIT, EXIT_CODES_HELP } from "../errors.js";
import { FORMAT_EXTENSIONS, PLAN_FORMATS, type PlanFormat } from "../plan/render/formats.js";
import { POLICY_ENGINES, type PolicyEngine } from "../stacks.js";

/** `--env` values: the environments (ENVIRONMENTS of @dms-platform/config, not imported for `--help`'s sake) and all. */
export const ENV_CHOICES = ["dev", "test", "prod", "all"] as const;
/** `--stack` values: the stack directories and all. */
export const STACK_CHOICES = ["foundation", "replication", "all"] as const;

interface PlanOptions {
  env: (typeof ENV_CHOICES)[number];
  stack: (typeof STACK_CHOICES)[number];
  format: PlanFormat;
  out?: string;
  stacksDir?: string;
  policyEngine: PolicyEngine;
  migration: string;
  jobs?: string;
  writeState?: string;
  state?: string;
  base?: string;
  destroy?: boolean;
}

/**
 * `--jobs`: a positive integer. The default leaves one core to this process: planning in one
 * thread already keeps about 1.3 cores busy (V8 collects garbage on helper threads), so on two cores
 * workers only add their start-up and memory (docs/benchmarks.md, "Many migrations").
 */
export function parseJobs(value: string | undefined): number {
  if (value === undefined) return Math.max(1, availableParallelism() - 1);
  if (!/^[1-9][0-9]*$/.test(value)) throw new CliError(`--jobs: must be a positive integer (got "${value}")`);
  return Number(value);
}

async function plan(options: PlanOptions, context: CliContext): Promise<number> {
  const envs: Environment[] = options.env === "all" ? ["dev", "test", "prod"] : [options.env];
  const jobs = parseJobs(options.jobs);
  const stacksDir = options.stacksDir ? resolve(context.cwd, options.stacksDir) : join(context.repoRoot, "stacks");
  // The renderers and the offline engine load the Pulumi SDK: only now that a plan runs.
  const [registry, planModule] = await Promise.all([context.loadRegistry(), import("../plan/index.js")]);
  const stackNames = options.stack === "all" ? registry.stacks.map((s) => s.name) : [options.stack];
  // Account-level resources: whatever --env and --stack select, two environments' foundations must
  // not both create the DMS roles in one account (the second `up` would fail).
  const { accountRoleClashes, foundationStackFiles } = await import("../accounts.js");
  const [clash] = accountRoleClashes(foundationStackFiles(stacksDir));
  if (clash) throw new CliError(clash);
  if (options.state !== undefined && options.base !== undefined) {
    throw new CliError("--state and --base: give one (--base plans the revision to state itself)");
  }
  if (options.destroy && options.state === undefined && options.base === undefined) {
    throw new CliError("--destroy: give the state to destroy, with --state or --base");
  }
  const offline =
    options.state !== undefined || options.base !== undefined || options.writeState !== undefined
      ? await import("@dms-platform/offline")
      : undefined;
  const { shownPath, stateSource } = await import("../plan/state/state.js");
  const shown = (file: string) => shownPath(context.cwd, file);
  let base: import("../plan/state/base.js").BaseCheckout | undefined;
  let source: ReturnType<typeof stateSource> | undefined;
  if (options.state !== undefined && offline) {
    source = stateSource(resolve(context.cwd, options.state), shown, offline);
    if (source.single && envs.length * stackNames.length > 1) {
      throw new CliError(
        `--state ${options.state}: a file holds one stack × env, but this plan selects ${envs.length * stackNames.length}; select one with --env and --stack, or pass a directory of <stack>.<env>.state.json`,
      );
    }
  }
  let basePlanned: Promise<unknown> | undefined;
  if (options.base !== undefined && offline) {
    const { planBase } = await import("../plan/state/base.js");
    const started = performance.now();
    const ref = options.base;
    // The base is checked out, built and planned in child processes while this tree is planned.
    basePlanned = planBase({
      repoRoot: context.repoRoot,
      ref,
      planArgs: [
        "--env",
        options.env,
        "--stack",
        options.stack,
        "--migration",
        options.migration,
        "--jobs",
        String(jobs),
      ],
      log: (line) => context.stderr.write(`${line}\n`),
    }).then((checkout) => {
      base = checkout;
      context.stderr.write(
        `planned ${ref} (${checkout.commit.slice(0, 12)}, dependencies ${checkout.dependencies}) to state in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
      source = stateSource(checkout.stateDir, shown, offline);
    });
    // Awaited by runPlan before it diffs; a failure surfaces there (or below), never unhandled.
    basePlanned.catch(() => undefined);
  }
  try {
    return await planAndReport(options, context, {
      envs,
      jobs,
      stacksDir,
      registry,
      planModule,
      stackNames,
      source: basePlanned ? { single: false, stateFor: (plan) => source?.stateFor(plan) } : source,
      ...(basePlanned ? { stateReady: basePlanned } : {}),
      offline,
    });
  } finally {
    await basePlanned?.catch(() => undefined);
    base?.dispose();
  }
}

async function planAndReport(
  options: PlanOptions,
  context: CliContext,
  run: {
    envs: Environment[];
    jobs: number;
    stacksDir: string;
    registry: Awaited<ReturnType<CliContext["loadRegistry"]>>;
    planModule: typeof import("../plan/index.js");
    stackNames: string[];
    source: ReturnType<typeof import("../plan/state/state.js").stateSource> | undefined;
    stateReady?: Promise<unknown>;
    offline: typeof import("@dms-platform/offline") | undefined;
  },
): Promise<number> {
  const { envs, jobs, stacksDir, registry, planModule, stackNames, source, offline } = run;
  const {
    hasMandatoryViolations,
    hasProblems,
    planFileBase,
    planLabel,
    planQuotaKey,
    renderPlan,
    runPlan,
    summarize,
    useColor,
  } = planModule;
  const report = await runPlan({
    ...registry,
    envs,
    stackNames,
    stacksDir,
    root: context.repoRoot,
    policyEngine: options.policyEngine,
    migration: options.migration,
    jobs,
    ...(context.workerRegistry ? { workerRegistry: context.workerRegistry } : {}),
    ...(source ? { stateFor: source.stateFor } : {}),
    ...(options.destroy ? { destroy: true } : {}),
    ...(run.stateReady ? { stateReady: run.stateReady } : {}),
    onProgress: ({ plan: p, index, total }) => {
      // One line per stack as it finishes, when several run.
      if (total > 1) {
        const s = summarize(p);
        context.stderr.write(
          `[${index}/${total}] ${planLabel(p)} (${p.environment}): ${s.resources} resources, ${s.mandatory} mandatory, ${s.advisory} advisory (${(p.durationMs / 1000).toFixed(1)} s)\n`,
        );
      }
    },
  });
  if (options.writeState !== undefined && offline) {
    const { writeStates } = await import("../plan/state/state.js");
    for (const file of writeStates(report, resolve(context.cwd, options.writeState), offline)) {
      context.stderr.write(`wrote ${relative(context.cwd, file) || file}\n`);
    }
  }
  if (options.out) {
    const dir = resolve(context.cwd, options.out);
    mkdirSync(dir, { recursive: true });
    for (const p of report.plans) {
      const file = join(dir, `${planFileBase(p)}.${p.environment}.${FORMAT_EXTENSIONS[options.format]}`);
      // Each file shows the fleet's quota findings its stack counts toward.
      const quotas = report.quotas && {
        findings: report.quotas.findings.filter((f) => f.plans.includes(planQuotaKey(p))),
        unplaced: report.quotas.unplaced,
      };
      writeFileSync(file, renderPlan({ ...report, plans: [p], ...(quotas ? { quotas } : {}) }, options.format));
      context.stderr.write(`wrote ${relative(context.cwd, file) || file}\n`);
    }
  } else {
    const color = options.format === "text" && useColor(context.stdout, context.env);
    context.stdout.write(renderPlan(report, options.format, { color }));
  }
  return hasMandatoryViolations(report) || hasProblems(report) ? EXIT.violations : EXIT.ok;
}

/** `dms-platform plan`: what each stack × environment would build, and the policy verdict. */
export function registerPlanCommand(program: Command, context: CliContext): void {
  program
    .command("plan")
    .description("run the stack programs offline and evaluate the policy pack on what they would build")
    .addOption(new Option("--env <env>", "environment to plan").choices(ENV_CHOICES).default("all"))
    .addOption(
      new Option("--stack <stack>", "stack to plan (the stacks it reads are run too)")
        .choices(STACK_CHOICES)
        .default("all"),
    )
    .addOption(new Option("--format <format>", "output format").choices(PLAN_FORMATS).default("text"))
    .option(
      "--migration <name>",
      "replication: the migration to plan (a named migration, or the primary's application), or all",
      "all",
    )
    .option(
      "--jobs <n>",
      "programs run at once, in worker threads (default: the machine's cores less one; 1 runs them in this process)",
    )
    .option(
      "--out <dir>",
      "write each stack × env to <dir>/<stack>.<env>.<ext> (a named migration: replication-<name>.<env>.<ext>) instead of stdout",
    )
    .option("--stacks-dir <dir>", "read <stack>/Pulumi.<env>.yaml from <dir> (default: the repo's stacks/)")
    .option(
      "--write-state <dir>",
      "also write <dir>/<stack>.<env>.state.json: the state `pulumi stack export` would print after `up` of this plan",
    )
    .option(
      "--state <path>",
      "plan against deployed state: a `pulumi stack export` file (one stack × env) or a directory of <stack>.<env>.state.json",
    )
    .option(
      "--base <git-ref>",
      "plan against <git-ref>: plan that revision (in a temporary git worktree, with its own code) to state, then this tree against it",
    )
    .option(
      "--destroy",
      "with --state or --base: what `pulumi destroy` would do to each stack: every resource deleted in order, what is retained or protected, what AWS would refuse, what a re-create would collide with",
    )
    .addOption(
      new Option(
        "--policy-engine <engine>",
        "evaluate policies in this process, or by starting the pack and speaking the CLI's analyzer protocol",
      )
        .choices(POLICY_ENGINES)
        .default("in-process"),
    )
    .addHelpText(
      "after",
      `
Results go to stdout (or --out), progress and errors to stderr. Colour only on a terminal; NO_COLOR honoured.
${EXIT_CODES_HELP}`,
    )
    .action(async (options: PlanOptions) => {
      context.exitCode = await plan(options, context);
    });
}
