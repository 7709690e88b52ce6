import { namesOverlap } from "./name-patterns.js";
import { matchesPattern, type SelectedObject, selectedObjects, type TableMappings } from "./table-mappings/index.js";

export { namesOverlap };

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
