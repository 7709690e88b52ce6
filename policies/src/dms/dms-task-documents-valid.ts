import {
  allowUnknownSettingsFromTags,
  MappingError,
  parseTableMappings,
  parseTaskSettings,
  TaskSettingsError,
} from "@dms-platform/dms/documents";
import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

/** The documents of each DMS type that carries them: [property, parser]. */
const DOCUMENTS: Readonly<Record<string, ReadonlyArray<[string, "mappings" | "settings"]>>> = {
  [T.dmsReplicationTask]: [
    ["tableMappings", "mappings"],
    ["replicationTaskSettings", "settings"],
  ],
  [T.dmsReplicationConfig]: [
    ["tableMappings", "mappings"],
    ["replicationSettings", "settings"],
  ],
};

export const dmsTaskDocumentsValid = resourcePolicy({
  name: "dms-task-documents-valid",
  concern: "dms",
  description:
    "The table mappings and task settings of DMS replication tasks and Serverless configs are valid DMS documents (the rules of @dms-platform/dms/documents: rule types and actions, each rule type's own fields, unique rule ids, object locators, documented setting names in their own sections, ranges and enumerated values; a settings key the task lists in its DmsAllowUnknownSettings tag is let through). DMS silently ignores a misplaced or unknown key, so the task would run without the setting. DMS rejects an invalid document only when the task is created or modified, after the rest of the stack has changed.",
  control: "AWS DMS User Guide: table mapping and task settings rules (no Security Hub control)",
  enforcementLevel: "mandatory",
  types: [T.dmsReplicationTask, T.dmsReplicationConfig],
  validate: (props, args, report) => {
    for (const [property, kind] of DOCUMENTS[args.type] ?? []) {
      const document = props[property];
      if (document === undefined) continue;
      try {
        if (kind === "mappings") parseTableMappings(document, { file: property });
        // Keys the task allows (its DmsAllowUnknownSettings tag, written by the DmsReplication component).
        else
          parseTaskSettings(document, {
            file: property,
            allowUnknownSettings: allowUnknownSettingsFromTags(props.tags),
          });
      } catch (err) {
        if (!(err instanceof MappingError || err instanceof TaskSettingsError)) throw err;
        // The validators' message reads `<property>: <JSON path>: <rule>`.
        report(err.message);
      }
    }
  },
});
