export { buildProgram, main } from "./cli.js";
export { type CliContext, defaultContext, type OutputStream } from "./context.js";
export { CliError, classifyError, EXIT } from "./errors.js";
export {
  FORMAT_EXTENSIONS,
  hasMandatoryViolations,
  type Palette,
  PLAN_FORMATS,
  type PlanDocument,
  type PlanFormat,
  type PlanReport,
  type PlanSummary,
  type PolicyInfo,
  palette,
  planDocument,
  type RunPlanOptions,
  renderJson,
  renderMarkdown,
  renderPlan,
  renderSarif,
  renderStackText,
  renderText,
  runPlan,
  type SarifLog,
  type StackPlan,
  summarize,
  useColor,
} from "./plan/index.js";
export { defaultPolicies, defaultRegistry, defaultStacks, FOUNDATION_STACK_KEY } from "./registry.js";
export type { PlanRegistry, PolicySource, StackDefinition, StackProgram } from "./stacks.js";
