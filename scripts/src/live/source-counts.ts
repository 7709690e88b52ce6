import type { TableMappings } from "@dms-platform/dms/documents";
import { listTables, qualified } from "./catalog.js";
import { type ConnectionOptions, connect, describeConnection, parseConnection } from "./connection.js";
import { LiveUsageError } from "./errors.js";
import { selectionRules } from "./preflight.js";
import { literalSchemas, selectTables, type TableName, targetNameOf, unmatchedRules } from "./selection.js";

/** A selected source table, its name on the target after the task's rules, and its `COUNT(*)`. */
export interface SourceTableCount {
  /** `schema.table` on the source. */
  table: string;
  source: TableName;
  /** The schema and table the task's transformation rules give it on the target. */
  target: TableName;
  rows: number;
}

/**
 * Count the rows of the tables a migration selects on its source, the way `validate` reads a source
 * (the same URL, secret, TLS and selection rules), for a target whose rows are compared by count only
 * (Redshift) or not at all (S3: DMS's own counts). Throws LiveUsageError / LiveConnectionError (exit 2).
 */
export async function countSourceTables(options: {
  source: ConnectionOptions;
  tables?: string;
  tableMappings?: readonly { origin: string; mapping: TableMappings }[];
}): Promise<{ source: string; tables: SourceTableCount[] }> {
  const spec = parseConnection("source", options.source);
  const rules = selectionRules(options, spec);
  const client = await connect(spec);
  try {
    const schemas = literalSchemas(rules);
    const all = (await listTables(client)).filter((t) => schemas === undefined || schemas.includes(t.schema));
    const unmatched = unmatchedRules(rules, all);
    if (unmatched.length > 0) {
      throw new LiveUsageError(
        `--tables: no source table matches ${unmatched.map((r) => `${r.schema}.${r.table}`).join(", ")}`,
      );
    }
    const tables: SourceTableCount[] = [];
    for (const name of selectTables(rules, all)) {
      const [row] = await client.queryArrays(
        `SELECT COUNT(*) FROM ${client.ident(name.schema)}.${client.ident(name.table)}`,
      );
      tables.push({
        table: qualified(name),
        source: name,
        target: targetNameOf(rules, name),
        rows: Number(row?.[0] ?? 0),
      });
    }
    return { source: describeConnection(spec), tables };
  } finally {
    await client.close();
  }
}
