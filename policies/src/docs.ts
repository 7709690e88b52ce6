import * as path from "node:path";
import { ENVIRONMENTS } from "@dms-platform/config";
import type { Policy } from "@pulumi/policy";
import { loadPolicyConfig, type PolicyConfigDocument } from "./config.js";
import { DMS_CONTROLS } from "./controls.js";
import { policyInfo } from "./lib/policy.js";
import { policies } from "./rules.js";

/** Where the generated table lives: the repository's docs/policies.md. */
export const POLICY_DOCS_PATH = path.join(__dirname, "..", "..", "docs", "policies.md");

function level(doc: PolicyConfigDocument, name: string): string {
  const entry = doc[name];
  const value = typeof entry === "string" ? entry : entry?.enforcementLevel;
  return value ?? "(unset)";
}

function settings(docs: Record<string, PolicyConfigDocument>, name: string): string {
  const keys = new Set<string>();
  for (const doc of Object.values(docs)) {
    const entry = doc[name];
    if (typeof entry === "object") for (const k of Object.keys(entry)) if (k !== "enforcementLevel") keys.add(k);
  }
  return [...keys]
    .map((k) => {
      const values = ENVIRONMENTS.map((env) => {
        const entry = docs[env]?.[name];
        return typeof entry === "object" ? String(entry[k]) : "-";
      });
      return `${k}: ${values.join(" / ")}`;
    })
    .join("<br>");
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** A Markdown table with its columns padded to their widest cell, as Biome formats Markdown. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The policy table: one row per policy with its concern, level in each environment, settings and control. */
export function renderPolicyTable(list: readonly Policy[] = policies): string {
  const docs = Object.fromEntries(ENVIRONMENTS.map((env) => [env, loadPolicyConfig(env)]));
  const rows = list.map((p) => {
    const info = policyInfo(p.name);
    const levels = ENVIRONMENTS.map((env) => level(docs[env] ?? {}, p.name));
    return [
      `\`${p.name}\``,
      `${info?.concern ?? "?"}${info?.kind === "stack" ? " (stack)" : ""}`,
      ...levels,
      cell(settings(docs, p.name)),
      cell(info?.control ?? ""),
    ];
  });
  return table(
    ["Policy", "Concern", ...ENVIRONMENTS, `Settings (${ENVIRONMENTS.join(" / ")})`, "Control mirrored"],
    rows,
  );
}

/** From each Security Hub and checkov DMS control to the policy enforcing it. */
export function renderControlTable(): string {
  return table(
    ["Control", "What it asks", "Policy"],
    DMS_CONTROLS.map((c) => [
      c.control,
      cell(c.title),
      c.policy ? `\`${c.policy}\`${c.why ? ` (${c.why})` : ""}` : cell(c.why ?? ""),
    ]),
  );
}

/** The whole of docs/policies.md. */
export function renderPolicyDocs(list: readonly Policy[] = policies): string {
  return `<!-- Generated from policies/src and policies/config by \`npm run docs -w @dms-platform/policies\`; do not edit. A test fails when it is stale. -->

# Policies

The \`dms-platform\` CrossGuard pack (\`policies/\`) judges resources by type and properties, so it
also judges resources our components did not make. Levels come from \`policies/config/<env>.json\`:

\`\`\`sh
pulumi preview --policy-pack policies --policy-pack-config policies/config/prod.json
\`\`\`

Offline, \`npm run plan\` evaluates the same policies with the same files.

- Public access, open ingress, plaintext passwords, missing encryption and missing tags are
  **mandatory** in every environment.
- Availability (multi-AZ) is advisory in dev and test, mandatory in prod; protection and retention
  (deletion protection, backup and log retention) and operational hygiene (logging, patching,
  alarms, flow logs) are advisory in dev and mandatory in test and prod. Secret rotation is
  advisory everywhere.
- A policy marked (stack) judges the stack as a whole and reports on the resource concerned.

${renderPolicyTable(list)}

## DMS controls and the policy that enforces each

Every Security Hub control for DMS and every checkov DMS check, so a hand-written DMS resource is
judged as those tools would judge it:

${renderControlTable()}
`;
}
