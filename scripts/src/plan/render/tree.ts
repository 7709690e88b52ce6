import type { GraphResource, ResourceGraph } from "@dms-platform/offline";

export const STACK_TYPE = "pulumi:pulumi:Stack";
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/** A resource and its children, in registration order. */
export interface TreeNode {
  resource: GraphResource;
  children: TreeNode[];
}

/**
 * The graph as `pulumi preview` draws it: the stack at the root, each resource under its parent
 * (a resource whose parent is not in the graph hangs under the root).
 */
export function resourceTree(graph: ResourceGraph): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const resource of graph.resources) nodes.set(resource.urn, { resource, children: [] });
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.resource.parent ? nodes.get(node.resource.parent) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  // Orphans (parent unknown) go under the stack, as the engine would show them.
  const stack = roots.find((n) => n.resource.type === STACK_TYPE);
  if (!stack) return roots;
  const orphans = roots.filter((n) => n !== stack);
  return [orphans.length === 0 ? stack : { ...stack, children: [...stack.children, ...orphans] }];
}

/** Depth-first lines of a tree with box-drawing prefixes (`├─ `, `└─ `, `│  `). */
export function walkTree(roots: TreeNode[], visit: (node: TreeNode, prefix: string, depth: number) => void): void {
  const walk = (node: TreeNode, lead: string, branch: string, depth: number) => {
    visit(node, `${lead}${branch}`, depth);
    const childLead = depth === 0 ? "" : `${lead}${branch === "└─ " ? "   " : "│  "}`;
    node.children.forEach((child, i) => {
      walk(child, childLead, i === node.children.length - 1 ? "└─ " : "├─ ", depth + 1);
    });
  };
  for (const root of roots) walk(root, "", "", 0);
}

/** The top-level resource (a child of the stack) each resource belongs to, by urn. */
export function topLevelOwners(graph: ResourceGraph): Map<string, GraphResource> {
  const byUrn = new Map(graph.resources.map((r) => [r.urn, r]));
  const owners = new Map<string, GraphResource>();
  for (const r of graph.resources) {
    if (r.type === STACK_TYPE) continue;
    let current = r;
    for (;;) {
      const parent = current.parent ? byUrn.get(current.parent) : undefined;
      if (!parent || parent.type === STACK_TYPE) break;
      current = parent;
    }
    owners.set(r.urn, current);
  }
  return owners;
}

/** `aws:ec2/securityGroup:SecurityGroup` -> `SecurityGroup`. */
export function shortType(type: string): string {
  return type.split(":").pop() ?? type;
}

/** The resource a violation names, as `type name`, or "the stack". */
export function resourceLabel(graph: ResourceGraph, urn: string | undefined): string {
  if (!urn) return "the stack";
  const r = graph.resources.find((x) => x.urn === urn);
  if (r) return `${r.type} ${r.name}`;
  return urn.split("::").slice(-2).join(" ");
}
