import type { DmsQuotaName, DmsQuotas, Environment } from "@dms-platform/config";
import type { ResourceGraph, StackState, Violation } from "@dms-platform/offline";
import type { PolicyEngine, PolicySource, StackDefinition } from "../stacks.js";
import type { LiteralSecret } from "./checks/literal-secrets.js";
import type { WorkerRegistryRef } from "./execute/worker.js";
import type { PlanChange } from "./state/change.js";

/**
 * The plan's shared types: what runPlan takes and returns. Kept apart from run-plan.ts so that
 * what the plan runs (execute/) and what it renders (render/) can name them without importing the
 * orchestration (and without an import cycle).
 */

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
  /**
   * `--destroy`: with a state, plan what `pulumi destroy` does to each reported stack (every
   * resource deleted, in order) instead of what `up` of the program does.
   */
  destroy?: boolean;
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
  /**
   * Credentials the program writes in plain text (its code, or unencrypted stack config): each is a
   * problem that exits 1, whatever the policy config says.
   */
  literalSecrets?: LiteralSecret[];
  /** Where the stack deploys, from its stack file (the fleet's DMS quotas are summed per account and region). */
  placement?: StackPlacement;
}

/** Where a stack deploys, from its stack file. */
export interface StackPlacement {
  /** The one account of `aws:allowedAccountIds`; undefined when none or several are listed. */
  account?: string;
  /** `aws:region`; undefined when unset. */
  region?: string;
}

/** A raised quota, with the stack file that declares it. */
export interface RaisedQuotas {
  account: string;
  region: string;
  quotas: DmsQuotas;
  /** The stack file, as messages show it (`foundation/Pulumi.prod.yaml`). */
  file: string;
}

/** One quota the fleet reaches: over it (a problem), or above WARN_SHARE of it (a warning). */
export interface QuotaFinding {
  level: "problem" | "warning";
  quota: DmsQuotaName;
  account: string;
  region: string;
  /** The replication instance, for a per-instance quota (its replicationInstanceId). */
  instance?: string;
  count: number;
  limit: number;
  /** Whether the limit is a raised one (from dms-platform-foundation:quotas) rather than the default. */
  raised: boolean;
  /** The plans that create what is counted, as `planFileBase.environment` (`replication-orders.dev`). */
  plans: string[];
  message: string;
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
  /**
   * The DMS quotas the planned fleet reaches, per account and region (absent under `--destroy`), and
   * the plans that could not be placed in an account or region.
   */
  quotas?: { findings: QuotaFinding[]; unplaced: string[] };
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
  /** Credentials written in plain text (literalSecrets); absent when none. */
  literalSecrets?: number;
}
