import { existsSync, readFileSync } from "node:fs";
import { basename, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Environment } from "@dms-platform/config";
import type { PolicyConfigDocument } from "@dms-platform/offline";
import { CliError } from "../../errors.js";
import type { StackDefinition, StackInstance } from "../../stacks.js";
import type { RunPlanOptions } from "../report.js";
import type { UnitJob } from "./unit.js";

type ConfigModule = typeof import("@dms-platform/config");
type OfflineModule = typeof import("@dms-platform/offline");

/** One program to run: a stack × environment, or one migration's stack. */
export interface Unit {
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

/** An environment's policy config, as loaded, and the file it came from. */
export interface LoadedPolicyConfig {
  document: PolicyConfigDocument;
  file: string;
}

/** The programs a plan runs, in dependency order, and the policy config of each environment. */
export interface PlannedUnits {
  units: Unit[];
  policyConfigs: Map<Environment, LoadedPolicyConfig>;
}

/** What planning the units of one environment works with. */
interface EnvContext {
  options: RunPlanOptions;
  env: Environment;
  root: string;
  config: ConfigModule;
  byName: Map<string, StackDefinition>;
  evaluate: NonNullable<UnitJob["evaluate"]>;
  /** The environment's primary unit of each stack (what a StackReference reads), by stack name. */
  primaries: Map<string, Unit>;
  visiting: string[];
  checkedProjects: Set<string>;
  /** Every unit of the plan, in dependency order (appended to). */
  units: Unit[];
}

/** The policy config file of an environment, as reports name it (`policies/config/dev.json`). */
export function policyConfigFileOf(options: RunPlanOptions, env: Environment): string {
  return options.policyConfigFile ? options.policyConfigFile(env) : `policies/config/${env}.json`;
}

function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return path;
  return rel.split(sep).join("/");
}

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

const applicationOf = (def: StackDefinition, values: Record<string, unknown>): string | undefined => {
  const app = values[`${def.project}:application`];
  return typeof app === "string" ? app : undefined;
};

/**
 * The programs to run, per environment in order: each selected stack (each selected migration's
 * stack of a project with one stack per migration), preceded by the stacks it references. Refuses
 * unknown stacks, a bad policy config, a stack directory of another project, reference cycles and
 * a migration that does not exist, before anything runs.
 */
export async function planUnits(
  options: RunPlanOptions,
  root: string,
  modules: { offline: OfflineModule; config: ConfigModule },
): Promise<PlannedUnits> {
  const byName = new Map(options.stacks.map((s) => [s.name, s]));
  for (const name of options.stackNames) {
    if (!byName.has(name)) {
      throw new CliError(`unknown stack "${name}": must be one of ${[...byName.keys()].join(", ")}`);
    }
  }
  const migration = options.migration === undefined || options.migration === "all" ? undefined : options.migration;
  const policyConfigs = new Map<Environment, LoadedPolicyConfig>();
  const units: Unit[] = [];

  for (const env of options.envs) {
    const policyConfigFile = policyConfigFileOf(options, env);
    const policyConfig = await options.loadPolicyConfig(env);
    // Refuse a bad policy config before running anything, as the CLI does before a preview.
    modules.offline.resolvePolicyConfig(options.policies, policyConfig, { file: policyConfigFile });
    policyConfigs.set(env, { document: policyConfig, file: policyConfigFile });
    const evaluate = {
      policyConfig,
      policyConfigFile,
      ...(options.policyPackName ? { policyPackName: options.policyPackName } : {}),
    };
    const ctx: EnvContext = {
      options,
      env,
      root,
      config: modules.config,
      byName,
      evaluate,
      primaries: new Map(),
      visiting: [],
      checkedProjects: new Set(),
      units,
    };
    await planEnvUnits(ctx, migration);
  }
  return { units, policyConfigs };
}

/** The units of one environment, appended to `ctx.units`. */
async function planEnvUnits(ctx: EnvContext, migration: string | undefined): Promise<void> {
  const { options } = ctx;
  // Registry order (dependency order), whatever order the stacks were asked in; a referenced
  // stack that is not selected is planned for its outputs only.
  for (const def of options.stacks.filter((s) => options.stackNames.includes(s.name))) {
    const dir = checkDir(ctx, def);
    if (!def.instances) {
      const unit = primaryOf(ctx, def);
      unit.reported = true;
      unit.job.evaluate = ctx.evaluate;
      continue;
    }
    const selected = await selectInstances(ctx, def, dir, migration);
    for (const instance of selected) {
      if (instance.migration === undefined) {
        const unit = primaryOf(ctx, def);
        unit.reported = true;
        unit.job.evaluate = ctx.evaluate;
        continue;
      }
      ctx.visiting.push(def.name);
      const unit = makeUnit(ctx, def, instance, true);
      ctx.visiting.pop();
      ctx.units.push(unit);
    }
  }
}

/** The instances of a project with one stack per migration to plan: all, or `migration`'s. */
async function selectInstances(
  ctx: EnvContext,
  def: StackDefinition,
  dir: string,
  migration: string | undefined,
): Promise<StackInstance[]> {
  const { env, root, config } = ctx;
  const listed = (await def.instances?.(dir, env)) ?? [];
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
  return selected;
}

function makeUnit(ctx: EnvContext, def: StackDefinition, instance: StackInstance, reported: boolean): Unit {
  const { env, root, config } = ctx;
  const path = resolve(instance.file);
  const shown = displayPath(root, path);
  let file: ReturnType<typeof config.readPulumiConfigFile>;
  try {
    // With the project-level config of its Pulumi.yaml applied, as the CLI gives it to the program.
    file = config.readStackConfig(path, instance.stack);
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
      ...(reported ? { evaluate: ctx.evaluate } : {}),
    },
  };
  for (const [refName, target] of Object.entries(unit.references)) {
    const targetDef = ctx.byName.get(target);
    if (!targetDef) throw new CliError(`stack "${def.name}" references unknown stack "${target}"`);
    unit.dependencies[refName] = primaryOf(ctx, targetDef);
    // The stack it reads must be of the same region and account (both files named).
    const read = unit.dependencies[refName].job;
    config.checkReferencedStackPlacement(
      { file: shown, values: file.values },
      { file: read.shown, values: read.config },
      { name: refName },
    );
  }
  return unit;
}

function checkDir(ctx: EnvContext, def: StackDefinition): string {
  const dir = resolve(ctx.options.stacksDir, def.name);
  if (!ctx.checkedProjects.has(def.name)) {
    checkProject(dir, def, displayPath(ctx.root, join(dir, "Pulumi.yaml")), ctx.config);
    ctx.checkedProjects.add(def.name);
  }
  return dir;
}

/** The stack `<env>` of a project, planned (silently unless selected) before what reads it. */
function primaryOf(ctx: EnvContext, def: StackDefinition): Unit {
  const done = ctx.primaries.get(def.name);
  if (done) return done;
  if (ctx.visiting.includes(def.name)) {
    throw new CliError(`stack references form a cycle: ${[...ctx.visiting, def.name].join(" -> ")}`);
  }
  ctx.visiting.push(def.name);
  const dir = checkDir(ctx, def);
  const unit = makeUnit(ctx, def, { stack: ctx.env, file: join(dir, `Pulumi.${ctx.env}.yaml`) }, false);
  ctx.visiting.pop();
  ctx.primaries.set(def.name, unit);
  ctx.units.push(unit);
  return unit;
}

/** Environment, then registry order, then the primary stack before named migrations by name. */
export function sortReported(units: Unit[], envs: readonly Environment[], stacks: readonly StackDefinition[]): Unit[] {
  const rank = (u: Unit) => [envs.indexOf(u.env), stacks.indexOf(u.def), u.stackName === u.env ? 0 : 1] as const;
  return [...units].sort((a, b) => {
    const [ea, sa, pa] = rank(a);
    const [eb, sb, pb] = rank(b);
    return ea - eb || sa - sb || pa - pb || (a.migration ?? "").localeCompare(b.migration ?? "");
  });
}
