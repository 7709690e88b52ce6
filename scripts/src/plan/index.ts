import type { PlanFormat } from "./render/formats.js";
import { renderJson } from "./render/render-json.js";
import { renderMarkdown } from "./render/render-markdown.js";
import { renderSarif } from "./render/render-sarif.js";
import { palette, renderText } from "./render/render-text.js";
import type { PlanReport } from "./report.js";

export { fleetQuotas, planKey as planQuotaKey } from "./fleet/quotas.js";
export { FORMAT_EXTENSIONS, PLAN_FORMATS, type PlanFormat } from "./render/formats.js";
export { type PlanDocument, planDocument, renderJson } from "./render/render-json.js";
export { renderMarkdown } from "./render/render-markdown.js";
export { renderSarif, type SarifLog } from "./render/render-sarif.js";
export { type Palette, palette, renderStackText, renderText, useColor } from "./render/render-text.js";
export {
  hasMandatoryViolations,
  hasProblems,
  isNamedMigration,
  type PlanReport,
  type PlanSummary,
  type PolicyInfo,
  planFileBase,
  planLabel,
  type RunPlanOptions,
  runPlan,
  type StackPlan,
  summarize,
} from "./run-plan.js";
export { CHANGE_OPS, type ChangeCounts, type PlanChange, type PlannedChange } from "./state/change.js";
export { type ImpactCode, selectedTables } from "./state/dms-impact.js";

/** Render a report in a format; colour applies to text only. */
export function renderPlan(report: PlanReport, format: PlanFormat, options: { color?: boolean } = {}): string {
  switch (format) {
    case "text":
      return renderText(report, palette(options.color ?? false));
    case "markdown":
      return renderMarkdown(report);
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report);
  }
}
