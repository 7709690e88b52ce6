import type { StackState, StateResource } from "./checkpoint.js";
import {
  type ChangeDecision,
  type ChangeOp,
  type GraphResource,
  type ResourceGraph,
  SECRET,
  UNKNOWN,
} from "./graph.js";

export type { ChangeDecision, ChangeOp };

/**
 * The engine's view of a program against a stack's state, as `pulumi preview` computes it: each
 * resource matched by urn (or an alias) gets an operation, decided for custom resources the way
 * the provider decides (its ForceNew schema), with the resource options `ignoreChanges`,
 * `replaceOnChanges`, `deleteBeforeReplace` and `protect` applied as the engine applies them.
 */

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
  /** The graph as `pulumi preview` sees it (the graph diffed, run against the state). */
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

/** Whether a value holds the unknown sentinel anywhere. */
export function hasUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (isObject(value)) return Object.values(value).some(hasUnknown);
  return false;
}

/**
 * Keys the engine and the bridge keep beside a resource's inputs, never the program's: `__defaults`
 * (the inputs the bridge's Check filled from the schema's defaults, at any depth of a nested block:
 * pulumi-terraform-bridge pkg/tfbridge/schema.go, `defaultsKey`), `__meta` and the like.
 */
const isEngineKey = (key: string) => key.startsWith("__");

/** The keys of an object the bridge says it defaulted (`__defaults`). */
function defaultedKeys(value: Record<string, unknown>): Set<string> {
  const d = value.__defaults;
  return new Set(Array.isArray(d) ? d.map(String) : []);
}

/**
 * The keys two objects are compared on: both sides' own keys, less the engine's, less those the
 * state's side says the provider defaulted when the program leaves them out.
 */
function comparedKeys(oldValue: Record<string, unknown>, newValue: Record<string, unknown>): string[] {
  const defaulted = defaultedKeys(oldValue);
  return [...new Set([...Object.keys(oldValue), ...Object.keys(newValue)])].filter(
    (k) => !isEngineKey(k) && !(defaulted.has(k) && newValue[k] === undefined),
  );
}

/**
 * A value the bridge may leave out of a checkpoint's inputs: no value, false, an empty string, list
 * or map. A real `pulumi stack export` omits what the program set to such a value and the provider
 * treats as unset (the Terraform zero value), so absent and empty compare equal.
 */
function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).every((k) => isEngineKey(k) || isEmptyValue(value[k]));
  return false;
}

/**
 * Whether a state value and a program value mean the same to the provider: JSON documents by
 * meaning (the provider's DiffSuppress on JSON), maps key by key with the bridge's defaults and
 * engine keys left out, absent as empty, and scalars as the bridge converts them (a number or a
 * boolean given where the schema holds a string compares by its text). A secret compares equal to
 * any known value: a checkpoint holds it encrypted, so its value cannot be read here.
 */
export function sameValue(oldValue: unknown, newValue: unknown): boolean {
  if (hasUnknown(newValue)) return false;
  if (oldValue === newValue) return true;
  if ((oldValue === SECRET && newValue !== undefined) || (newValue === SECRET && oldValue !== undefined)) return true;
  if (isEmptyValue(oldValue) && isEmptyValue(newValue)) return true;
  if (isObject(oldValue) && isObject(newValue)) {
    return comparedKeys(oldValue, newValue).every((k) => sameValue(oldValue[k], newValue[k]));
  }
  if (Array.isArray(oldValue) && Array.isArray(newValue)) {
    return oldValue.length === newValue.length && oldValue.every((v, i) => sameValue(v, newValue[i]));
  }
  const a = parseJsonDocument(oldValue);
  const b = parseJsonDocument(newValue);
  if (a !== undefined && b !== undefined) return sameValue(a, b);
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
  if (scalar(oldValue) && scalar(newValue)) return String(oldValue) === String(newValue);
  return false;
}

/**
 * Paths (dotted, from `prefix`) where a state value and a program value differ, compared as
 * `sameValue` does; maps are followed key by key so a nested change names its field, lists and
 * documents are compared whole. A value unknown until apply differs.
 */
export function differingPaths(oldValue: unknown, newValue: unknown, prefix: string): string[] {
  if (newValue === UNKNOWN) return [prefix];
  if (isObject(oldValue) && isObject(newValue)) {
    return comparedKeys(oldValue, newValue).flatMap((k) =>
      differingPaths(oldValue[k], newValue[k], prefix ? `${prefix}.${k}` : k),
    );
  }
  return sameValue(oldValue, newValue) ? [] : [prefix];
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

/** What deciding a resource's change needs to know besides the state and the program. */
export interface DiffContext {
  /** The default aws provider's `defaultTags.tags` (stack config `aws:defaultTags`). */
  defaultTags?: Readonly<Record<string, string>>;
}

/** The parts of a registered resource its change is decided on. */
export type DecidedResource = Pick<GraphResource, "type" | "custom" | "inputs" | "read"> & {
  options: Pick<GraphResource["options"], "ignoreChanges" | "replaceOnChanges">;
};

/**
 * `tagsAll` as pulumi-aws computes it before Check (provider/tags.go, `applyTags`): the provider's
 * default tags merged with the resource's `tags`, `{}` when both are empty, unknown when the tags
 * are. A real export stores it among the inputs of every SDKv2 resource with tags.
 */
export function expectedTagsAll(tags: unknown, defaultTags: Readonly<Record<string, string>>): unknown {
  if (hasUnknown(tags)) return UNKNOWN;
  return { ...defaultTags, ...(isObject(tags) ? tags : {}) };
}

/**
 * Decide one resource's change against its state, as `pulumi preview` does: inputs compared as the
 * bridge compares them (`sameValue`), `ignoreChanges` applied, and a replacement when a changed (or
 * unknown) input is ForceNew in the provider's schema or named by `replaceOnChanges`.
 */
export function decideChange(
  old: StateResource | undefined,
  r: DecidedResource,
  schema: DiffSchema | undefined,
  ctx: DiffContext = {},
): ChangeDecision {
  const unknownKeys = Object.keys(r.inputs)
    .filter((k) => hasUnknown(r.inputs[k]))
    .sort();
  if (!old) return { op: "create", diff: [], replaceKeys: [], unknownKeys };
  if (r.type === "pulumi:pulumi:Stack" || r.read) return { op: "same", diff: [], replaceKeys: [], unknownKeys: [] };
  const inputs = { ...r.inputs };
  if (r.type.startsWith("aws:") && "tagsAll" in old.inputs && !("tagsAll" in inputs)) {
    inputs.tagsAll = expectedTagsAll(inputs.tags, ctx.defaultTags ?? {});
  }
  const paths = differingPaths(old.inputs, inputs, "").filter((p) => !pathMatches(r.options.ignoreChanges, p));
  const diff = [...new Set(paths.map(top))].sort();
  const replaceKeys = r.custom
    ? [
        ...new Set(
          paths.filter((p) => pathMatches(schema?.forceNew ?? [], p) || pathMatches(r.options.replaceOnChanges, p)),
        ),
      ].sort()
    : [];
  const op: ChangeOp = replaceKeys.length > 0 ? "replace" : diff.length > 0 ? "update" : "same";
  return { op, diff, replaceKeys, unknownKeys: unknownKeys.filter((k) => diff.includes(k)) };
}

/** Types the engine manages itself: never diffed against a provider, never reported as deleted. */
const isEngineType = (type: string) => type.startsWith("pulumi:providers:") || type === "pulumi:pulumi:Stack";

/**
 * Diff a program's graph against a stack's state. Run the program against the state first
 * (`runProgram` with `against`), so the graph holds what `pulumi preview` sees: the state's ids and
 * outputs where nothing changed, unknown values where they come from a created or replaced resource.
 * `schemaOf` gives the provider's schema of a custom resource type (undefined: no input forces a
 * replacement beyond `replaceOnChanges`).
 */
export function diffStack(
  state: StackState,
  graph: ResourceGraph,
  schemaOf: (type: string) => DiffSchema | undefined,
  ctx: DiffContext = {},
): StackDiff {
  const byUrn = new Map(state.resources.map((r) => [r.urn, r]));
  const matched = new Set<string>();
  const changes: ResourceChange[] = [];

  for (const r of graph.resources) {
    // A state resource renamed by the program keeps its old urn in the program's aliases.
    const old = byUrn.get(r.urn) ?? r.options.aliases.map((a) => byUrn.get(a)).find((x) => x !== undefined);
    if (old) matched.add(old.urn);
    // The decision taken when the resource registered (a run `against` the state) is the one its
    // answer was built on; a graph run without the state is decided here.
    const decision = r.decision ?? decideChange(old, r, r.custom ? schemaOf(r.type) : undefined, ctx);
    changes.push({
      urn: r.urn,
      type: r.type,
      name: r.name,
      new: r,
      ...(old ? { old } : {}),
      deleteBeforeReplace: r.options.deleteBeforeReplace ?? false,
      problems: [],
      ...decision,
    });
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
  return { changes, preview: graph };
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
