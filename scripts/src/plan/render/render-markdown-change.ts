import { type PlanReport, planLabel, type StackPlan, summarize } from "../report.js";
import { cell, code, literalSecretLines, violationTables } from "./markdown-tables.js";
import { actualChanges, changedKeyLines, changeSummaryLine, OP_MARKERS } from "./render-change.js";
import { quotaMarkdownLines } from "./render-quotas.js";

const OP_TITLES = { create: "create", update: "update", replace: "replace", delete: "delete", same: "same" } as const;

function changeSummaryTable(plans: StackPlan[]): string[] {
  const lines = [
    "| Stack | Migration | Environment | Create | Update | Replace | Delete | Unchanged | Problems | Mandatory |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const plan of plans) {
    const s = summarize(plan);
    const n = (v: number | undefined) => String(v ?? 0);
    lines.push(
      `| ${plan.stack} | ${plan.migration === undefined ? "–" : cell(plan.migration)} | ${plan.environment} | ${n(s.create)} | ${n(s.update)} | ${s.replace ? `**${s.replace}**` : "0"} | ${s.delete ? `**${s.delete}**` : "0"} | ${n(s.same)} | ${s.problems ? `❌ ${s.problems}` : "0"} | ${s.mandatory > 0 ? `❌ ${s.mandatory}` : "0"} |`,
    );
  }
  return lines;
}

/**
 * The pull-request comment against deployed state (`--base`, `--state`): what the change does,
 * not the whole plan. Verdict, counts per stack, the problems that fail `up`, the DMS impact, the
 * policy verdict and what preview cannot decide come first; the changed resources per stack
 * follow as long as they fit in the comment.
 */
export function renderChangeMarkdown(report: PlanReport, maxLength: number): string {
  const problems = report.plans.flatMap((plan) =>
    (plan.change ? actualChanges(plan.change) : []).flatMap((c) =>
      c.problems.map((m) => `- **${planLabel(plan)} (${plan.environment})** ${code(c.name)}: ${cell(m)}`),
    ),
  );
  const mandatory = report.plans.reduce((n, p) => n + summarize(p).mandatory, 0);
  const impact = report.plans.flatMap((plan) =>
    (plan.change?.changes ?? []).flatMap((c) =>
      c.impactWords.map(
        (w) =>
          `- **${planLabel(plan)} (${plan.environment})** ${code(c.name)}${c.impact.length > 0 ? ` (${c.impact.join(", ")})` : ""}: ${cell(w)}`,
      ),
    ),
  );
  const undecided = report.plans.flatMap((plan) =>
    (plan.change?.undecided ?? []).map((u) => {
      const r = u.urn ? plan.graph.resources.find((x) => x.urn === u.urn) : undefined;
      return `- **${planLabel(plan)} (${plan.environment})** ${code(u.policy)} on ${r ? code(r.name) : "the stack"}${u.violated ? " ❌ fails with the values this plan knows" : ""}`;
    }),
  );
  const destroying = report.plans.some((plan) => plan.change?.destroy !== undefined);
  const command = destroying ? "destroy" : "up";
  const destroyLists = report.plans.flatMap((plan) => {
    const d = plan.change?.destroy;
    if (!d) return [];
    const at = `**${planLabel(plan)} (${plan.environment})**`;
    return [
      ...d.retained.map((r) => `- ${at} retained (left in AWS): ${cell(r)}`),
      ...d.protected.map((r) => `- ${at} protected (\`pulumi destroy\` refuses): ${cell(r)}`),
      ...d.deletionProtection.map((r) => `- ${at} deletion protection (AWS refuses): ${cell(r)}`),
      ...d.collisions.map((r) => `- ${at} a re-create collides: ${cell(r)}`),
    ];
  });
  const secrets = literalSecretLines(report.plans);
  const verdict =
    problems.length > 0 || mandatory > 0 || secrets.length > 0
      ? `❌ **${[problems.length > 0 ? `${problems.length} problem${problems.length === 1 ? "" : "s"} \`pulumi ${command}\` would fail on` : "", mandatory > 0 ? `${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}` : "", secrets.length > 0 ? "secrets in plain text" : ""].filter(Boolean).join(", ")}**: this change cannot be applied as it is.`
      : "✅ **No problem and no mandatory policy violation.**";
  const head = [
    "## dms-platform plan: the change",
    "",
    verdict,
    "",
    ...changeSummaryTable(report.plans),
    ...(problems.length > 0 ? ["", `### ❌ Problems (\`pulumi ${command}\` would fail)`, "", ...problems] : []),
    ...secrets,
    ...quotaMarkdownLines(report),
    ...(destroyLists.length > 0 ? ["", "### What the destroy leaves", "", ...destroyLists] : []),
    ...(impact.length > 0 ? ["", "### DMS impact", "", ...impact] : []),
    "",
    "### Policy violations",
    ...violationTables(report.plans),
    ...(undecided.length > 0
      ? ["", "### Mandatory policies `pulumi preview` cannot decide (decided during `up`)", "", ...undecided]
      : []),
  ].join("\n");
  const sections: string[] = [];
  for (const plan of report.plans) {
    if (!plan.change) continue;
    const rows = actualChanges(plan.change).map((c) => {
      const keys = changedKeyLines(c).map(cell).join("<br>");
      return `| ${OP_MARKERS[c.op].trim()} ${OP_TITLES[c.op]} | ${code(c.name)} | ${code(c.type)} | ${keys || cell(c.diff.join(", "))} |`;
    });
    sections.push(
      [
        "",
        `#### ${planLabel(plan)} (${plan.environment}): ${changeSummaryLine(plan.change.counts)}`,
        "",
        `Against ${plan.change.stateFile ? code(plan.change.stateFile) : "no state (the stack is not deployed)"}.`,
        ...(rows.length > 0
          ? ["", "| Op | Resource | Type | Changes |", "| --- | --- | --- | --- |", ...rows]
          : ["", "No change."]),
      ].join("\n"),
    );
  }
  const note =
    "\n\n> Some stacks' changed resources were left out to stay under GitHub's comment limit: `npm run plan -- --format markdown --out DIR` writes one file per stack × environment.";
  let out = head.length + note.length > maxLength ? `${head.slice(0, maxLength - note.length - 2)}\n…` : head;
  out += "\n\n### Changes";
  let left = false;
  for (const section of sections) {
    if (!left && out.length + section.length + note.length <= maxLength) out += section;
    else left = true;
  }
  if (left) out += note;
  return `${out}\n`;
}
