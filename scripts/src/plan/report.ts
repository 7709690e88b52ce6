import type { PlanReport, PlanSummary, StackPlan } from "./types.js";

export type { PlanReport, PlanSummary, PolicyInfo, RunPlanOptions, StackPlan } from "./types.js";

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
    ...(plan.literalSecrets?.length ? { literalSecrets: plan.literalSecrets.length } : {}),
  };
}

/** Whether any plan violates a mandatory policy (exit code 1). */
export function hasMandatoryViolations(report: PlanReport): boolean {
  return report.plans.some((p) => p.violations.some((v) => v.enforcementLevel === "mandatory"));
}

/**
 * Whether any plan has a change certain to fail `pulumi up`, or a credential written in plain text
 * (exit code 1, as a mandatory violation).
 */
export function hasProblems(report: PlanReport): boolean {
  return (
    report.plans.some((p) => (p.literalSecrets?.length ?? 0) > 0) ||
    report.plans.some((p) => p.change?.changes.some((c) => c.problems.length > 0) ?? false) ||
    (report.quotas?.findings.some((f) => f.level === "problem") ?? false)
  );
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
