import type { LiveClient, RawValue } from "./connection.js";
import type { TableName } from "./selection.js";

/** How a column's values are compared and what DMS makes of it. */
export type ValueKind =
  | "integer"
  | "decimal"
  | "float"
  | "boolean"
  | "bit"
  | "text"
  | "binary"
  | "date"
  | "timestamp"
  | "time"
  | "json"
  | "other";

export interface ColumnInfo {
  name: string;
  /** information_schema data_type, lower case (`int`, `character varying`, `USER-DEFINED`...). */
  dataType: string;
  /** Full type: MySQL column_type (`tinyint(1)`), PostgreSQL udt_name (`int4`, `geometry`). */
  fullType: string;
  kind: ValueKind;
  nullable: boolean;
}

export interface TableInfo extends TableName {
  columns: ColumnInfo[];
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[];
  /** A unique key whose columns are all NOT NULL (usable as a row identity when there is no primary key). */
  uniqueKey: string[];
}

const SYSTEM_SCHEMAS: Record<LiveClient["family"], string[]> = {
  mysql: ["mysql", "information_schema", "performance_schema", "sys"],
  postgres: ["pg_catalog", "information_schema", "pg_toast"],
};

function text(value: RawValue | undefined): string {
  if (value === null || value === undefined) return "";
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
}

/** The base tables of the database the client is connected to (every schema on PostgreSQL). */
export async function listTables(client: LiveClient): Promise<TableName[]> {
  const system = SYSTEM_SCHEMAS[client.family];
  const rows = await client.query(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN (${system.map(() => "?").join(", ")})`,
    system,
  );
  return rows.map((r) => ({ schema: text(r.s), table: text(r.t) }));
}

/** Classify a column for comparison; MySQL tinyint(1) is a boolean in disguise but compares as 0/1 anyway. */
export function valueKind(family: LiveClient["family"], dataType: string, fullType: string): ValueKind {
  const t = dataType.toLowerCase();
  if (family === "mysql") {
    if (["tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year"].includes(t)) return "integer";
    if (t === "decimal" || t === "numeric") return "decimal";
    if (t === "float" || t === "double" || t === "real") return "float";
    if (t === "bit") return "bit";
    if (["char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"].includes(t)) return "text";
    if (["binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"].includes(t)) return "binary";
    if (t === "date") return "date";
    if (t === "datetime" || t === "timestamp") return "timestamp";
    if (t === "time") return "time";
    if (t === "json") return "json";
    return "other";
  }
  const udt = fullType.toLowerCase();
  if (["smallint", "integer", "bigint"].includes(t)) return "integer";
  if (t === "numeric") return "decimal";
  if (t === "real" || t === "double precision") return "float";
  if (t === "boolean") return "boolean";
  if (t === "bit" || t === "bit varying") return "other";
  if (["character varying", "character", "text", "uuid", "citext", "name"].includes(t) || udt === "citext")
    return "text";
  if (t === "bytea") return "binary";
  if (t === "date") return "date";
  if (t.startsWith("timestamp")) return "timestamp";
  if (t === "time without time zone") return "time";
  if (t === "json" || t === "jsonb") return "json";
  return "other";
}

/** Columns and keys of the given tables, in one round trip per table. Tables that do not exist are left out. */
export async function describeTables(
  client: LiveClient,
  tables: readonly TableName[],
): Promise<Map<string, TableInfo>> {
  const result = new Map<string, TableInfo>();
  const typeColumn = client.family === "mysql" ? "column_type" : "udt_name";
  for (const name of tables) {
    const columns = await client.query(
      `SELECT column_name AS c, data_type AS d, ${typeColumn} AS f, is_nullable AS n
       FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position`,
      [name.schema, name.table],
    );
    if (columns.length === 0) continue;
    // information_schema.table_constraints hides tables the user may only SELECT from (MariaDB,
    // and PostgreSQL's "owner or a privilege other than SELECT" rule), so read the indexes.
    const keys =
      client.family === "mysql"
        ? await client.query(
            `SELECT index_name AS k, IF(index_name = 'PRIMARY', 'P', 'U') AS ty, column_name AS c
             FROM information_schema.statistics
             WHERE table_schema = ? AND table_name = ? AND non_unique = 0 AND sub_part IS NULL
             ORDER BY index_name, seq_in_index`,
            [name.schema, name.table],
          )
        : await client.query(
            `SELECT ic.relname AS k, CASE WHEN i.indisprimary THEN 'P' ELSE 'U' END AS ty, a.attname AS c
             FROM pg_index i
             JOIN pg_class t ON t.oid = i.indrelid
             JOIN pg_namespace n ON n.oid = t.relnamespace
             JOIN pg_class ic ON ic.oid = i.indexrelid
             CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS key(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = key.attnum
             WHERE n.nspname = ? AND t.relname = ? AND (i.indisprimary OR i.indisunique)
               AND i.indpred IS NULL AND i.indexprs IS NULL
             ORDER BY ic.relname, key.ord`,
            [name.schema, name.table],
          );
    const info: TableInfo = {
      ...name,
      columns: columns.map((c) => ({
        name: text(c.c),
        dataType: text(c.d).toLowerCase(),
        fullType: text(c.f).toLowerCase(),
        kind: valueKind(client.family, text(c.d), text(c.f)),
        nullable: text(c.n).toUpperCase() === "YES",
      })),
      primaryKey: [],
      uniqueKey: [],
    };
    const uniques = new Map<string, string[]>();
    for (const k of keys) {
      if (text(k.ty) === "P") info.primaryKey.push(text(k.c));
      else uniques.set(text(k.k), [...(uniques.get(text(k.k)) ?? []), text(k.c)]);
    }
    for (const cols of uniques.values()) {
      const allNotNull = cols.every((c) => info.columns.find((col) => col.name === c)?.nullable === false);
      if (allNotNull && info.uniqueKey.length === 0) info.uniqueKey = cols;
    }
    result.set(qualified(name), info);
  }
  return result;
}

/** `schema.table`, for map keys and messages. */
export function qualified(name: TableName): string {
  return `${name.schema}.${name.table}`;
}
