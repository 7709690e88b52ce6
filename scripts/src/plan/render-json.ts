import { displayValue } from "@dms-platform/offline";
import { type PlanReport, type PlanSummary, type StackPlan, summarize } from "./run-plan.js";
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
    dependencies: string[];
    options: { protect: boolean; retainOnDelete: boolean };
  }>;
  outputs: Record<string, unknown>;
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
}

export function planDocument(plan: StackPlan): PlanDocument {
  return {
    project: plan.project,
    stack: plan.stack,
    ...(plan.migration !== undefined ? { migration: plan.migration } : {}),
    environment: plan.environment,
    resources: plan.graph.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent ?? null,
      inputs: displayValue(r.inputs) as Record<string, unknown>,
      dependencies: r.dependencies,
      options: { protect: r.options.protect, retainOnDelete: r.options.retainOnDelete },
    })),
    outputs: displayValue(plan.graph.outputs) as Record<string, unknown>,
    violations: plan.violations.map((v) => ({
      policyPack: v.policyPack,
      policy: v.policy,
      enforcementLevel: v.enforcementLevel,
      urn: v.urn ?? null,
      message: v.message,
    })),
    warnings: taskWarnings(plan.graph),
    summary: summarize(plan),
  };
}

/** One document for one plan, an array for several. */
export function renderJson(report: PlanReport): string {
  const docs = report.plans.map(planDocument);
  return `${JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2)}\n`;
}
