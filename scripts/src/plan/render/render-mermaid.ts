import type { GraphResource } from "@dms-platform/offline";
import { planLabel, type StackPlan } from "../report.js";
import { STACK_REFERENCE_TYPE, STACK_TYPE, shortType, topLevelOwners } from "./tree.js";

/** A mermaid node label: quotes and angle brackets as entities. */
function label(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

const id = (...parts: string[]) => parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");

/**
 * A flowchart per environment: each stack a subgraph of its top-level resources (components,
 * mostly), an arrow wherever one depends on another's outputs, and an arrow from a referenced
 * stack to what reads it through a StackReference.
 */
export function mermaid(plans: StackPlan[]): string[] {
  const lines = ["```mermaid", "flowchart LR"];
  const planned = new Set(plans.map((p) => p.stack));
  const edges = new Set<string>();
  const external = new Set<string>();
  for (const plan of plans) {
    const owners = topLevelOwners(plan.graph);
    const sub = id(planLabel(plan), plan.environment);
    // The engine reads a StackReference (ReadResource) rather than registering it, so it is not in
    // the graph; what depends on it names its urn (`...::pulumi:pulumi:StackReference::<name>`).
    const refTargetOf = (urn: string): string | undefined => {
      const parts = urn.split("::");
      return parts[2] === STACK_REFERENCE_TYPE ? plan.references[parts.slice(3).join("::")] : undefined;
    };
    const top = plan.graph.resources.filter(
      (r) => r.type !== STACK_TYPE && r.type !== STACK_REFERENCE_TYPE && owners.get(r.urn) === r,
    );
    lines.push(`  subgraph ${sub}["${label(`${planLabel(plan)} (${plan.environment})`)}"]`);
    // Node ids by position: logical names are unique per type only.
    const nodeIds = new Map(top.map((r, i) => [r.urn, id(sub, `n${i}`)]));
    for (const r of top) lines.push(`    ${nodeIds.get(r.urn)}["${label(r.name)}<br/>${label(shortType(r.type))}"]`);
    lines.push("  end");
    const nodeOf = (r: GraphResource | undefined) => (r ? nodeIds.get(r.urn) : undefined);
    const readers = new Map<string, Set<string>>();
    for (const r of plan.graph.resources) {
      const to = nodeOf(owners.get(r.urn));
      if (!to || r.type === STACK_REFERENCE_TYPE) continue;
      const deps = new Set([...r.dependencies, ...Object.values(r.propertyDependencies).flat()]);
      for (const dep of deps) {
        const target = refTargetOf(dep);
        if (target) {
          const set = readers.get(target) ?? new Set<string>();
          set.add(to);
          readers.set(target, set);
          continue;
        }
        const from = nodeOf(owners.get(dep));
        if (from && from !== to) edges.add(`  ${from} --> ${to}`);
      }
    }
    for (const target of new Set(Object.values(plan.references))) {
      const from = id(target, plan.environment);
      if (!planned.has(target)) external.add(`  ${from}[("${label(`${target} (${plan.environment})`)}")]`);
      const to = readers.get(target);
      if (!to || to.size === 0) edges.add(`  ${from} -- "outputs" --> ${sub}`);
      for (const node of to ?? []) edges.add(`  ${from} -- "outputs" --> ${node}`);
    }
  }
  lines.push(...external, ...edges, "```");
  return lines;
}
