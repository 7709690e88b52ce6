import { describeTables, listTables, qualified, type TableInfo } from "./catalog.js";
import type { LiveClient } from "./connection.js";
import { messageOf } from "./errors.js";
import { type CheckStatus, DOCS, type PreflightCheck, type PreflightOptions, text } from "./preflight-model.js";
import { literalSchemas, type SelectionRule, selectTables, unmatchedRules } from "./selection.js";

const SPATIAL = new Set([
  "geometry",
  "point",
  "linestring",
  "polygon",
  "multipoint",
  "multilinestring",
  "multipolygon",
  "geometrycollection",
]);

/** Columns whose type DMS does not migrate (or only degrades) for this engine pair; fail or warn. */
function dataTypeProblems(
  info: TableInfo,
  sourceFamily: LiveClient["family"],
  targetFamily: LiveClient["family"],
): { column: string; type: string; status: CheckStatus; why: string }[] {
  const problems: { column: string; type: string; status: CheckStatus; why: string }[] = [];
  const heterogeneous = sourceFamily !== targetFamily;
  for (const c of info.columns) {
    if (sourceFamily === "mysql") {
      if (SPATIAL.has(c.dataType)) {
        problems.push({
          column: c.name,
          type: c.dataType,
          status: heterogeneous ? "fail" : "warn",
          why: heterogeneous
            ? "DMS carries spatial types only between MySQL-compatible engines"
            : "spatial types need a recent DMS engine version",
        });
      } else if (["uuid", "inet4", "inet6", "vector"].includes(c.dataType)) {
        problems.push({
          column: c.name,
          type: c.dataType,
          status: "warn",
          why: "DMS has no mapping for this MariaDB type",
        });
      }
    } else if (heterogeneous) {
      if (c.dataType === "user-defined" || c.dataType === "array" || /range$/.test(c.fullType)) {
        problems.push({
          column: c.name,
          type: c.fullType,
          status: "warn",
          why: "DMS migrates user-defined, array and range types to a non-PostgreSQL target as text (CLOB) at best",
        });
      }
    }
  }
  return problems;
}

function isLob(family: LiveClient["family"], dataType: string, fullType: string): boolean {
  if (family === "mysql") {
    return ["text", "mediumtext", "longtext", "blob", "mediumblob", "longblob", "json"].includes(dataType);
  }
  // DMS maps PostgreSQL text, bytea, json/jsonb and xml to NCLOB/BLOB.
  return ["text", "bytea", "json", "jsonb", "xml"].includes(dataType) || fullType === "xml";
}

/** Keys, LOBs, data types and existence of the selected tables. */
export async function tableChecks(
  client: LiveClient,
  rules: SelectionRule[],
  options: Required<Pick<PreflightOptions, "lobMode" | "lobMaxSizeKb">> & {
    cdc: boolean;
    targetFamily: LiveClient["family"];
  },
): Promise<{ checks: PreflightCheck[]; tables: string[] }> {
  const checks: PreflightCheck[] = [];
  const schemas = literalSchemas(rules);
  const all = (await listTables(client)).filter((t) => schemas === undefined || schemas.includes(t.schema));
  const unmatched = unmatchedRules(rules, all);
  const selected = selectTables(rules, all);
  checks.push(
    unmatched.length === 0
      ? {
          id: "selection",
          title: "selected tables exist",
          status: selected.length > 0 ? "pass" : "fail",
          reason: `${selected.length} table(s) selected.`,
          docs: DOCS.selection,
        }
      : {
          id: "selection",
          title: "selected tables exist",
          status: "fail",
          reason: `no table matches ${unmatched.map((r) => `${r.schema}.${r.table} (${r.origin})`).join(", ")}: the task would migrate nothing for it.`,
          fix: "correct the schema/table names (DMS matches them exactly; % and _ are wildcards)",
          docs: DOCS.selection,
        },
  );
  const described = await describeTables(client, selected);

  const unreadable: string[] = [];
  for (const info of described.values()) {
    try {
      await client.query(`SELECT 1 AS x FROM ${client.ident(info.schema)}.${client.ident(info.table)} LIMIT 0`);
    } catch (error) {
      unreadable.push(`${qualified(info)} (${messageOf(error)})`);
    }
  }
  checks.push(
    unreadable.length === 0
      ? {
          id: "select-grants",
          title: "SELECT on the selected tables",
          status: "pass",
          reason: `${client.spec.user} can read all ${described.size} selected table(s).`,
        }
      : {
          id: "select-grants",
          title: "SELECT on the selected tables",
          status: "fail",
          reason: `${client.spec.user} cannot read ${unreadable.join("; ")}.`,
          fix:
            client.family === "mysql"
              ? `GRANT SELECT ON <schema>.* TO '${client.spec.user}'@'%';`
              : `GRANT USAGE ON SCHEMA <schema> TO ${client.spec.user}; GRANT SELECT ON ALL TABLES IN SCHEMA <schema> TO ${client.spec.user};`,
          docs: client.family === "mysql" ? DOCS.mysqlSource : DOCS.postgresSource,
        },
  );

  const noKey = [...described.values()].filter((t) => t.primaryKey.length === 0 && t.uniqueKey.length === 0);
  checks.push(
    noKey.length === 0
      ? {
          id: "primary-keys",
          title: "every table has a primary or unique key",
          status: "pass",
          reason: `all ${described.size} selected table(s) have a primary key or a NOT NULL unique key.`,
        }
      : {
          id: "primary-keys",
          title: "every table has a primary or unique key",
          status: options.cdc ? "fail" : "warn",
          reason:
            `${noKey.map(qualified).join(", ")} ${noKey.length === 1 ? "has" : "have"} no primary or unique key: ` +
            (client.family === "postgres"
              ? "DMS ignores UPDATE and DELETE on such tables during CDC"
              : "CDC cannot identify the row an UPDATE or DELETE applies to") +
            ", and validation cannot compare them by key.",
          fix: "add a primary key (or exclude the table and migrate it with a full load at cutover)",
          docs: client.family === "postgres" ? DOCS.postgresSource : DOCS.mysqlLimitations,
        },
  );

  const lobFindings: string[] = [];
  const lobProblems: string[] = [];
  const lobNoKey: string[] = [];
  let lobColumns = 0;
  for (const info of described.values()) {
    const lobs = info.columns.filter((c) => isLob(client.family, c.dataType, c.fullType));
    if (lobs.length === 0) continue;
    lobColumns += lobs.length;
    if (info.primaryKey.length === 0) lobNoKey.push(qualified(info));
    const sizeOf = client.family === "mysql" ? "LENGTH" : "octet_length";
    const [row] = await client.queryArrays(
      `SELECT ${lobs.map((c) => `MAX(${sizeOf}(${client.ident(c.name)}))`).join(", ")} FROM ${client.ident(info.schema)}.${client.ident(info.table)}`,
    );
    lobs.forEach((c, i) => {
      const bytes = Number(text(row?.[i] ?? null) || "0");
      const kb = Math.ceil(bytes / 1024);
      lobFindings.push(`${qualified(info)}.${c.name} ${c.dataType} max ${kb} KB`);
      if (options.lobMode === "limited" && bytes > options.lobMaxSizeKb * 1024) {
        lobProblems.push(`${qualified(info)}.${c.name} holds ${kb} KB`);
      }
    });
  }
  if (lobColumns === 0) {
    checks.push({
      id: "lobs",
      title: "LOB columns fit the LOB mode",
      status: "pass",
      reason: "no LOB columns selected.",
      docs: DOCS.lob,
    });
  } else if (lobProblems.length > 0) {
    const needed = Math.max(...lobProblems.map((p) => Number(/holds (\d+) KB/.exec(p)?.[1] ?? "0")));
    checks.push({
      id: "lobs",
      title: "LOB columns fit the LOB mode",
      status: "fail",
      reason: `limited LOB mode truncates values above LobMaxSize ${options.lobMaxSizeKb} KB: ${lobProblems.join(", ")}.`,
      fix: `set TargetMetadata.LobMaxSize >= ${needed} (KB, at most 102400) or use full or inline LOB mode`,
      docs: DOCS.lob,
    });
  } else if (options.cdc && lobNoKey.length > 0) {
    checks.push({
      id: "lobs",
      title: "LOB columns fit the LOB mode",
      status: "fail",
      reason: `${lobNoKey.join(", ")} ${lobNoKey.length === 1 ? "has" : "have"} LOB columns but no primary key: DMS looks LOBs up by key during CDC.`,
      fix: "add a primary key to the table",
      docs: DOCS.lob,
    });
  } else if (options.lobMode === "none") {
    checks.push({
      id: "lobs",
      title: "LOB columns fit the LOB mode",
      status: "warn",
      reason: `the task does not migrate LOBs (SupportLobs false), so these columns arrive empty: ${lobFindings.join(", ")}.`,
      fix: "enable limited LOB mode with LobMaxSize above the largest value",
      docs: DOCS.lob,
    });
  } else {
    checks.push({
      id: "lobs",
      title: "LOB columns fit the LOB mode",
      status: "pass",
      reason: `${options.lobMode} LOB mode${options.lobMode === "limited" ? ` (LobMaxSize ${options.lobMaxSizeKb} KB)` : ""} holds every value: ${lobFindings.join(", ")}.`,
      docs: DOCS.lob,
    });
  }

  const typeProblems = [...described.values()].flatMap((info) =>
    dataTypeProblems(info, client.family, options.targetFamily).map((p) => ({ ...p, table: qualified(info) })),
  );
  const typeStatus: CheckStatus = typeProblems.some((p) => p.status === "fail")
    ? "fail"
    : typeProblems.length > 0
      ? "warn"
      : "pass";
  checks.push(
    typeStatus === "pass"
      ? {
          id: "data-types",
          title: "data types DMS can migrate",
          status: "pass",
          reason: `no column type DMS cannot migrate to ${options.targetFamily}.`,
          docs: client.family === "mysql" ? DOCS.mysqlDataTypes : DOCS.postgresDataTypes,
        }
      : {
          id: "data-types",
          title: "data types DMS can migrate",
          status: typeStatus,
          reason: typeProblems.map((p) => `${p.table}.${p.column} ${p.type}: ${p.why}`).join("; "),
          fix: "convert the column (or exclude it with a transformation rule and migrate it separately)",
          docs: client.family === "mysql" ? DOCS.mysqlDataTypes : DOCS.postgresDataTypes,
        },
  );
  return { checks, tables: [...described.keys()] };
}

/**
 * Check a DMS source before a task is created: the server settings our parameter groups set
 * (from `serverParameters`, the table MigrationDatabase uses), binary log / WAL prerequisites,
 * grants, TLS, and the selected tables (keys, LOBs, data types, existence).
 * Throws LiveUsageError / LiveConnectionError (exit 2); otherwise returns a report.
 */
