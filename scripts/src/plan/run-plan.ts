import { existsSync, readFileSync } from "node:fs";
import { basename, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Environment } from "@dms-platform/config";
import type {
  AnalyzerSession,
  PolicyConfigDocument,
  ResourceGraph,
  StackState,
  Violation,
} from "@dms-platform/offline";
import { CliError } from "../errors.js";
import type { PolicyEngine, PolicySource, StackDefinition, StackInstance, StackProgram } from "../stacks.js";
import { type PlanChange, planChange } from "./change.js";
import { runUnit, type UnitJob, type UnitResult } from "./unit.js";
import type { WorkerRegistryRef } from "./worker.js";

export interface RunPlanOptions extends PolicySource {
  /** The stacks that can be planned (the registry), in any order. */
  stacks: StackDefinition[];
  /** Environments to plan, in order. */
  envs: Environment[];
  /** Names of the stacks to report; stacks they reference are planned too, silently. */
  stackNames: string[];
  /** Directory holding `<stack>/Pulumi.<env>.yaml`. */
  stacksDir: string;
  /**
   * Paths in reports (text, SARIF locations) are relative to this directory, the repository root,
   * when inside it, and absolute otherwise. @default process.cwd()
   */
  root?: string;
  /** How violations are computed. @default "in-process" */
  policyEngine?: PolicyEngine;
  /**
   * For a project with one stack per migration (replication): the migration to plan, by name (the
   * primary's name is its `application`), or "all". @default "all"
   */
  migration?: string;
  /**
   * Programs run at once, each in a worker thread (with `workerRegistry`); 1 runs them one after
   * another in this process. Capped by the number of stacks to run. @default 1
   */
  jobs?: number;
  /** How a worker loads the registry (functions do not cross threads). Required for jobs > 1. */
  workerRegistry?: WorkerRegistryRef;
  /** Called as each reported stack × env is planned. */
  onProgress?(event: { plan: StackPlan; index: number; total: number }): void;
  /**
   * Plan against deployed state (`--state`, `--base`): the state of each reported stack × env,
   * by the plan's file base (`foundation`, `replication-orders`) and environment; undefined when
   * the stack has none (not deployed: everything is created). Absent: a plan from nothing, as before.
   */
  stateFor?(plan: {
    fileBase: string;
    environment: Environment;
    project: string;
    stackName: string;
  }): StackState | undefined;
  /** Settles when `stateFor` can answer (`--base` plans the base while this plan's programs run). */
  stateReady?: Promise<unknown>;
}

/** One stack × environment, planned. */
export interface StackPlan {
  /** The stack's directory name (foundation, replication). */
  stack: string;
  /** The Pulumi project name. */
  project: string;
  environment: Environment;
  /** The Pulumi stack name: the environment, or `<migration>-<env>` for a named migration. @default environment */
  stackName?: string;
  /**
   * The migration, for a project with one stack per migration (replication): the named migration,
   * or the primary's `application`; undefined for the foundation.
   */
  migration?: string;
  /** The stack config file, relative to `cwd` with forward slashes (`stacks/foundation/Pulumi.dev.yaml`). */
  configFile: string;
  /** The policy config the violations were evaluated with (`policies/config/dev.json`). */
  policyConfigFile: string;
  graph: ResourceGraph;
  violations: Violation[];
  /** StackReference name -> the planned stack whose outputs it read. */
  references: Record<string, string>;
  /** Wall time of the program run and the policy evaluation. */
  durationMs: number;
  /** What the plan does to the deployed stack, when planned against state (`--state`, `--base`). */
  change?: PlanChange;
}

/** A policy of the pack, as reports list it. */
export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel?: string;
}

export interface PlanReport {
  plans: StackPlan[];
  policyPackName: string;
  policies: PolicyInfo[];
}

export interface PlanSummary {
  resources: number;
  mandatory: number;
  advisory: number;
  /** Against state only: resources per operation, and the problems that fail `up`. */
  create?: number;
  update?: number;
  replace?: number;
  delete?: number;
  same?: number;
  problems?: number;
}

export function summarize(plan: StackPlan): PlanSummary {
  return {
    resources: plan.graph.resources.length,
    mandatory: plan.violations.filter((v) => v.enforcementLevel === "mandatory").length,
    advisory: plan.violations.filter((v) => v.enforcementLevel === "advisory").length,
    ...(plan.change
      ? {
          ...plan.change.counts,
          problems: plan.change.changes.reduce((n, c) => n + c.problems.length, 0),
        }
      : {}),
  };
}

/** Whether any plan violates a mandatory policy (exit code 1). */
export function hasMandatoryViolations(report: PlanReport): boolean {
  return report.plans.some((p) => p.violations.some((v) => v.enforcementLevel === "mandatory"));
}

/** Whether any plan has a change certain to fail `pulumi up` (exit code 1, as a mandatory violation). */
export function hasProblems(report: PlanReport): boolean {
  return report.plans.some((p) => p.change?.changes.some((c) => c.problems.length > 0) ?? false);
}

function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return path;
  return rel.split(sep).join("/");
}

/** Whether a plan is a named migration's stack (`orders-dev`) rather than the environment's own. */
export function isNamedMigration(plan: StackPlan): boolean {
  return plan.stackName !== undefined && plan.stackName !== plan.environment;
}

/** How reports name a plan: `replication`, or `replication/orders` for a named migration. */
export function planLabel(plan: StackPlan): string {
  return isNamedMigration(plan) ? `${plan.stack}/${plan.migration ?? plan.stackName}` : plan.stack;
}

/** The base of a plan's --out file: `foundation`, `replication`, `replication-orders` (then `.<env>.<ext>`). */
export function planFileBase(plan: StackPlan): string {
  return isNamedMigration(plan) ? `${plan.stack}-${plan.migration ?? plan.stackName}` : plan.stack;
}

type ConfigModule = typeof import("@dms-platform/config");

/** Refuse a stack directory whose Pulumi.yaml names another project (the config namespace would differ). */
function checkProject(dir: string, def: StackDefinition, shown: string, config: ConfigModule): void {
  const file = join(dir, "Pulumi.yaml");
  if (!existsSync(file)) return;
  const project = config.parseYaml(readFileSync(file, "utf8"), shown).value;
  const name = typeof project === "object" && project !== null ? (project as { name?: unknown }).name : undefined;
  if (name !== def.project) {
    throw new CliError(
      `${shown}: name: must be "${def.project}" for stack "${def.name}" (got ${JSON.stringify(name)})`,
    );
  }
}

/** One program to run: a stack × environment, or one migration's stack. */
interface Unit {
  def: StackDefinition;
  env: Environment;
  stackName: string;
  migration?: string;
  /** Reported (policies evaluated), or only run for its outputs. */
  reported: boolean;
  job: UnitJob;
  /** StackReference name -> the stack directory name it reads (the target's primary stack of env). */
  references: Record<string, string>;
  /** Units whose outputs this one reads, by StackReference name. */
  dependencies: Record<string, Unit>;
}

const applicationOf = (def: StackDefinition, values: Record<string, unknown>): string | undefined => {
  const app = values[`${def.project}:application`];
  return typeof app === "string" ? app : undefined;
};

/**
 * Plan stacks offline: per environment, run each selected stack's program (and the stacks it
 * references, first) with its config, feed referenced stacks' outputs to its StackReferences, and
 * evaluate the policy pack with the environment's policy config. A project with one stack per
 * migration (replication) is run once per migration stack of the environment (`--migration`).
 * With `jobs` 1 the programs run one after another in this process, each imported once; with more,
 * in worker threads, a unit starting as soon as the stacks it reads are planned. Results come in
 * a stable order (environment, registry order, primary then named migrations by name).
 */
export async function runPlan(options: RunPlanOptions): Promise<PlanReport> {
  const root = options.root ?? process.cwd();
  const byName = new Map(options.stacks.map((s) => [s.name, s]));
  for (const name of options.stackNames) {
    if (!byName.has(name)) {
      throw new CliError(`unknown stack "${name}": must be one of ${[...byName.keys()].join(", ")}`);
    }
  }
  const migration = options.migration === undefined || options.migration === "all" ? undefined : options.migration;
  // Loaded here, not at the top: `--help` and usage errors must not pay for the Pulumi SDK.
  const [offline, config] = await Promise.all([import("@dms-platform/offline"), import("@dms-platform/config")]);
  const policyFileOf = options.policyConfigFile ?? ((env: Environment) => `policies/config/${env}.json`);
  const policyConfigs = new Map<Environment, { document: PolicyConfigDocument; file: string }>();
  const units: Unit[] = [];

  for (const env of options.envs) {
    const policyConfigFile = policyFileOf(env);
    const policyConfig = await options.loadPolicyConfig(env);
    // Refuse a bad policy config before running anything, as the CLI does before a preview.
    offline.resolvePolicyConfig(options.policies, policyConfig, { file: policyConfigFile });
    policyConfigs.set(env, { document: policyConfig, file: policyConfigFile });
    const evaluate = {
      policyConfig,
      policyConfigFile,
      ...(options.policyPackName ? { policyPackName: options.policyPackName } : {}),
    };
    // The environment's primary unit of each stack (what a StackReference reads), by stack name.
    const primaries = new Map<string, Unit>();
    const visiting: string[] = [];

    const makeUnit = (def: StackDefinition, instance: StackInstance, reported: boolean): Unit => {
      const path = resolve(instance.file);
      const shown = displayPath(root, path);
      let file: ReturnType<typeof config.readPulumiConfigFile>;
      try {
        file = config.readPulumiConfigFile(path);
      } catch (err) {
        if (err instanceof config.ConfigError && (err.file === path || err.file === basename(path))) {
          throw new config.ConfigError(shown, err.path, err.rule);
        }
        throw err;
      }
      const name =
        instance.migration ?? (def.instances && instance.stack === env ? applicationOf(def, file.values) : undefined);
      const unit: Unit = {
        def,
        env,
        stackName: instance.stack,
        ...(name !== undefined ? { migration: name } : {}),
        reported,
        references: def.references?.(file.values, env) ?? {},
        dependencies: {},
        job: {
          stack: def.name,
          project: def.project,
          stackName: instance.stack,
          environment: env,
          fileName: basename(path),
          shown,
          config: file.values,
          secretKeys: [...file.secureKeys],
          stackReferences: {},
          ...(reported ? { evaluate } : {}),
        },
      };
      for (const [refName, target] of Object.entries(unit.references)) {
        const targetDef = byName.get(target);
        if (!targetDef) throw new CliError(`stack "${def.name}" references unknown stack "${target}"`);
        unit.dependencies[refName] = primaryOf(targetDef);
      }
      return unit;
    };

    const checkedProjects = new Set<string>();
    const checkDir = (def: StackDefinition): string => {
      const dir = resolve(options.stacksDir, def.name);
      if (!checkedProjects.has(def.name)) {
        checkProject(dir, def, displayPath(root, join(dir, "Pulumi.yaml")), config);
        checkedProjects.add(def.name);
      }
      return dir;
    };

    /** The stack `<env>` of a project, planned (silently unless selected) before what reads it. */
    const primaryOf = (def: StackDefinition): Unit => {
      const done = primaries.get(def.name);
      if (done) return done;
      if (visiting.includes(def.name)) {
        throw new CliError(`stack references form a cycle: ${[...visiting, def.name].join(" -> ")}`);
      }
      visiting.push(def.name);
      const dir = checkDir(def);
      const unit = makeUnit(def, { stack: env, file: join(dir, `Pulumi.${env}.yaml`) }, false);
      visiting.pop();
      primaries.set(def.name, unit);
      units.push(unit);
      return unit;
    };

    // Registry order (dependency order), whatever order the stacks were asked in; a referenced
    // stack that is not selected is planned for its outputs only.
    for (const def of options.stacks.filter((s) => options.stackNames.includes(s.name))) {
      const dir = checkDir(def);
      if (!def.instances) {
        const unit = primaryOf(def);
        unit.reported = true;
        unit.job.evaluate = evaluate;
        continue;
      }
      const listed = await def.instances(dir, env);
      const primaryFile = join(dir, `Pulumi.${env}.yaml`);
      // The primary stack is required (as before migrations existed): a missing file is named.
      const instances = listed.some((i) => i.migration === undefined)
        ? listed
        : [{ stack: env, file: primaryFile }, ...listed];
      let selected = instances;
      if (migration !== undefined) {
        const named = instances.filter((i) => i.migration === migration);
        selected =
          named.length > 0
            ? named
            : instances.filter(
                (i) =>
                  i.migration === undefined &&
                  existsSync(i.file) &&
                  applicationOf(def, config.readPulumiConfigFile(i.file).values) === migration,
              );
        if (selected.length === 0) {
          const expected = displayPath(root, join(dir, `Pulumi.${migration}-${env}.yaml`));
          throw new CliError(
            `${expected}: not found: no migration "${migration}" in ${env} (\`dms-platform new-migration --name ${migration}\` writes its files for every environment)`,
          );
        }
      }
      for (const instance of selected) {
        if (instance.migration === undefined) {
          const unit = primaryOf(def);
          unit.reported = true;
          unit.job.evaluate = evaluate;
          continue;
        }
        visiting.push(def.name);
        const unit = makeUnit(def, instance, true);
        visiting.pop();
        units.push(unit);
      }
    }
  }

  const reported = sortReported(
    units.filter((u) => u.reported),
    options.envs,
    options.stacks,
  );
  const total = reported.length;
  const results = new Map<Unit, UnitResult>();
  let finished = 0;
  const toPlan = (unit: Unit, result: UnitResult): StackPlan => {
    const policyConfig = policyConfigs.get(unit.env);
    return {
      stack: unit.def.name,
      project: unit.def.project,
      environment: unit.env,
      stackName: unit.stackName,
      ...(unit.migration !== undefined ? { migration: unit.migration } : {}),
      configFile: unit.job.shown,
      policyConfigFile: policyConfig?.file ?? policyFileOf(unit.env),
      graph: result.graph,
      violations: result.violations,
      references: unit.references,
      durationMs: result.durationMs,
    };
  };
  const done = (unit: Unit, result: UnitResult): void => {
    results.set(unit, result);
    if (unit.reported) {
      finished++;
      options.onProgress?.({ plan: toPlan(unit, result), index: finished, total });
    }
  };
  const withReferences = (unit: Unit): UnitJob => {
    const stackReferences: Record<string, Record<string, unknown>> = {};
    for (const [refName, dep] of Object.entries(unit.dependencies)) {
      const outputs = results.get(dep)?.graph.outputs;
      if (!outputs) throw new Error(`internal: ${dep.job.shown} was not planned before ${unit.job.shown}`);
      stackReferences[refName] = outputs;
    }
    return { ...unit.job, stackReferences };
  };

  const jobs = Math.max(1, Math.min(options.jobs ?? 1, units.length));
  if (jobs > 1 && options.workerRegistry && options.policyEngine !== "grpc") {
    const { PlanWorkerPool } = await import("./pool.js");
    const pool = new PlanWorkerPool(jobs, options.workerRegistry);
    try {
      const running = new Map<Unit, Promise<void>>();
      const start = (unit: Unit): Promise<void> => {
        let p = running.get(unit);
        if (!p) {
          p = Promise.all(Object.values(unit.dependencies).map(start)).then(async () =>
            done(unit, await pool.run(withReferences(unit))),
          );
          running.set(unit, p);
        }
        return p;
      };
      await Promise.all(units.map(start));
    } finally {
      await pool.close();
    }
  } else {
    const programs = new Map<string, Promise<StackProgram>>();
    const programOf = (def: StackDefinition): Promise<StackProgram> => {
      let p = programs.get(def.name);
      if (!p) {
        p = def.load();
        programs.set(def.name, p);
      }
      return p;
    };
    for (const env of options.envs) {
      const envUnits = units.filter((u) => u.env === env);
      if (envUnits.length === 0) continue;
      let analyzer: AnalyzerSession | undefined;
      if (options.policyEngine === "grpc") {
        if (!options.packDir) throw new CliError("--policy-engine grpc needs the policy pack's directory");
        analyzer = await offline.AnalyzerSession.start(options.packDir);
      }
      try {
        const policyConfig = policyConfigs.get(env);
        if (analyzer && policyConfig) await analyzer.configure(policyConfig.document, policyConfig.file);
        // Units are in dependency order: what a unit reads was planned before it.
        for (const unit of envUnits) {
          const job = withReferences(unit);
          if (analyzer) {
            const { evaluate: _, ...runOnly } = job;
            const result = await runUnit(runOnly, await programOf(unit.def), options.policies, { offline, config });
            if (unit.reported) {
              const started = performance.now();
              result.violations = await analyzer.analyzeGraph(result.graph);
              result.durationMs += performance.now() - started;
            }
            done(unit, result);
          } else {
            done(unit, await runUnit(job, await programOf(unit.def), options.policies, { offline, config }));
          }
        }
      } finally {
        await analyzer?.close();
      }
    }
  }
  const plans = reported.map((unit) => {
    const result = results.get(unit);
    if (!result) throw new Error(`internal: ${unit.job.shown} was not planned`);
    return toPlan(unit, result);
  });
  if (options.stateFor) {
    await options.stateReady;
    for (const plan of plans) {
      const policyConfig = policyConfigs.get(plan.environment);
      const levels = offline.resolvePolicyConfig(options.policies, policyConfig?.document, {
        file: plan.policyConfigFile,
      });
      const state = options.stateFor({
        fileBase: planFileBase(plan),
        environment: plan.environment,
        project: plan.project,
        stackName: plan.stackName ?? plan.environment,
      });
      plan.change = await planChange(
        plan.graph,
        state,
        plan.violations,
        { offline, config },
        (preview) =>
          offline.evaluatePolicies(preview, options.policies, {
            ...(policyConfig ? { config: policyConfig.document } : {}),
            configFile: plan.policyConfigFile,
            ...(options.policyPackName ? { policyPackName: options.policyPackName } : {}),
          }),
        (policy) => {
          const level = levels.get(policy)?.enforcementLevel;
          return level === "mandatory" || level === "remediate";
        },
      );
    }
  }
  return {
    plans,
    policyPackName: options.policyPackName ?? "dms-platform",
    policies: options.policies.map((p) => ({
      name: p.name,
      description: p.description,
      ...(p.enforcementLevel ? { enforcementLevel: p.enforcementLevel } : {}),
    })),
  };
}

/** Environment, then registry order, then the primary stack before named migrations by name. */
function sortReported(units: Unit[], envs: readonly Environment[], stacks: readonly StackDefinition[]): Unit[] {
  const rank = (u: Unit) => [envs.indexOf(u.env), stacks.indexOf(u.def), u.stackName === u.env ? 0 : 1] as const;
  return [...units].sort((a, b) => {
    const [ea, sa, pa] = rank(a);
    const [eb, sb, pb] = rank(b);
    return ea - eb || sa - sb || pa - pb || (a.migration ?? "").localeCompare(b.migration ?? "");
  });
}
