import type { Environment } from "@dms-platform/config";
import type { ResourceGraph } from "@dms-platform/offline";
import { foundationStackFiles, placementOf, raisedQuotas } from "../accounts.js";
import type { StackDefinition, StackProgram } from "../stacks.js";
import { literalSecrets } from "./checks/literal-secrets.js";
import { executeUnits } from "./execute/execute.js";
import { previewUnit, programLoader, type UnitResult } from "./execute/unit.js";
import { type LoadedPolicyConfig, planUnits, policyConfigFileOf, sortReported, type Unit } from "./execute/units.js";
import { fleetQuotas } from "./fleet/quotas.js";
import { planChange, planDestroy } from "./state/change.js";

type ConfigModule = typeof import("@dms-platform/config");
type OfflineModule = typeof import("@dms-platform/offline");

export type { PlanReport, PlanSummary, PolicyInfo, RunPlanOptions, StackPlan } from "./types.js";

import { planFileBase } from "./report.js";
import type { PlanReport, RunPlanOptions, StackPlan } from "./types.js";

export { hasMandatoryViolations, hasProblems, isNamedMigration, planFileBase, planLabel, summarize } from "./report.js";

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
  const programOf = programLoader();
  const results = await executeUnits(units, {
    programOf,
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
  await planAgainstState(units, results, planOf, options, policyConfigs, modules, programOf);
  return planReport([...planOf.values()], options);
}

/**
 * The fleet's DMS quotas: what the reported plans create, per account and region, against the
 * quotas the foundations of `stacksDir` declare raised. Not under `--destroy` (nothing is created).
 */
function fleetOf(plans: StackPlan[], options: RunPlanOptions): PlanReport["quotas"] {
  if (options.destroy) return undefined;
  const raised = raisedQuotas(foundationStackFiles(options.stacksDir));
  return fleetQuotas(
    plans.map((plan) => ({ plan, placement: plan.placement ?? {} })),
    raised,
  );
}

/** A unit's result as the report shows it. */
function stackPlan(
  unit: Unit,
  result: UnitResult,
  options: RunPlanOptions,
  policyConfigs: Map<Environment, LoadedPolicyConfig>,
): StackPlan {
  const policyConfig = policyConfigs.get(unit.env);
  const secrets = literalSecrets(result.graph);
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
    ...(secrets.length > 0 ? { literalSecrets: secrets } : {}),
    references: unit.references,
    durationMs: result.durationMs,
    placement: placementOf(unit.job.config),
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
  programOf: (def: StackDefinition) => Promise<StackProgram>,
): Promise<void> {
  const { offline } = modules;
  const stateFor = options.stateFor;
  if (!stateFor) return;
  await options.stateReady;
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
    if (options.destroy) {
      // `pulumi destroy` runs no program: what it does is the state's, in reverse.
      if (plan)
        plan.change = planDestroy(state, plan.graph, (type) => modules.config.providerSchemaOf(type)?.fixedName);
      continue;
    }
    const deployed = state ?? { file: "", resources: [] };
    const readBefore = offline.stackReferenceOutputs(deployed);
    const stackReferences: Record<string, Record<string, unknown>> = {};
    for (const [refName, dep] of Object.entries(unit.dependencies)) {
      const outputs = previews.get(dep)?.outputs ?? readBefore[refName] ?? results.get(dep)?.graph.outputs;
      if (outputs) stackReferences[refName] = outputs;
    }
    const preview = await previewUnit({ ...unit.job, stackReferences }, await programOf(unit.def), deployed, modules);
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
  const quotas = fleetOf(plans, options);
  return {
    plans,
    ...(quotas ? { quotas } : {}),
    policyPackName: options.policyPackName ?? "dms-platform",
    policies: options.policies.map((p) => ({
      name: p.name,
      description: p.description,
      ...(p.enforcementLevel ? { enforcementLevel: p.enforcementLevel } : {}),
    })),
  };
}
