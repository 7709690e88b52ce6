import {
  allowUnknownSettingsFromTags,
  parseTableMappingsDetailed,
  parseTaskSettingsDetailed,
  type TaskMigrationType,
} from "@dms-platform/dms/documents";
import type { ResourceGraph } from "@dms-platform/offline";

/** What DMS accepts in a task's documents but is very likely a mistake, as the plan lists it. */
export interface TaskWarning {
  /** The task's identifier (`dev-dmslab-customers-dms`), or the config's. */
  task: string;
  urn: string;
  /** The property holding the document: tableMappings, replicationTaskSettings or replicationSettings. */
  document: string;
  /** JSON path inside the document; "" for the document itself. */
  path: string;
  message: string;
}

/** Each DMS type that carries documents: [mappings, settings, migration type, identifier] properties. */
const DOCUMENTS: Readonly<Record<string, readonly [string, string, string, string]>> = {
  "aws:dms/replicationTask:ReplicationTask": [
    "tableMappings",
    "replicationTaskSettings",
    "migrationType",
    "replicationTaskId",
  ],
  "aws:dms/replicationConfig:ReplicationConfig": [
    "tableMappings",
    "replicationSettings",
    "replicationType",
    "replicationConfigIdentifier",
  ],
};

const MIGRATION_TYPES: readonly string[] = ["full-load", "cdc", "full-load-and-cdc"];

/**
 * The warnings of every DMS task (or Serverless config) of a graph: a duplicate rule-name, a setting the task's
 * migration type or target engine ignores, each key its `DmsAllowUnknownSettings` tag lets through. The target
 * engine is the `engineName` of the endpoint whose ARN the task names. A document that does not parse draws no
 * warning here: the dms-task-documents-valid policy reports it.
 */
export function taskWarnings(graph: ResourceGraph): TaskWarning[] {
  const engines = new Map<unknown, string>();
  for (const r of graph.resources) {
    if (r.type === "aws:dms/endpoint:Endpoint" && typeof r.inputs.engineName === "string") {
      engines.set(r.outputs.endpointArn, r.inputs.engineName);
    }
  }
  const out: TaskWarning[] = [];
  for (const r of graph.resources) {
    const properties = DOCUMENTS[r.type];
    if (!properties) continue;
    const [mappingsProperty, settingsProperty, typeProperty, idProperty] = properties;
    const task = String(r.inputs[idProperty] ?? r.name);
    const add = (document: string, warnings: Array<{ path: string; message: string }>) => {
      for (const w of warnings) out.push({ task, urn: r.urn, document, ...w });
    };
    const mappings = r.inputs[mappingsProperty];
    if (typeof mappings === "string") {
      try {
        add(mappingsProperty, parseTableMappingsDetailed(mappings).warnings);
      } catch {
        // Invalid: the policy reports it.
      }
    }
    const settings = r.inputs[settingsProperty];
    if (typeof settings === "string") {
      const type = r.inputs[typeProperty];
      const targetEngine = engines.get(r.inputs.targetEndpointArn);
      try {
        const parsed = parseTaskSettingsDetailed(settings, {
          allowUnknownSettings: allowUnknownSettingsFromTags(r.inputs.tags),
          ...(typeof type === "string" && MIGRATION_TYPES.includes(type)
            ? { migrationType: type as TaskMigrationType }
            : {}),
          ...(targetEngine !== undefined ? { targetEngine } : {}),
        });
        add(settingsProperty, parsed.warnings);
      } catch {
        // Invalid: the policy reports it.
      }
    }
  }
  return out;
}
