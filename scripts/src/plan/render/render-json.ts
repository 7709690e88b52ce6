import { displayValue } from "@dms-platform/offline";
import { planKey } from "../fleet/quotas.js";
import { type PlanReport, type PlanSummary, type StackPlan, summarize } from "../report.js";
import type { QuotaFinding } from "../types.js";
import { type TaskWarning, taskWarnings } from "./task-warnings.js";

/** One stack × environment as the JSON plan document. */
export interface PlanDocument {
  project: string;
  /** The stack's directory name (foundation, replication). */
  stack: string;
  /** The migration a replication stack runs (a named migration, or the primary's application); absent for the foundation. */
  migration?: string;
  environment: string;
  resources: Array<{
    urn: string;
    type: string;
    name: string;
    /** The parent's urn; null for the stack itself. */
    parent: string | null;
    /** Inputs with secrets as "[secret]" and values unknown until apply as "[unknown]". */
    inputs: Record<string, unknown>;
    /** Against state only: outputs as \`pulumi preview\` knows them ("[unknown]" for created/replaced resources). */
    outputs?: Record<string, unknown>;
    dependencies: string[];
    options: { protect: boolean; retainOnDelete: boolean };
  }>;
  outputs: Record<string, unknown>;
  /** Credentials the program writes in plain text (its code, or unencrypted stack config): each exits 1. Absent when none. */
  literalSecrets?: Array<{ urn: string; property: string; message: string }>;
  violations: Array<{
    policyPack: string;
    policy: string;
    enforcementLevel: "advisory" | "mandatory";
    /** The resource concerned; null when a stack policy reported none. */
    urn: string | null;
    message: string;
  }>;
  /** What DMS accepts in a task's documents but is very likely a mistake (a duplicate rule-name, an ignored setting). */
  warnings: TaskWarning[];
  summary: PlanSummary;
  /**
   * Against state (`--state`, `--base`) only: every resource of the program and of the state with
   * what `up` does to it (resources left as they are included, with op `same`).
   */
  changes?: Array<{
    urn: string;
    type: string;
    name: string;
    op: "create" | "update" | "replace" | "delete" | "same";
    /** Input keys that differ (or become unknown until apply). */
    diff: string[];
    /** Input paths whose change forces the replacement. */
    replaceKeys: string[];
    deleteBeforeReplace: boolean;
    /** DMS impact: restart, reload, recreate, pause-tasks. */
    impact: string[];
    /** The impact in words. */
    impactText: string[];
    /** Why `pulumi up` would fail on this resource, with the fix. */
    problems: string[];
  }>;
  /** The fleet's DMS quotas this stack counts toward, over (`level: "problem"`, exit 1) or above 80 % ("warning"). */
  quotas?: QuotaFinding[];
  /** `--destroy` only: what `pulumi destroy` leaves, refuses and what a re-create collides with. */
  destroy?: { retained: string[]; protected: string[]; deletionProtection: string[]; collisions: string[] };
  /** Against state only: the state file planned against (null: the stack has none yet). */
  state?: string | null;
  /** Against state only: mandatory policies `pulumi preview` cannot decide (a value is unknown until apply). */
  undecided?: Array<{ policy: string; urn: string | null; violated: boolean }>;
}

export function planDocument(plan: StackPlan): PlanDocument {
  return {
    project: plan.project,
    stack: plan.stack,
    ...(plan.migration !== undefined ? { migration: plan.migration } : {}),
    environment: plan.environment,
    resources: (plan.change?.preview ?? plan.graph).resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent ?? null,
      inputs: displayValue(r.inputs) as Record<string, unknown>,
      ...(plan.change ? { outputs: displayValue(r.outputs) as Record<string, unknown> } : {}),
      dependencies: r.dependencies,
      options: { protect: r.options.protect, retainOnDelete: r.options.retainOnDelete },
    })),
    outputs: displayValue((plan.change?.preview ?? plan.graph).outputs) as Record<string, unknown>,
    ...(plan.literalSecrets?.length
      ? { literalSecrets: plan.literalSecrets.map((s) => ({ urn: s.urn, property: s.property, message: s.message })) }
      : {}),
    violations: plan.violations.map((v) => ({
      policyPack: v.policyPack,
      policy: v.policy,
      enforcementLevel: v.enforcementLevel,
      urn: v.urn ?? null,
      message: v.message,
    })),
    warnings: taskWarnings(plan.graph),
    summary: summarize(plan),
    ...(plan.change
      ? {
          state: plan.change.stateFile,
          changes: plan.change.changes.map((c) => ({
            urn: c.urn,
            type: c.type,
            name: c.name,
            op: c.op,
            diff: c.diff,
            replaceKeys: c.replaceKeys,
            deleteBeforeReplace: c.deleteBeforeReplace,
            impact: c.impact,
            impactText: c.impactWords,
            problems: c.problems,
          })),
          undecided: plan.change.undecided.map((u) => ({ policy: u.policy, urn: u.urn ?? null, violated: u.violated })),
          ...(plan.change.destroy ? { destroy: plan.change.destroy } : {}),
        }
      : {}),
  };
}

/** One document for one plan, an array for several. */
export function renderJson(report: PlanReport): string {
  const docs = report.plans.map((plan) => {
    const doc = planDocument(plan);
    // The fleet's DMS quotas this stack counts toward (docs/plan.md, "DMS quotas across the fleet").
    const quotas = (report.quotas?.findings ?? []).filter((f) => f.plans.includes(planKey(plan)));
    return quotas.length > 0 ? { ...doc, quotas } : doc;
  });
  return `${JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2)}\n`;
}
