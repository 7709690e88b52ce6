import type { Environment } from "@dms-platform/config";
import type { AnalyzerSession } from "@dms-platform/offline";
import { CliError } from "../../errors.js";
import type { StackDefinition, StackProgram } from "../../stacks.js";
import type { RunPlanOptions } from "../report.js";
import { runUnit, type UnitJob, type UnitResult } from "./unit.js";
import type { LoadedPolicyConfig, Unit } from "./units.js";

type ConfigModule = typeof import("@dms-platform/config");
type OfflineModule = typeof import("@dms-platform/offline");

/** What running the units works with; `done` is told of each result as it comes. */
export interface ExecuteContext {
  options: RunPlanOptions;
  modules: { offline: OfflineModule; config: ConfigModule };
  policyConfigs: Map<Environment, LoadedPolicyConfig>;
  /** Each stack's program, imported once in this process (see `programLoader`). */
  programOf: (def: StackDefinition) => Promise<StackProgram>;
  done(unit: Unit, result: UnitResult): void;
}

/**
 * Run every unit, each after the units it reads: in worker threads (`jobs` > 1 with a
 * `workerRegistry`, not with the gRPC policy engine), otherwise one after another in this process.
 */
export async function executeUnits(units: Unit[], ctx: ExecuteContext): Promise<Map<Unit, UnitResult>> {
  const results = new Map<Unit, UnitResult>();
  const run: ExecuteContext = {
    ...ctx,
    done: (unit, result) => {
      results.set(unit, result);
      ctx.done(unit, result);
    },
  };
  const { options } = ctx;
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, units.length));
  if (jobs > 1 && options.workerRegistry && options.policyEngine !== "grpc") {
    await runInWorkers(units, jobs, options.workerRegistry, results, run);
  } else {
    await runInProcess(units, results, run);
  }
  return results;
}

/** A unit's job, with the outputs of the stacks it reads (planned before it). */
function withReferences(unit: Unit, results: Map<Unit, UnitResult>): UnitJob {
  const stackReferences: Record<string, Record<string, unknown>> = {};
  for (const [refName, dep] of Object.entries(unit.dependencies)) {
    const outputs = results.get(dep)?.graph.outputs;
    if (!outputs) throw new Error(`internal: ${dep.job.shown} was not planned before ${unit.job.shown}`);
    stackReferences[refName] = outputs;
  }
  return { ...unit.job, stackReferences };
}

/** Each unit in a worker thread, starting as soon as the stacks it reads are planned. */
async function runInWorkers(
  units: Unit[],
  jobs: number,
  workerRegistry: NonNullable<RunPlanOptions["workerRegistry"]>,
  results: Map<Unit, UnitResult>,
  ctx: ExecuteContext,
): Promise<void> {
  const { PlanWorkerPool } = await import("./pool.js");
  const pool = new PlanWorkerPool(jobs, workerRegistry);
  try {
    const running = new Map<Unit, Promise<void>>();
    const start = (unit: Unit): Promise<void> => {
      let p = running.get(unit);
      if (!p) {
        p = Promise.all(Object.values(unit.dependencies).map(start)).then(async () =>
          ctx.done(unit, await pool.run(withReferences(unit, results))),
        );
        running.set(unit, p);
      }
      return p;
    };
    await Promise.all(units.map(start));
  } finally {
    await pool.close();
  }
}

/** The units one after another in this process, per environment, each program imported once. */
async function runInProcess(units: Unit[], results: Map<Unit, UnitResult>, ctx: ExecuteContext): Promise<void> {
  const { options, modules, policyConfigs, programOf } = ctx;
  for (const env of options.envs) {
    const envUnits = units.filter((u) => u.env === env);
    if (envUnits.length === 0) continue;
    let analyzer: AnalyzerSession | undefined;
    if (options.policyEngine === "grpc") {
      if (!options.packDir) throw new CliError("--policy-engine grpc needs the policy pack's directory");
      analyzer = await modules.offline.AnalyzerSession.start(options.packDir);
    }
    try {
      const policyConfig = policyConfigs.get(env);
      if (analyzer && policyConfig) await analyzer.configure(policyConfig.document, policyConfig.file);
      // Units are in dependency order: what a unit reads was planned before it.
      for (const unit of envUnits) {
        const job = withReferences(unit, results);
        if (analyzer) {
          const { evaluate: _, ...runOnly } = job;
          const result = await runUnit(runOnly, await programOf(unit.def), options.policies, modules);
          if (unit.reported) {
            const started = performance.now();
            result.violations = await analyzer.analyzeGraph(result.graph);
            result.durationMs += performance.now() - started;
          }
          ctx.done(unit, result);
        } else {
          ctx.done(unit, await runUnit(job, await programOf(unit.def), options.policies, modules));
        }
      }
    } finally {
      await analyzer?.close();
    }
  }
}
