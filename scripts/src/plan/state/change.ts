import type { ChangeOp, ResourceChange, ResourceGraph, StackState, Violation } from "@dms-platform/offline";
import { addRuleProblems, recreateCollision } from "./aws-rules.js";
import { type DmsImpact, dmsImpact, type ImpactCode } from "./dms-impact.js";

/** One resource's change with its DMS impact. */
export interface PlannedChange extends ResourceChange {
  impact: ImpactCode[];
  /** The DMS impact in words. */
  impactWords: string[];
}

export type ChangeCounts = Record<ChangeOp, number>;

/** What a plan does to the deployed stack (`--state` / `--base`). */
export interface PlanChange {
  /** The state file the plan was diffed against; null when none exists (the stack is not deployed). */
  stateFile: string | null;
  /** Every resource of the program and of the state, in the program's order, deletes last. */
  changes: PlannedChange[];
  counts: ChangeCounts;
  /** The graph as `pulumi preview` shows it (outputs of created/replaced resources unknown). */
  preview: ResourceGraph;
  /**
   * Mandatory policies `pulumi preview` cannot decide on a resource because a value they read is
   * unknown until apply (the analyzer reports "can't run policy ... during preview"): they are
   * decided only during `up`. `violated` says whether, with every value known, the policy fails.
   */
  undecided: Array<{ policy: string; urn?: string; violated: boolean }>;
  /** `plan --destroy`: what `pulumi destroy` leaves, refuses and what a re-create collides with. */
  destroy?: DestroySummary;
}

/** What `pulumi destroy` would do beyond deleting, as `plan --destroy` lists it (`type "name"` each). */
export interface DestroySummary {
  /** retainOnDelete: removed from the stack, left in AWS. */
  retained: string[];
  /** protect: `pulumi destroy` refuses the whole stack until unprotected. */
  protected: string[];
  /** Databases deployed with deletion protection: AWS refuses the delete. */
  deletionProtection: string[];
  /** What a re-create of the same stack would collide with, and why. */
  collisions: string[];
}

export const CHANGE_OPS: readonly ChangeOp[] = ["create", "update", "replace", "delete", "same"];

export function countChanges(changes: readonly { op: ChangeOp }[]): ChangeCounts {
  const counts: ChangeCounts = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  for (const c of changes) counts[c.op]++;
  return counts;
}

/**
 * Diff a preview (the program run against `state`, `runProgram` with `against`) against that state
 * and decide each change's DMS impact. `evaluate` runs the policy pack on the preview (unknowns in
 * place) for the `undecided` list; `violations` are the plan's, with every value known.
 */
export async function planChange(
  preview: ResourceGraph,
  state: StackState | undefined,
  violations: readonly Violation[],
  modules: {
    offline: typeof import("@dms-platform/offline");
    config: typeof import("@dms-platform/config");
  },
  evaluate: (preview: ResourceGraph) => Promise<Violation[]>,
  isMandatory: (policy: string) => boolean,
): Promise<PlanChange> {
  const { offline, config } = modules;
  const empty: StackState = { file: "", resources: [] };
  const diff = offline.diffStack(state ?? empty, preview, config.providerSchemaOf);
  const changes = diff.changes.map((c): PlannedChange => {
    const impact: DmsImpact = dmsImpact(c, preview);
    return {
      ...c,
      problems: [...c.problems, ...impact.problems],
      impact: [...new Set(impact.codes)],
      impactWords: impact.words,
    };
  });
  // What AWS refuses at call time (aws-rules.ts), on every change shown.
  addRuleProblems(changes);
  const known = new Set(violations.map((v) => `${v.policy}\u0000${v.urn ?? ""}`));
  // A policy can only fail to run during preview on a value the preview does not know: with none
  // (an unchanged stack), evaluating the pack again would decide nothing new.
  const unknowns = preview.resources.some(
    (r) => offline.hasUnknown(r.inputs) || offline.hasUnknown(r.outputs) || (r.custom && r.id === undefined),
  );
  const undecided = (unknowns ? await evaluate(preview) : [])
    .filter((v) => v.message.startsWith("can't run policy") && isMandatory(v.policy))
    .map((v) => ({
      policy: v.policy,
      ...(v.urn ? { urn: v.urn } : {}),
      violated: known.has(`${v.policy}\u0000${v.urn ?? ""}`),
    }));
  return {
    stateFile: state?.file ?? null,
    changes,
    counts: countChanges(changes),
    preview,
    undecided,
  };
}

/** Types the engine manages itself: never deleted as resources (diffStack leaves them out too). */
const isEngineType = (type: string) => type.startsWith("pulumi:providers:") || type === "pulumi:pulumi:Stack";

/**
 * `plan --destroy`: every resource of the state deleted, in the order `pulumi destroy` deletes
 * them (a checkpoint lists a resource after what it depends on, so the reverse), with what the
 * engine refuses (protect), what AWS refuses (aws-rules.ts) and what the destroy leaves behind.
 * `fixedName` gives a type's fixed-name inputs (@dms-platform/config providerSchemaOf).
 */
export function planDestroy(
  state: StackState | undefined,
  graph: ResourceGraph,
  fixedName: (type: string) => readonly string[] | undefined,
): PlanChange {
  const label = (r: { type: string; urn: string }) => `${r.type} "${r.urn.split("::").pop()}"`;
  const resources = [...(state?.resources ?? [])].filter((r) => !isEngineType(r.type)).reverse();
  const changes = resources.map(
    (old): PlannedChange => ({
      urn: old.urn,
      type: old.type,
      name: old.urn.split("::").pop() ?? old.urn,
      op: "delete",
      diff: [],
      replaceKeys: [],
      unknownKeys: [],
      deleteBeforeReplace: false,
      old,
      problems: old.protect
        ? [
            `${label(old)} is protected: \`pulumi destroy\` refuses to delete it (the resource is marked for protection). Unprotect it first (\`pulumi state unprotect '${old.urn}'\`), in a change of its own.`,
          ]
        : [],
      impact: [],
      impactWords: [],
    }),
  );
  addRuleProblems(changes, { destroy: true });
  return {
    stateFile: state?.file ?? null,
    changes,
    counts: countChanges(changes),
    // Nothing of the program is deployed after a destroy: the preview is the empty stack.
    preview: { ...graph, resources: [], outputs: {} },
    undecided: [],
    destroy: {
      retained: resources.filter((r) => r.retainOnDelete).map(label),
      protected: resources.filter((r) => r.protect).map(label),
      deletionProtection: resources.filter((r) => r.inputs.deletionProtection === true).map(label),
      collisions: resources.flatMap((r) => recreateCollision(r, fixedName) ?? []),
    },
  };
}

/** Every problem of a plan's change, as `type name: message`. */
export function changeProblems(change: PlanChange | undefined): Array<{ urn: string; message: string }> {
  if (!change) return [];
  return change.changes.flatMap((c) => c.problems.map((message) => ({ urn: c.urn, message })));
}
