import { unifiedDiff } from "./diff.js";
import { hasMandatory, type PromotionResult, type PromotionViolation } from "./run-promote.js";

const SIGN = { added: "+", changed: "~", removed: "-" } as const;

/** `urn:pulumi:test::proj::aws:rds/instance:Instance::target` -> `aws:rds/instance:Instance target`. */
function resourceOf(urn: string | undefined): string {
  if (!urn) return "(stack)";
  const parts = urn.split("::");
  const name = parts.at(-1) ?? urn;
  const type = (parts.at(-2) ?? "").split("$").at(-1) ?? "";
  return `${type} ${name}`;
}

function violationLines(title: string, list: readonly PromotionViolation[]): string[] {
  if (list.length === 0) return [];
  return [
    `  ${title} (${list.length})`,
    ...list.flatMap((v) => [`    ${v.stack}: ${v.policy}  (${resourceOf(v.urn)})`, `        ${v.message}`]),
  ];
}

/** The verdict line: what the promotion did or would do. */
export function verdictLine(result: PromotionResult): string {
  const changed = result.files.filter((f) => f.newText !== f.oldText).length;
  const target = `${result.to} on the promoted files`;
  if (hasMandatory(result)) {
    const n = result.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    return `verdict: FAIL: ${target} violates ${n} mandatory ${n === 1 ? "policy" : "policies"}; nothing written`;
  }
  if (changed === 0) return `verdict: pass: ${result.to} already has ${result.from}'s definition; nothing to write`;
  if (result.dryRun) {
    return `verdict: pass: ${target} passes its mandatory policies; dry run, nothing written (${changed} ${changed === 1 ? "file" : "files"} would change)`;
  }
  return `verdict: pass: ${target} passes its mandatory policies; wrote ${result.written.join(", ")}`;
}

/** Human output: per file the keys that change and a unified diff, then the target's policy verdict. */
export function renderPromotionText(result: PromotionResult, options: { color?: boolean } = {}): string {
  const which = result.migration === "all" ? "" : ` (migration ${result.migration})`;
  const out: string[] = [`promote ${result.from} -> ${result.to}${which}${result.dryRun ? " (dry run)" : ""}`, ""];
  for (const f of result.files) {
    if (f.changes.length === 0) {
      out.push(`${f.shown}: unchanged`);
      continue;
    }
    out.push(`${f.shown}:`);
    for (const c of f.changes) out.push(`  ${SIGN[c.change]} ${c.path} (${c.change})`);
  }
  for (const s of result.skipped) out.push(`skipped migration ${s.migration} (${s.source}): ${s.reason}`);
  for (const f of result.files) {
    const diff = unifiedDiff(f.oldText, f.newText, {
      oldName: `${f.shown} (${result.to})`,
      newName: `${f.shown} (${result.to}, promoted from ${result.from})`,
      ...(options.color ? { color: true } : {}),
    });
    if (diff !== "") out.push("", diff.trimEnd());
  }
  const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory");
  const advisory = result.violations.filter((v) => v.enforcementLevel === "advisory");
  out.push("", `Policies (${result.policyConfigFile}) on the promoted ${result.to} stacks:`);
  if (result.violations.length === 0) out.push("  no violations");
  out.push(...violationLines("mandatory", mandatory), ...violationLines("advisory", advisory));
  out.push("", verdictLine(result));
  return `${out.join("\n")}\n`;
}

/** Machine output: what changes (with the diff), the violations and what was written. */
export function renderPromotionJson(result: PromotionResult): string {
  const doc = {
    from: result.from,
    to: result.to,
    migration: result.migration,
    dryRun: result.dryRun,
    files: result.files.map((f) => ({
      stack: f.stack,
      ...(f.migration !== undefined ? { migration: f.migration } : {}),
      file: f.shown,
      changed: f.newText !== f.oldText,
      changes: f.changes,
      diff: unifiedDiff(f.oldText, f.newText, { oldName: f.shown, newName: f.shown }),
    })),
    policyConfigFile: result.policyConfigFile,
    violations: result.violations.map((v) => ({
      stack: v.stack,
      configFile: v.configFile,
      policy: v.policy,
      enforcementLevel: v.enforcementLevel,
      urn: v.urn ?? null,
      message: v.message,
    })),
    skipped: result.skipped,
    passed: !hasMandatory(result),
    written: result.written,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
