import { z } from "zod";

/**
 * Instance classes AWS accepts, in one table with its sources, so a typo (`dms.t3.meduim`,
 * `db.r9g.large`) is refused by `plan` rather than by CreateReplicationInstance or CreateDBInstance
 * half-way through an `up`. Pure data; keep it in step with the pages cited.
 */

/**
 * DMS replication instance classes: the table of "Choosing the right AWS DMS replication instance
 * for your migration" (awsdocs/aws-dms-user-guide, doc_source/CHAP_ReplicationInstance.Types.md,
 * commit 20671c6212340e8ecbcf42ba79f779cfd91208b6): T2, T3, C4, C5, C6i, R4, R5, R6i.
 */
export const DMS_REPLICATION_INSTANCE_CLASSES: readonly string[] = [
  ...["micro", "small", "medium", "large"].map((s) => `dms.t2.${s}`),
  ...["micro", "small", "medium", "large"].map((s) => `dms.t3.${s}`),
  ...["large", "xlarge", "2xlarge", "4xlarge"].map((s) => `dms.c4.${s}`),
  ...["large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge"].map((s) => `dms.c5.${s}`),
  ...["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"].map(
    (s) => `dms.c6i.${s}`,
  ),
  ...["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"].map((s) => `dms.r4.${s}`),
  ...["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"].map((s) => `dms.r5.${s}`),
  ...["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"].map(
    (s) => `dms.r6i.${s}`,
  ),
];

/**
 * RDS DB instance class types (families) for RDS for MySQL, MariaDB and PostgreSQL and Aurora:
 * "DB instance class types" of the Amazon RDS User Guide
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Types.html, read
 * 2026-11; the archived awsdocs/amazon-rds-user-guide stops in 2020, before Graviton went GA) and the
 * Aurora User Guide's "Supported DB engines for DB instance classes" (db.serverless, db.x2g).
 * Burstable families come in micro to 2xlarge; the others in large, xlarge and <n>xlarge.
 */
export const RDS_INSTANCE_CLASS_FAMILIES = {
  burstable: ["t2", "t3", "t4g"],
  general: ["m1", "m3", "m4", "m5", "m5d", "m6g", "m6gd", "m6i", "m6id", "m6idn", "m6in", "m7g", "m7i", "m8g"],
  memory: [
    "r3",
    "r4",
    "r5",
    "r5b",
    "r5d",
    "r6g",
    "r6gd",
    "r6i",
    "r6id",
    "r6idn",
    "r6in",
    "r7g",
    "r7i",
    "r8g",
    "x1",
    "x1e",
    "x2g",
    "x2idn",
    "x2iedn",
    "x2iezn",
    "z1d",
  ],
} as const;

const BURSTABLE_SIZES = ["micro", "small", "medium", "large", "xlarge", "2xlarge"];
const SIZED = /^(?:large|xlarge|(?:2|3|4|6|8|9|10|12|16|18|24|32|48)xlarge|metal)$/;

/** Why `value` is no DMS replication instance class (undefined when it is one). */
export function dmsInstanceClassProblem(value: string): string | undefined {
  if (DMS_REPLICATION_INSTANCE_CLASSES.includes(value)) return undefined;
  const family = /^dms\.([a-z0-9]+)\./.exec(value)?.[1];
  const sameFamily = DMS_REPLICATION_INSTANCE_CLASSES.filter((c) => c.startsWith(`dms.${family}.`));
  const hint = sameFamily.length
    ? `dms.${family} comes in ${sameFamily.map((c) => c.split(".")[2]).join(", ")}`
    : `DMS supports ${[...new Set(DMS_REPLICATION_INSTANCE_CLASSES.map((c) => c.split(".")[1]))].map((f) => `dms.${f}`).join(", ")}`;
  return `must be a DMS replication instance class AWS offers (${hint}; AWS DMS User Guide, "Choosing the right AWS DMS replication instance") (got "${value}")`;
}

/** Why `value` is no RDS DB instance class (undefined when it is one). `db.serverless` is Aurora Serverless v2. */
export function rdsInstanceClassProblem(value: string): string | undefined {
  if (value === "db.serverless") return undefined;
  const match = /^db\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(value);
  const [family, size] = [match?.[1] ?? "", match?.[2] ?? ""];
  const all: readonly string[] = Object.values(RDS_INSTANCE_CLASS_FAMILIES).flat();
  if (!match || !all.includes(family)) {
    return `must be an RDS DB instance class such as db.t3.micro or db.r6g.large; known families: ${all.map((f) => `db.${f}`).join(", ")} (Amazon RDS User Guide, "DB instance class types") (got "${value}")`;
  }
  const burstable = (RDS_INSTANCE_CLASS_FAMILIES.burstable as readonly string[]).includes(family);
  const ok = burstable ? BURSTABLE_SIZES.includes(size) : SIZED.test(size);
  if (!ok) {
    return `db.${family} has no size "${size}": ${burstable ? BURSTABLE_SIZES.join(", ") : "large, xlarge, 2xlarge, 4xlarge, ... (no micro, small or medium)"} (got "${value}")`;
  }
  return undefined;
}

function refineWith(problem: (value: string) => string | undefined) {
  return (value: string, ctx: z.RefinementCtx): void => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: "custom", message, input: value });
  };
}

/** A DMS replication instance class, checked against DMS_REPLICATION_INSTANCE_CLASSES. */
export const dmsInstanceClassSchema = z.string().superRefine(refineWith(dmsInstanceClassProblem));

/** An RDS DB instance class, checked against RDS_INSTANCE_CLASS_FAMILIES. */
export const rdsInstanceClassSchema = z.string().superRefine(refineWith(rdsInstanceClassProblem));
