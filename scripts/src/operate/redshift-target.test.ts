import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { LiveUsageError } from "../live/errors.js";
import { redshiftTargetProblem, runValidate } from "../live/validate.js";
import { resolveMigrations } from "./migration.js";

const REPO = resolve(__dirname, "..", "..", "..");

describe("a migration into Redshift, operated", () => {
  it("is found by status like any other: the analytics migration's task, validated by DMS", () => {
    const [analytics] = resolveMigrations(join(REPO, "stacks"), "dev", "analytics", REPO);
    assert.equal(analytics?.application, "analytics");
    assert.deepEqual(
      analytics?.tasks.map((t) => [t.identifier, t.migrationType]),
      [["dev-analytics-customers-dms", "full-load-and-cdc"]],
    );
  });

  it("refuses a Redshift URL as --target, pointing at --warehouse and status instead", async () => {
    assert.equal(
      redshiftTargetProblem({ host: "dev-dmslab-tgt.c1.eu-west-1.rds.amazonaws.com", port: 3306 }),
      undefined,
    );
    const problem = redshiftTargetProblem({ host: "dev-dmslab-dwh.c1.eu-west-1.redshift.amazonaws.com", port: 5439 });
    assert.match(
      String(problem),
      /is Amazon Redshift, which validate does not compare through a database URL: neither row counts nor checksums/,
    );
    assert.match(
      String(problem),
      /run `validate --migration <name> --env <env> --warehouse <file>`: row counts through the Redshift Data API/,
    );
    assert.match(String(problem), /npm run status/);
    // Refused before any connection is tried (cutover-check shows it as "validate could not run").
    await assert.rejects(
      runValidate({
        source: { url: "mysql://dms@dev-dmslab-src.c1.eu-west-1.rds.amazonaws.com:3306/dmslab" },
        target: { url: "postgres://dmsadmin@dev-dmslab-dwh.c1.eu-west-1.redshift.amazonaws.com:5439/analytics" },
        tables: "dmslab.customers",
      }),
      (err: unknown) => err instanceof LiveUsageError && /is Amazon Redshift/.test(err.message),
    );
  });
});
