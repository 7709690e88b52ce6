/**
 * The individual premigration assessments the platform knows, with when each applies, from the DMS
 * User Guide: CHAP_Tasks.AssessmentReport1.md, "Specifying individual assessments" (the table of
 * names, and the columns "Source must be relational", "Target must be relational", "Target must be
 * OpenSearch Service", "Migration type must perform CDC"; awsdocs/aws-dms-user-guide d0f781f), and
 * the current guide's CHAP_Tasks.AssessmentReport.Assessments.All and CHAP_Tasks.AssessmentReport.MySQL
 * pages (API keys mysql-check-*). DMS adds assessments over time ("The number and types of
 * available individual assessments can increase over time"): a name of the source engine's family
 * that is not listed here is passed to DMS with a warning, never refused.
 */

export interface AssessmentSpec {
  /** The API key (IncludeOnly, Exclude, IndividualAssessmentName). */
  name: string;
  /** The console's title. */
  title: string;
  sourceRelational?: true;
  targetRelational?: true;
  cdc?: true;
  targetOpenSearch?: true;
  /** Source engines the assessment is for (engine-specific assessments). */
  sourceEngines?: readonly string[];
  /** What to do when it fails (docs/runbook.md repeats it). */
  remedy: string;
}

const MYSQL_FAMILY = ["mysql", "aurora-mysql", "mariadb"] as const;

export const ASSESSMENTS: readonly AssessmentSpec[] = [
  {
    name: "unsupported-data-types-in-source",
    title: "Unsupported data types",
    remedy:
      "change the listed columns' types on the source, exclude them with a transformation rule (remove-column), or convert them in a view the task selects",
  },
  {
    name: "full-lob-not-nullable-at-target",
    title: "LOBs are used but target LOB columns are not nullable",
    sourceRelational: true,
    targetRelational: true,
    remedy:
      "make the listed target LOB columns nullable (DMS loads LOBs after the row in full and inline LOB mode), or let DMS create the tables (TargetTablePrepMode DROP_AND_CREATE)",
  },
  {
    name: "table-with-lob-but-without-primary-key-or-unique-constraint",
    title: "Source table with LOBs but without primary keys or unique constraints",
    sourceRelational: true,
    remedy:
      "add a primary key or unique constraint to the listed source tables, or exclude them from the table mappings",
  },
  {
    name: "table-with-no-primary-key-or-unique-constraint",
    title: "Source table without primary key for CDC or full load and CDC tasks only",
    sourceRelational: true,
    cdc: true,
    remedy:
      "add a primary key or unique key to the listed source tables; without one every CDC update or delete scans the target table",
  },
  {
    name: "target-table-has-unique-key-or-primary-key-for-cdc",
    title: "Target table without primary keys for CDC tasks only",
    targetRelational: true,
    cdc: true,
    remedy: "add the primary key (or a unique key) to the listed target tables before CDC starts",
  },
  {
    name: "unsupported-source-pk-type-for-elasticsearch-target",
    title: "Unsupported source primary key types - composite primary keys",
    sourceRelational: true,
    targetOpenSearch: true,
    remedy: "give the listed tables a single-column key for the OpenSearch document id",
  },
  {
    name: "mysql-check-binlog-compression",
    title: "Validate if Binary Log transaction compression is disabled",
    sourceEngines: MYSQL_FAMILY,
    cdc: true,
    remedy:
      "set binlog_transaction_compression=OFF in the source's parameter group: DMS cannot read compressed binlogs",
  },
  {
    name: "mysql-check-replication-privileges",
    title: "Validate if DMS user has REPLICATION CLIENT and REPLICATION SLAVE permissions for the source database",
    sourceEngines: MYSQL_FAMILY,
    cdc: true,
    remedy: "GRANT REPLICATION CLIENT, REPLICATION SLAVE ON *.* to the migration user (docs/database.md)",
  },
  {
    name: "mysql-check-table-storage-engine",
    title: "Validate if a table uses a storage engine other than Innodb",
    sourceEngines: ["mysql", "mariadb"],
    remedy:
      "create the listed tables on the target yourself with their engine and keep TargetTablePrepMode DO_NOTHING or TRUNCATE_BEFORE_LOAD (DMS creates InnoDB tables)",
  },
  {
    name: "mysql-check-auto-increment",
    title: "Validate if auto-increment is enabled on any tables used for migration",
    sourceEngines: MYSQL_FAMILY,
    remedy:
      "DMS does not migrate AUTO_INCREMENT: add it to the listed target columns (and set the counter) before the application writes to the target",
  },
  {
    name: "mysql-check-binlog-image",
    title: "Validate if the database binlog image is set to FULL to support DMS CDC",
    sourceEngines: MYSQL_FAMILY,
    cdc: true,
    remedy: "set binlog_row_image=FULL in the source's parameter group (the foundation's lab source does)",
  },
];

/** Engines DMS reads and writes relationally (every engine the platform declares). */
const RELATIONAL = new Set([
  "mysql",
  "mariadb",
  "postgres",
  "aurora-mysql",
  "aurora-postgresql",
  "oracle",
  "sqlserver",
]);

/** A migration's shape, as the applicability columns of the guide judge it. */
export interface TaskShape {
  sourceEngine: string;
  targetEngine: string;
  migrationType: "full-load" | "cdc" | "full-load-and-cdc";
}

/** Why an assessment does not apply to a task, or undefined when it does. */
export function notApplicable(spec: AssessmentSpec, shape: TaskShape): string | undefined {
  if (spec.sourceRelational && !RELATIONAL.has(shape.sourceEngine)) return "needs a relational source";
  if (spec.targetRelational && !RELATIONAL.has(shape.targetEngine)) return "needs a relational target";
  if (spec.targetOpenSearch && shape.targetEngine !== "opensearch") return "needs an OpenSearch target";
  if (spec.cdc && shape.migrationType === "full-load") return "needs a migration type that performs CDC";
  if (spec.sourceEngines && !spec.sourceEngines.includes(shape.sourceEngine)) {
    return `is for ${spec.sourceEngines.join(", ")} sources`;
  }
  return undefined;
}

/** The assessments that apply to a task, in catalogue order. */
export function applicableAssessments(shape: TaskShape): AssessmentSpec[] {
  return ASSESSMENTS.filter((a) => notApplicable(a, shape) === undefined);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** The engine family prefix DMS gives engine-specific assessments (`mysql-check-…`, `postgres-check-…`). */
function enginePrefix(engine: string): string {
  if (engine.includes("mysql") || engine === "mariadb") return engine === "mariadb" ? "mariadb-" : "mysql-";
  if (engine.includes("postgres")) return "postgres-";
  return `${engine}-`;
}

/** What `--include` / `--exclude` decided for the tasks of a migration. */
export interface AssessmentSelection {
  includeOnly?: string[];
  exclude?: string[];
  warnings: string[];
}

/**
 * Check `--include` / `--exclude` names against the catalogue: a name near a known one is a typo
 * (refused with the name meant), a known name that applies to none of the tasks is refused with
 * why, a name of the source engine's family the catalogue does not list yet is passed to DMS with
 * a warning, anything else is refused. Throws an Error naming the option; DMS itself refuses both
 * lists together (StartReplicationTaskAssessmentRun: "You can't set a value for IncludeOnly if you
 * also set a value for Exclude").
 */
export function selectAssessments(
  include: readonly string[],
  exclude: readonly string[],
  shapes: readonly TaskShape[],
): AssessmentSelection {
  if (include.length > 0 && exclude.length > 0) {
    throw new Error("--include and --exclude: give one or the other (DMS takes IncludeOnly or Exclude, not both)");
  }
  const warnings: string[] = [];
  const check = (option: string, names: readonly string[]) => {
    for (const name of names) {
      const spec = ASSESSMENTS.find((a) => a.name === name);
      if (spec) {
        const why = shapes.map((s) => notApplicable(spec, s)).filter((w): w is string => w !== undefined);
        if (why.length === shapes.length && option === "--include") {
          throw new Error(`${option}: ${name} does not apply to this migration (it ${why[0]})`);
        }
        continue;
      }
      const near = ASSESSMENTS.map((a) => ({ name: a.name, d: distance(name, a.name) }))
        .filter((x) => x.d <= Math.max(2, Math.floor(x.name.length / 8)))
        .sort((x, y) => x.d - y.d)[0];
      if (near) throw new Error(`${option}: unknown assessment "${name}"; did you mean ${near.name}?`);
      if (
        shapes.some(
          (s) => name.startsWith(enginePrefix(s.sourceEngine)) || name.startsWith(enginePrefix(s.targetEngine)),
        )
      ) {
        warnings.push(
          `${option}: ${name} is not in the platform's catalogue (scripts/src/operate/assessment-catalogue.ts); passed to DMS, which decides whether it applies`,
        );
        continue;
      }
      throw new Error(`${option}: unknown assessment "${name}" (known: ${ASSESSMENTS.map((a) => a.name).join(", ")})`);
    }
  };
  check("--include", include);
  check("--exclude", exclude);
  return {
    ...(include.length > 0 ? { includeOnly: [...include] } : {}),
    ...(exclude.length > 0 ? { exclude: [...exclude] } : {}),
    warnings,
  };
}
