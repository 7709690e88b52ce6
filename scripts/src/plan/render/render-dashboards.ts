import { DashboardBodyError, dashboardWidgetTitles, parseDashboardBody } from "@dms-platform/dms/operate";
import { UNKNOWN } from "@dms-platform/offline";
import { planLabel, type StackPlan } from "../report.js";

const DASHBOARD_TYPE = "aws:cloudwatch/dashboard:Dashboard";

/** Escape text for Markdown link text and list items. */
function text(value: string): string {
  return value.replace(/[\\[\]<>|`*_]/g, (c) => `\\${c}`);
}

/**
 * The CloudWatch dashboards a plan will build (issue 22, packages/dms/src/dashboard.ts): per stack,
 * the dashboard's name linked to its console address (the stack's `dashboardUrl` output) and the
 * widgets it will show. A body that depends on values known only after `up` (a new task's ARN under
 * `--state`) says so instead of listing widgets.
 */
export function dashboardSection(plans: StackPlan[]): string[] {
  const lines: string[] = [];
  for (const plan of plans) {
    for (const r of plan.graph.resources.filter((x) => x.type === DASHBOARD_TYPE)) {
      const name = String(r.inputs.dashboardName ?? r.name);
      const url = plan.graph.outputs.dashboardUrl;
      const title = typeof url === "string" && url !== UNKNOWN ? `[${text(name)}](${url})` : `\`${name}\``;
      lines.push("", `#### ${planLabel(plan)} (${plan.environment}): ${title}`, "");
      const body = r.inputs.dashboardBody;
      if (typeof body !== "string" || body.includes(UNKNOWN)) {
        lines.push("Widgets are known once the tasks exist (their resource ids name the metrics).");
        continue;
      }
      try {
        for (const widget of dashboardWidgetTitles(parseDashboardBody(body))) lines.push(`- ${text(widget)}`);
      } catch (err) {
        if (!(err instanceof DashboardBodyError) && !(err instanceof SyntaxError)) throw err;
        lines.push(`The dashboard body is invalid: ${text(err.message)}`);
      }
    }
  }
  return lines;
}
