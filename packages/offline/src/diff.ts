import type { StackState, StateResource } from "./checkpoint.js";
import { type GraphResource, type ResourceGraph, SECRET, UNKNOWN } from "./graph.js";

/**
 * The engine's view of a program against a stack's state, as `pulumi preview` computes it: each
 * resource matched by urn (or an alias) gets an operation, decided for custom resources the way
 * the provider decides (its ForceNew schema), with the resource options `ignoreChanges`,
 * `replaceOnChanges`, `deleteBeforeReplace` and `protect` applied as the engine applies them.
 */

/** What the engine does to a resource. */
export type ChangeOp = "create" | "update" | "replace" | "delete" | "same";

/** How the provider treats a resource type's inputs (see @dms-platform/config PROVIDER_SCHEMAS). */
export interface DiffSchema {
  forceNew: readonly string[];
  fixedName?: readonly string[];
  /** Inputs the fixed name is unique within (a security group's VPC). */
  nameScope?: readonly string[];
  jsonInputs?: readonly string[];
}

/** One resource's change. */
export interface ResourceChange {
  urn: string;
  type: string;
  name: string;
  op: ChangeOp;
  /** Top-level input keys that differ (or become unknown), sorted. */
  diff: string[];
  /** Input paths whose change forces the replacement (ForceNew or replaceOnChanges), sorted. */
  replaceKeys: string[];
  /** Input keys whose new value is unknown until apply (they depend on a created or replaced resource). */
  unknownKeys: string[];
  /** The replacement deletes the old resource first (`deleteBeforeReplace`). */
  deleteBeforeReplace: boolean;
  /** The resource in the state (absent for a create). */
  old?: StateResource;
  /** The resource in the program (absent for a delete). */
  new?: GraphResource;
  /** Why `pulumi up` would fail on this resource, each with the fix. */
  problems: string[];
}

export interface StackDiff {
  changes: ResourceChange[];
  /** The graph as `pulumi preview` sees it: unknown outputs of created/replaced resources, unknown inputs. */
  preview: ResourceGraph;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A string holding a JSON object or array, parsed; otherwise undefined. */
function parseJsonDocument(value: unknown): unknown {
  if (typeof value !== "string") return undefined;
  const t = value.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/** Deep equality of plain JSON values; object key order does not matter. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The scalar leaves of a value. */
function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (isObject(value)) return Object.values(value).flatMap(leaves);
  return [value];
}

/** Whether a value holds the unknown sentinel anywhere. */
function hasUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (isObject(value)) return Object.values(value).some(hasUnknown);
  return false;
}

/**
 * Paths (dotted, from `prefix`) where two input values differ. JSON documents (strings holding an
 * object or array) compare by meaning, as the provider's DiffSuppress on JSON does; a secret
 * compares equal to a secret (neither side's value is known here).
 */
export function differingPaths(oldValue: unknown, newValue: unknown, prefix: string): string[] {
  if (oldValue === SECRET && newValue === SECRET) return [];
  if (newValue === UNKNOWN) return [prefix];
  if (isObject(oldValue) && isObject(newValue)) {
    const keys = new Set([...Object.keys(oldValue), ...Object.keys(newValue)]);
    return [...keys].flatMap((k) => differingPaths(oldValue[k], newValue[k], prefix ? `${prefix}.${k}` : k));
  }
  // A nested block (`computeConfig`) is a one-element list in the provider's schema and an object here.
  const a = parseJsonDocument(oldValue);
  const b = parseJsonDocument(newValue);
  if (a !== undefined && b !== undefined) return jsonEqual(a, b) ? [] : [prefix];
  if (oldValue === undefined && newValue === undefined) return [];
  return jsonEqual(oldValue ?? null, newValue ?? null) ? [] : [prefix];
}

/** Whether `path` is matched by a list of property paths (`a.b` matches `a`, `a.b` and `a.b.c`). */
export function pathMatches(paths: readonly string[], path: string): boolean {
  return paths.some((p) => p === "*" || p === path || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
}

const top = (path: string) => path.split(".")[0] as string;

/** The value of a fixed-name input, when known. */
function nameOf(inputs: Record<string, unknown>, keys: readonly string[] | undefined): string | undefined {
  for (const key of keys ?? []) {
    const v = inputs[key];
    if (typeof v === "string" && v !== "" && v !== UNKNOWN && v !== SECRET) return v;
  }
  return undefined;
}

/** Types the engine manages itself: never diffed against a provider, never reported as deleted. */
const isEngineType = (type: string) => type.startsWith("pulumi:providers:") || type === "pulumi:pulumi:Stack";

/**
 * Diff a program's graph against a stack's state. `schemaOf` gives the provider's schema of a
 * custom resource type (undefined: no input forces a replacement beyond `replaceOnChanges`).
 */
export function diffStack(
  state: StackState,
  graph: ResourceGraph,
  schemaOf: (type: string) => DiffSchema | undefined,
): StackDiff {
  const byUrn = new Map(state.resources.map((r) => [r.urn, r]));
  // A state resource renamed by the program keeps its old urn in the program's aliases.
  const matched = new Set<string>();
  const unknownOutputs = new Set<string>();
  const newByUrn = new Map(graph.resources.map((r) => [r.urn, r]));
  const changes: ResourceChange[] = [];

  for (const r of graph.resources) {
    const old = byUrn.get(r.urn) ?? r.options.aliases.map((a) => byUrn.get(a)).find((x) => x !== undefined);
    const base = {
      urn: r.urn,
      type: r.type,
      name: r.name,
      new: r,
      deleteBeforeReplace: r.options.deleteBeforeReplace ?? false,
      problems: [] as string[],
    };
    if (!old) {
      unknownOutputs.add(r.urn);
      changes.push({ ...base, op: "create", diff: [], replaceKeys: [], unknownKeys: [] });
      continue;
    }
    matched.add(old.urn);
    if (r.type === "pulumi:pulumi:Stack" || r.read) {
      changes.push({ ...base, old, op: "same", diff: [], replaceKeys: [], unknownKeys: [] });
      continue;
    }
    // Inputs that take an output of a created or replaced resource are unknown under preview,
    // unless the value is one of that resource's own inputs, which the engine echoes back: a value
    // is unknown when it holds an output of such a resource that is not one of its inputs.
    const unknownKeys = Object.entries(r.propertyDependencies)
      .filter(([key, deps]) => {
        const pending = deps.filter((d) => unknownOutputs.has(d));
        if (pending.length === 0 || !(key in r.inputs)) return false;
        const computed = new Set<unknown>();
        for (const d of pending) {
          const dep = newByUrn.get(d);
          if (!dep) return true;
          const echoed = new Set(leaves(dep.inputs));
          for (const v of [dep.id, ...leaves(dep.outputs)]) if (v !== undefined && !echoed.has(v)) computed.add(v);
        }
        return leaves(r.inputs[key]).some((v) => computed.has(v));
      })
      .map(([key]) => key)
      .sort();
    const ignore = r.options.ignoreChanges;
    // Keys the bridged provider's Check filled with defaults (a real export lists them in
    // `__defaults`): absent from the program's inputs, they are not a change.
    const defaulted = new Set(Array.isArray(old.inputs.__defaults) ? old.inputs.__defaults.map(String) : []);
    const keys = new Set(
      [...Object.keys(old.inputs), ...Object.keys(r.inputs)].filter(
        (k) => !k.startsWith("__") && !(defaulted.has(k) && !(k in r.inputs)),
      ),
    );
    const paths: string[] = [];
    for (const key of keys) {
      const found = unknownKeys.includes(key) ? [key] : differingPaths(old.inputs[key], r.inputs[key], key);
      paths.push(...found.filter((p) => !pathMatches(ignore, p)));
    }
    const diff = [...new Set(paths.map(top))].sort();
    const schema = r.custom ? schemaOf(r.type) : undefined;
    const replaceKeys = r.custom
      ? [
          ...new Set(
            paths.filter((p) => pathMatches(schema?.forceNew ?? [], p) || pathMatches(r.options.replaceOnChanges, p)),
          ),
        ].sort()
      : [];
    const op: ChangeOp = replaceKeys.length > 0 ? "replace" : diff.length > 0 ? "update" : "same";
    if (op === "replace") unknownOutputs.add(r.urn);
    changes.push({ ...base, old, op, diff, replaceKeys, unknownKeys });
  }

  for (const old of state.resources) {
    if (matched.has(old.urn) || isEngineType(old.type)) continue;
    changes.push({
      urn: old.urn,
      type: old.type,
      name: old.urn.split("::").pop() ?? old.urn,
      op: "delete",
      diff: [],
      replaceKeys: [],
      unknownKeys: [],
      deleteBeforeReplace: false,
      old,
      problems: [],
    });
  }

  addProblems(changes, schemaOf);
  return { changes, preview: previewGraph(graph, changes) };
}

/** What makes `pulumi up` fail, per resource, with the fix in the program's terms. */
function addProblems(changes: ResourceChange[], schemaOf: (type: string) => DiffSchema | undefined): void {
  const leaving = changes.filter((c) => c.op === "delete");
  for (const c of changes) {
    const label = `${c.type} "${c.name}"`;
    const protectedNow = (c.old?.protect ?? false) || (c.new?.options.protect ?? false);
    if (c.op === "replace" && protectedNow) {
      c.problems.push(
        `${label} is protected and would be replaced (${c.replaceKeys.join(", ")} changed): \`pulumi up\` refuses to replace a protected resource. Keep ${c.replaceKeys.join(", ")} as deployed, or allow the replacement explicitly and unprotect it in a change of its own first.`,
      );
    }
    if (c.op === "delete" && c.old?.protect) {
      c.problems.push(
        `${label} is protected and would be deleted (the program no longer declares it under this name): \`pulumi up\` refuses. Keep its name (add an alias for a renamed resource), or unprotect it in a change of its own first.`,
      );
    }
    const schema = schemaOf(c.type);
    if (!schema?.fixedName || !c.new) continue;
    const name = nameOf(c.new.inputs, schema.fixedName);
    if (name === undefined) continue;
    const rescoped = (schema.nameScope ?? []).some((k) => c.diff.includes(k));
    if (
      c.op === "replace" &&
      !c.deleteBeforeReplace &&
      !rescoped &&
      c.old &&
      nameOf(c.old.inputs, schema.fixedName) === name
    ) {
      c.problems.push(
        `${label} would be replaced create-before-delete, but its physical name "${name}" is fixed: the new one collides with the old one. Set deleteBeforeReplace on it (the component that creates it), or change the name with the replacement.`,
      );
    }
    if (c.op === "create" || c.op === "replace") {
      for (const gone of leaving) {
        if (gone.type !== c.type || !gone.old || nameOf(gone.old.inputs, schema.fixedName) !== name) continue;
        c.problems.push(
          gone.old.retainOnDelete
            ? `${label} would be created with the physical name "${name}", which the deleted ${gone.name} (retainOnDelete) leaves behind in AWS: the create fails. Keep the old resource's logical name (or an alias to it) so it is updated, not re-created.`
            : `${label} would be created with the physical name "${name}" while ${gone.name}, which holds it, is deleted only after creates: the create fails. Keep the old resource's logical name or add an alias to its urn so the engine updates it in place.`,
        );
      }
    }
  }
}

/**
 * The graph as `pulumi preview` shows it: a created or replaced resource's outputs are unknown
 * except those echoing its inputs; inputs that depend on such a resource are unknown.
 */
export function previewGraph(graph: ResourceGraph, changes: readonly ResourceChange[]): ResourceGraph {
  const byUrn = new Map(changes.map((c) => [c.urn, c]));
  const resources = graph.resources.map((r) => {
    const c = byUrn.get(r.urn);
    if (!c || (c.op !== "create" && c.op !== "replace" && c.unknownKeys.length === 0)) return r;
    const inputs = { ...r.inputs };
    for (const key of c.unknownKeys) inputs[key] = UNKNOWN;
    const outputs =
      c.op === "create" || c.op === "replace"
        ? Object.fromEntries(
            Object.keys(r.outputs).map((k) => [k, k in inputs && !hasUnknown(inputs[k]) ? inputs[k] : UNKNOWN]),
          )
        : r.outputs;
    return { ...r, inputs, outputs };
  });
  return { ...graph, resources };
}
