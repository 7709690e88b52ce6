import { ConfigError } from "@dms-platform/config";
import type { DmsTaskArgs, EndpointArgs } from "./args.js";
import { findTargetConflicts, type TableMappings } from "./documents/index.js";

/** One source endpoint of a DmsReplication, decided before anything is declared. */
export interface PlannedSource {
  /** The key in `sources`; undefined for the one `source` (whose names stay `src`). */
  name?: string;
  endpoint: EndpointArgs;
  /** Its role in security-group rule names: `source`, or `source-<name>`. */
  role: string;
  /** How rule descriptions and warnings name it: `source`, or `source <name>`. */
  label: string;
}

/**
 * The source endpoints to declare: the one `source` (names unchanged: `<env>-<app>-src-dms`), or
 * one per entry of `sources` (`<env>-<app>-src-<name>-dms`), in the order given. Args are already
 * validated (exactly one of the two is set).
 */
export function planSources(args: {
  source?: EndpointArgs | undefined;
  sources?: Record<string, EndpointArgs> | undefined;
}): PlannedSource[] {
  if (args.sources) {
    return Object.entries(args.sources).map(([name, endpoint]) => ({
      name,
      endpoint,
      role: `source-${name}`,
      label: `source ${name}`,
    }));
  }
  if (!args.source) return [];
  return [{ endpoint: args.source, role: "source", label: "source" }];
}

/** The planned source a task reads: the one named by `task.source`, else the only one. */
export function sourceOfTask<S extends PlannedSource>(sources: ReadonlyArray<S>, task: Pick<DmsTaskArgs, "source">): S {
  const found = task.source === undefined ? sources[0] : sources.find((s) => s.name === task.source);
  if (!found) throw new Error(`no source "${task.source ?? "(default)"}" was planned`);
  return found;
}

/**
 * Refuse two tasks that would write the same target table (a consolidation's first failure mode:
 * the second task's full load drops or overwrites what the first loaded). The error names the
 * later task's mappings: `DmsReplication "replication": tasks[1].tableMappings: task "a" … and task "b" …`.
 */
export function checkTargetConflicts(
  tasks: ReadonlyArray<{ task: Pick<DmsTaskArgs, "name" | "source">; tableMappings: TableMappings }>,
  where: string,
): void {
  const [conflict] = findTargetConflicts(
    tasks.map(({ task, tableMappings }) => ({
      task: task.name,
      ...(task.source !== undefined ? { source: task.source } : {}),
      tableMappings,
    })),
  );
  if (!conflict) return;
  const index = tasks.findIndex((t) => t.task.name === conflict.tasks[1]);
  throw new ConfigError(where, `tasks[${index}].tableMappings`, conflict.reason);
}
