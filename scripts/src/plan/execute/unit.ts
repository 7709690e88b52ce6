import { basename } from "node:path";
import type { Environment } from "@dms-platform/config";
import type { PolicyConfigDocument, ResourceGraph, StackState, Violation } from "@dms-platform/offline";
import type { Policy } from "@pulumi/policy";
import { CliError, isConfigError } from "../../errors.js";
import type { StackDefinition, StackProgram } from "../../stacks.js";

/**
 * One program run of a plan (a stack × environment, or one migration's stack of the replication
 * project), as plain data: what the main thread sends a worker, and what an in-process plan runs.
 * Everything here survives structured cloning (no functions, no class instances).
 */
export interface UnitJob {
  /** The stack's directory name (the registry's StackDefinition name). */
  stack: string;
  /** The Pulumi project name. */
  project: string;
  /** The Pulumi stack name the program runs as: `dev`, or `orders-dev` for a named migration. */
  stackName: string;
  environment: Environment;
  /** The config file's base name (`Pulumi.orders-dev.yaml`), as ConfigErrors name it. */
  fileName: string;
  /** The config file as messages show it (`stacks/replication/Pulumi.orders-dev.yaml`). */
  shown: string;
  config: Record<string, unknown>;
  secretKeys: string[];
  /** StackReference name -> the referenced stack's outputs. */
  stackReferences: Record<string, Record<string, unknown>>;
  /** Evaluate the policy pack with this config (absent: the stack is planned for its outputs only). */
  evaluate?: { policyConfig: PolicyConfigDocument; policyConfigFile: string; policyPackName?: string };
}

export interface UnitResult {
  graph: ResourceGraph;
  violations: Violation[];
  /** Wall time of the program run and of the policy evaluation. */
  durationMs: number;
}

type OfflineModule = typeof import("@dms-platform/offline");
type ConfigModule = typeof import("@dms-platform/config");

/** Errors of a program name the file by its base name; say which stack's file it is. */
function relocate(job: UnitJob, err: unknown, offline: OfflineModule, config: ConfigModule): unknown {
  const cause = err instanceof offline.ProgramError ? err.cause : err;
  if (isConfigError(cause) && cause.file === basename(job.fileName)) {
    return new config.ConfigError(job.shown, cause.path, cause.rule);
  }
  if (err instanceof offline.ProgramError) return new CliError(`${job.shown}: ${err.message}`);
  return err;
}

/** Run one unit's program offline and, when asked, evaluate the policy pack on its graph. */
export async function runUnit(
  job: UnitJob,
  program: StackProgram,
  policies: ReadonlyArray<Policy>,
  modules: { offline: OfflineModule; config: ConfigModule },
): Promise<UnitResult> {
  const { offline, config } = modules;
  const started = performance.now();
  let graph: ResourceGraph;
  try {
    graph = await offline.runProgram(program, {
      project: job.project,
      stack: job.stackName,
      config: job.config,
      secretKeys: job.secretKeys,
      stackReferences: job.stackReferences,
    });
  } catch (err) {
    throw relocate(job, err, offline, config);
  }
  const violations = job.evaluate
    ? await offline.evaluatePolicies(graph, policies, {
        config: job.evaluate.policyConfig,
        configFile: job.evaluate.policyConfigFile,
        ...(job.evaluate.policyPackName ? { policyPackName: job.evaluate.policyPackName } : {}),
      })
    : [];
  return { graph, violations, durationMs: performance.now() - started };
}

/**
 * Run one unit's program as `pulumi preview` would against the stack's deployed state: unchanged
 * resources answer with the state's ids and outputs, created and replaced ones with unknowns
 * (`runProgram` with `against`). `stackReferences` are the referenced stacks' previews.
 */
export async function previewUnit(
  job: UnitJob,
  program: StackProgram,
  state: StackState,
  modules: { offline: OfflineModule; config: ConfigModule },
): Promise<ResourceGraph> {
  const { offline, config } = modules;
  try {
    return await offline.runProgram(program, {
      project: job.project,
      stack: job.stackName,
      config: job.config,
      secretKeys: job.secretKeys,
      stackReferences: job.stackReferences,
      against: { state, schemaOf: config.providerSchemaOf },
    });
  } catch (err) {
    throw relocate(job, err, offline, config);
  }
}

/** A stack's program, imported on first use and kept: every run of it in this process shares it. */
export function programLoader(): (def: StackDefinition) => Promise<StackProgram> {
  const programs = new Map<string, Promise<StackProgram>>();
  return (def) => {
    let p = programs.get(def.name);
    if (!p) {
      p = def.load();
      programs.set(def.name, p);
    }
    return p;
  };
}

/** An error as it crosses a thread: its name decides the exit code (classifyError matches by name). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  file?: string;
  path?: string;
  rule?: string;
}

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: "Error", message: String(err) };
  const e = err as Error & { file?: unknown; path?: unknown; rule?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(e.stack ? { stack: e.stack } : {}),
    ...(typeof e.file === "string" ? { file: e.file } : {}),
    ...(typeof e.path === "string" ? { path: e.path } : {}),
    ...(typeof e.rule === "string" ? { rule: e.rule } : {}),
  };
}

export function deserializeError(s: SerializedError): Error {
  const err = new Error(s.message) as Error & { file?: string; path?: string; rule?: string };
  err.name = s.name;
  if (s.stack) err.stack = s.stack;
  if (s.file !== undefined) err.file = s.file;
  if (s.path !== undefined) err.path = s.path;
  if (s.rule !== undefined) err.rule = s.rule;
  return err;
}
