import type { Environment } from "@dms-platform/config";
import type { ResourceGraph, StackState, Violation } from "@dms-platform/offline";
import type { PolicyEngine, PolicySource, StackDefinition, StackProgram } from "../stacks.js";
import { type PlanChange, planChange } from "./change.js";
import { executeUnits } from "./execute.js";
import { previewUnit, type UnitResult } from "./unit.js";
import { type LoadedPolicyConfig, planUnits, policyConfigFileOf, sortReported, type Unit } from "./units.js";
import type { WorkerRegistryRef } from "./worker.js";

type ConfigModule = typeof import("@dms-platform/config");
type OfflineModule = typeof import("@dms-platform/offline");

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
    /** Whether the stack is reported, or planned only for the outputs another stack reads. */
    reported: boolean;
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
  // Loaded here, not at the top: `--help` and usage errors must not pay for the Pulumi SDK.
  const [offline, config] = await Promise.all([import("@dms-platform/offline"), import("@dms-platform/config")]);
  const modules = { offline, config };
  const { units, policyConfigs } = await planUnits(options, root, modules);
  const reported = sortReported(
    units.filter((u) => u.reported),
    options.envs,
    options.stacks,
  );
  const total = reported.length;
  let finished = 0;
  const toPlan = (unit: Unit, result: UnitResult) => stackPlan(unit, result, options, policyConfigs);
  const results = await executeUnits(units, {
    options,
    modules,
    policyConfigs,
    done: (unit, result) => {
      if (unit.reported) {
        finished++;
        options.onProgress?.({ plan: toPlan(unit, result), index: finished, total });
      }
    },
  });
  const planOf = new Map<Unit, StackPlan>();
  for (const unit of reported) {
    const result = results.get(unit);
    if (!result) throw new Error(`internal: ${unit.job.shown} was not planned`);
    planOf.set(unit, toPlan(unit, result));
  }
  await planAgainstState(units, results, planOf, options, policyConfigs, modules);
  return planReport([...planOf.values()], options);
}

/** A unit's result as the report shows it. */
function stackPlan(
  unit: Unit,
  result: UnitResult,
  options: RunPlanOptions,
  policyConfigs: Map<Environment, LoadedPolicyConfig>,
): StackPlan {
  const policyConfig = policyConfigs.get(unit.env);
  return {
    stack: unit.def.name,
    project: unit.def.project,
    environment: unit.env,
    stackName: unit.stackName,
    ...(unit.migration !== undefined ? { migration: unit.migration } : {}),
    configFile: unit.job.shown,
    policyConfigFile: policyConfig?.file ?? policyConfigFileOf(options, unit.env),
    graph: result.graph,
    violations: result.violations,
    references: unit.references,
    durationMs: result.durationMs,
  };
}

/**
 * `--state`, `--base`: what each plan does to its deployed stack (`plan.change`). Each unit with a
 * state (every reported one: a stack without state is created whole) runs again as `pulumi preview`
 * runs it against that state, in dependency order, so a StackReference reads the referenced stack's
 * preview: a foundation change reaches the replication stacks of the same plan. A referenced stack
 * with no state given is read as the referencing stack's state last read it (its StackReference's
 * outputs in the export), else as planned.
 */
async function planAgainstState(
  units: Unit[],
  results: Map<Unit, UnitResult>,
  planOf: Map<Unit, StackPlan>,
  options: RunPlanOptions,
  policyConfigs: Map<Environment, LoadedPolicyConfig>,
  modules: { offline: OfflineModule; config: ConfigModule },
): Promise<void> {
  const { offline } = modules;
  const stateFor = options.stateFor;
  if (!stateFor) return;
  await options.stateReady;
  const programs = new Map<string, Promise<StackProgram>>();
  const previews = new Map<Unit, ResourceGraph>();
  for (const unit of units) {
    const plan = planOf.get(unit);
    const fileBase = plan ? planFileBase(plan) : unit.def.name;
    const state = stateFor({
      fileBase,
      environment: unit.env,
      project: unit.def.project,
      stackName: unit.stackName,
      reported: unit.reported,
    });
    if (!unit.reported && !state) continue;
    const deployed = state ?? { file: "", resources: [] };
    const readBefore = offline.stackReferenceOutputs(deployed);
    const stackReferences: Record<string, Record<string, unknown>> = {};
    for (const [refName, dep] of Object.entries(unit.dependencies)) {
      const outputs = previews.get(dep)?.outputs ?? readBefore[refName] ?? results.get(dep)?.graph.outputs;
      if (outputs) stackReferences[refName] = outputs;
    }
    let program = programs.get(unit.def.name);
    if (!program) {
      program = unit.def.load();
      programs.set(unit.def.name, program);
    }
    const preview = await previewUnit({ ...unit.job, stackReferences }, await program, deployed, modules);
    previews.set(unit, preview);
    if (!plan) continue;
    const policyConfig = policyConfigs.get(plan.environment);
    const levels = offline.resolvePolicyConfig(options.policies, policyConfig?.document, {
      file: plan.policyConfigFile,
    });
    plan.change = await planChange(
      preview,
      state,
      plan.violations,
      modules,
      (graph) =>
        offline.evaluatePolicies(graph, options.policies, {
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

/** The report: the plans, and the policy pack they were evaluated with. */
function planReport(plans: StackPlan[], options: RunPlanOptions): PlanReport {
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
