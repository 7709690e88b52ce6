import { existsSync, readFileSync } from "node:fs";
import { basename, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Environment } from "@dms-platform/config";
import type { AnalyzerSession, ResourceGraph, Violation } from "@dms-platform/offline";
import { CliError, isConfigError } from "../errors.js";
import type { PolicyEngine, PolicySource, StackDefinition, StackProgram } from "../stacks.js";

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
  /** Called as each reported stack × env is planned. */
  onProgress?(event: { plan: StackPlan; index: number; total: number }): void;
}

/** One stack × environment, planned. */
export interface StackPlan {
  /** The stack's directory name (foundation, replication). */
  stack: string;
  /** The Pulumi project name. */
  project: string;
  environment: Environment;
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
}

export function summarize(plan: StackPlan): PlanSummary {
  return {
    resources: plan.graph.resources.length,
    mandatory: plan.violations.filter((v) => v.enforcementLevel === "mandatory").length,
    advisory: plan.violations.filter((v) => v.enforcementLevel === "advisory").length,
  };
}

/** Whether any plan violates a mandatory policy (exit code 1). */
export function hasMandatoryViolations(report: PlanReport): boolean {
  return report.plans.some((p) => p.violations.some((v) => v.enforcementLevel === "mandatory"));
}

function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return path;
  return rel.split(sep).join("/");
}

/** Refuse a stack directory whose Pulumi.yaml names another project (the config namespace would differ). */
function checkProject(dir: string, def: StackDefinition, shown: string, YAML: typeof import("yaml")): void {
  const file = join(dir, "Pulumi.yaml");
  if (!existsSync(file)) return;
  let name: unknown;
  try {
    name = (YAML.parse(readFileSync(file, "utf8")) as { name?: unknown } | null)?.name;
  } catch (err) {
    throw new CliError(`${shown}: not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  if (name !== def.project) {
    throw new CliError(
      `${shown}: name: must be "${def.project}" for stack "${def.name}" (got ${JSON.stringify(name)})`,
    );
  }
}

/**
 * Plan stacks offline: per environment, run each selected stack's program (and the stacks it
 * references, first) with its Pulumi.<env>.yaml, feed referenced stacks' outputs to its
 * StackReferences, and evaluate the policy pack with the environment's policy config.
 * Programs run one after another in this process; each is imported once.
 */
export async function runPlan(options: RunPlanOptions): Promise<PlanReport> {
  const root = options.root ?? process.cwd();
  const byName = new Map(options.stacks.map((s) => [s.name, s]));
  for (const name of options.stackNames) {
    if (!byName.has(name)) {
      throw new CliError(`unknown stack "${name}": must be one of ${[...byName.keys()].join(", ")}`);
    }
  }
  // Loaded here, not at the top: `--help` and usage errors must not pay for the Pulumi SDK.
  const [offline, config, YAML] = await Promise.all([
    import("@dms-platform/offline"),
    import("@dms-platform/config"),
    import("yaml"),
  ]);
  const programs = new Map<string, Promise<StackProgram>>();
  const programOf = (def: StackDefinition): Promise<StackProgram> => {
    let p = programs.get(def.name);
    if (!p) {
      p = def.load();
      programs.set(def.name, p);
    }
    return p;
  };
  const policyFileOf = options.policyConfigFile ?? ((env: Environment) => `policies/config/${env}.json`);
  const total = options.envs.length * options.stackNames.length;
  const plans: StackPlan[] = [];

  for (const env of options.envs) {
    const policyConfigFile = policyFileOf(env);
    const policyConfig = await options.loadPolicyConfig(env);
    // Refuse a bad policy config before running anything, as the CLI does before a preview.
    offline.resolvePolicyConfig(options.policies, policyConfig, { file: policyConfigFile });
    const planned = new Map<string, Omit<StackPlan, "violations" | "policyConfigFile">>();
    const visiting: string[] = [];

    const planStack = async (def: StackDefinition): Promise<Omit<StackPlan, "violations" | "policyConfigFile">> => {
      const done = planned.get(def.name);
      if (done) return done;
      if (visiting.includes(def.name)) {
        throw new CliError(`stack references form a cycle: ${[...visiting, def.name].join(" -> ")}`);
      }
      visiting.push(def.name);
      const dir = resolve(options.stacksDir, def.name);
      const path = join(dir, `Pulumi.${env}.yaml`);
      const shown = displayPath(root, path);
      checkProject(dir, def, displayPath(root, join(dir, "Pulumi.yaml")), YAML);
      const relocate = (err: unknown): unknown => {
        // ConfigErrors name the file by its base name; say which stack's file it is.
        const cause = err instanceof offline.ProgramError ? err.cause : err;
        if (isConfigError(cause) && cause.file === basename(path)) {
          return new config.ConfigError(shown, cause.path, cause.rule);
        }
        if (err instanceof offline.ProgramError) return new CliError(`${shown}: ${err.message}`);
        return err;
      };
      let file: ReturnType<typeof config.readPulumiConfigFile>;
      try {
        file = config.readPulumiConfigFile(path);
      } catch (err) {
        throw relocate(err);
      }
      const references = def.references?.(file.values, env) ?? {};
      const stackReferences: Record<string, Record<string, unknown>> = {};
      for (const [refName, target] of Object.entries(references)) {
        const targetDef = byName.get(target);
        if (!targetDef) throw new CliError(`stack "${def.name}" references unknown stack "${target}"`);
        stackReferences[refName] = (await planStack(targetDef)).graph.outputs;
      }
      const started = performance.now();
      const program = await programOf(def);
      let graph: ResourceGraph;
      try {
        graph = await offline.runProgram(program, {
          project: def.project,
          stack: env,
          config: file.values,
          secretKeys: file.secureKeys,
          stackReferences,
        });
      } catch (err) {
        throw relocate(err);
      }
      visiting.pop();
      const result = {
        stack: def.name,
        project: def.project,
        environment: env,
        configFile: shown,
        graph,
        references,
        durationMs: performance.now() - started,
      };
      planned.set(def.name, result);
      return result;
    };

    // Registry order (dependency order), whatever order the stacks were asked in; a referenced
    // stack that is not selected is planned for its outputs only.
    let analyzer: AnalyzerSession | undefined;
    if (options.policyEngine === "grpc") {
      if (!options.packDir) throw new CliError("--policy-engine grpc needs the policy pack's directory");
      analyzer = await offline.AnalyzerSession.start(options.packDir);
    }
    try {
      await analyzer?.configure(policyConfig, policyConfigFile);
      for (const def of options.stacks.filter((s) => options.stackNames.includes(s.name))) {
        const result = await planStack(def);
        const started = performance.now();
        const violations = analyzer
          ? await analyzer.analyzeGraph(result.graph)
          : await offline.evaluatePolicies(result.graph, options.policies, {
              config: policyConfig,
              configFile: policyConfigFile,
              ...(options.policyPackName ? { policyPackName: options.policyPackName } : {}),
            });
        const plan: StackPlan = {
          ...result,
          policyConfigFile,
          violations,
          durationMs: result.durationMs + (performance.now() - started),
        };
        plans.push(plan);
        options.onProgress?.({ plan, index: plans.length, total });
      }
    } finally {
      await analyzer?.close();
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
