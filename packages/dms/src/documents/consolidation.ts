import { matchesPattern, type SelectedObject, selectedObjects, type TableMappings } from "./table-mappings.js";

/** A task and the table mappings it runs, for the consolidation check. */
export interface TaskTargets {
  /** Task name. */
  task: string;
  /** The source it reads (several sources may consolidate into one target). */
  source?: string;
  tableMappings: TableMappings;
}

/** Two tasks that would write the same target table. */
export interface TargetConflict {
  /** The target object both write, `schema.table` (a pattern when a selection is a wildcard). */
  target: string;
  tasks: [string, string];
  /** In words, for an error message. */
  reason: string;
}

type Token = { kind: "many" } | { kind: "one" } | { kind: "char"; char: string } | { kind: "set"; chars: string };

/** DMS name pattern syntax: `%` any run, `_` any one character, `[_]` a literal underscore, `[ab]`/`[a-d]` a set. */
function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "%") tokens.push({ kind: "many" });
    else if (c === "_") tokens.push({ kind: "one" });
    else if (c === "[" && pattern.indexOf("]", i + 1) > i) {
      const end = pattern.indexOf("]", i + 1);
      const body = pattern.slice(i + 1, end);
      let chars = "";
      for (let k = 0; k < body.length; k++) {
        const from = body[k] as string;
        if (body[k + 1] === "-" && k + 2 < body.length) {
          const to = body[k + 2] as string;
          for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) chars += String.fromCharCode(code);
          k += 2;
        } else chars += from;
      }
      tokens.push(chars.length === 1 ? { kind: "char", char: chars } : { kind: "set", chars });
      i = end;
    } else tokens.push({ kind: "char", char: c });
  }
  return tokens;
}

function singleOverlap(a: Token, b: Token): boolean {
  if (a.kind === "one" || b.kind === "one") return true;
  if (a.kind === "char" && b.kind === "char") return a.char === b.char;
  if (a.kind === "char" && b.kind === "set") return b.chars.includes(a.char);
  if (a.kind === "set" && b.kind === "char") return a.chars.includes(b.char);
  if (a.kind === "set" && b.kind === "set") return [...a.chars].some((c) => b.chars.includes(c));
  return false;
}

/**
 * Whether two DMS name patterns can name the same object (exact names are patterns without
 * wildcards): the intersection of the two languages is non-empty, decided on the patterns'
 * tokens (`ord%` and `%ers` both name `orders`; `eu_%` and `us` name nothing in common).
 */
export function namesOverlap(a: string, b: string): boolean {
  const ta = tokenize(a);
  const tb = tokenize(b);
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (tb.length + 1) + j;
    const seen = memo.get(key);
    if (seen !== undefined) return seen;
    let result: boolean;
    const x = ta[i];
    const y = tb[j];
    if (!x && !y) result = true;
    else if (x?.kind === "many") result = go(i + 1, j) || (y !== undefined && go(i, j + 1));
    else if (y?.kind === "many") result = go(i, j + 1) || (x !== undefined && go(i + 1, j));
    else if (!x || !y) result = false;
    else result = singleOverlap(x, y) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

function written(doc: TableMappings): { includes: SelectedObject[]; excludes: SelectedObject[] } {
  const objects = selectedObjects(doc);
  return {
    includes: objects.filter((o) => o.action !== "exclude"),
    excludes: objects.filter((o) => o.action === "exclude"),
  };
}

function excluded(excludes: SelectedObject[], schema: string, table: string): boolean {
  return excludes.some((e) => matchesPattern(e.schemaName, schema) && matchesPattern(e.tableName, table));
}

/**
 * The pairs of tasks that would write the same target table — the check a consolidation
 * (several sources into one target) needs: two tasks may select the same source names only if
 * their transformations rename them apart on the target. An object one task excludes does not
 * count for it. Tasks are compared by their target names (after schema and table renames).
 */
export function findTargetConflicts(tasks: ReadonlyArray<TaskTargets>): TargetConflict[] {
  const conflicts: TargetConflict[] = [];
  const resolved = tasks.map((t) => ({ ...t, ...written(t.tableMappings) }));
  for (let i = 0; i < resolved.length; i++) {
    for (let j = i + 1; j < resolved.length; j++) {
      const a = resolved[i];
      const b = resolved[j];
      if (!a || !b) continue;
      for (const oa of a.includes) {
        const hit = b.includes.find(
          (ob) =>
            namesOverlap(oa.targetSchemaName, ob.targetSchemaName) &&
            namesOverlap(oa.targetTableName, ob.targetTableName) &&
            !excluded(a.excludes, ob.schemaName, ob.tableName) &&
            !excluded(b.excludes, oa.schemaName, oa.tableName),
        );
        if (!hit) continue;
        const target = `${oa.targetSchemaName}.${oa.targetTableName}`;
        const from = (t: typeof a, o: SelectedObject) =>
          `task "${t.task}"${t.source ? ` (source ${t.source})` : ""} writes ${o.targetSchemaName}.${o.targetTableName}`;
        conflicts.push({
          target,
          tasks: [a.task, b.task],
          reason: `${from(a, oa)} and ${from(b, hit)}: rename one apart with a transformation rule (rule-target schema or table, rule-action rename or add-prefix)`,
        });
        break;
      }
    }
  }
  return conflicts;
}
