import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../cli.js";
import { resolveMigrationDefaults } from "./live-defaults.js";

const SCRIPTS_DIR = join(__dirname, "..", "..");
const REPO = join(SCRIPTS_DIR, "..");

const ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/dev/src-AbCdEf";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const rule = (id: string, schema: string, table: string, action = "include") => `
            - rule-type: selection
              rule-id: "${id}"
              rule-name: "${id}"
              object-locator: { schema-name: ${schema}, table-name: "${table}" }
              rule-action: ${action}`;

/** A consolidation of two sources (docs/migrations.md), only what the resolver reads. */
const SHOP_DEV = `config:
  dms-platform-replication:application: shop
  dms-platform-replication:sourceConnections:
    eu:
      external: { hostname: shop-eu.corp.example.internal, port: 3306, secretArn: ${ARN}, secretKmsKeyArn: ${KEY}, cidrBlocks: [172.16.40.0/24] }
    us:
      foundationOutput: labSource
  dms-platform-replication:migration:
    sources:
      eu: { engine: aurora-mysql, databaseName: shop }
      us: { engine: mysql, databaseName: shop }
    target: { engine: aurora-postgresql, databaseName: dmslab }
    tasks:
      - name: eu-shop
        source: eu
        migrationType: full-load-and-cdc
        tableMappings:
          rules:${rule("1", "shop", "orders%")}${rule("2", "shop", "orders_audit", "exclude")}${rule("3", "shop", "customers")}
      - name: us-shop
        source: us
        migrationType: full-load-and-cdc
        tableMappings:
          rules:${rule("1", "shop", "invoices")}
`;

describe("preflight/validate --migration: defaults from a migration's stack file", () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "dms-live-defaults-"));
    for (const stack of ["foundation", "replication"]) {
      for (const file of readdirSync(join(REPO, "stacks", stack))) {
        if (/^Pulumi(\..+)?\.yaml$/.test(file)) cpSync(join(REPO, "stacks", stack, file), join(dir, stack, file));
      }
    }
    const quiet = { write: () => true };
    const code = await main(
      ["node", "dms-platform", "new-migration", "--stacks-dir", dir, "--name", "orders", "--source-engine", "postgres"],
      { stdout: quiet, stderr: quiet, env: {}, cwd: SCRIPTS_DIR, repoRoot: REPO },
    );
    assert.equal(code, 0);
    writeFileSync(join(dir, "replication", "Pulumi.shop-dev.yaml"), SHOP_DEV);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("takes a named migration's tables and engines, and builds the external source's URL with the user given", () => {
    const d = resolveMigrationDefaults({ stacksDir: dir, migration: "orders", env: "test", sourceUser: "dms" });
    assert.equal(d.tables, "orders.%");
    assert.equal(d.sourceScheme, "postgres");
    assert.equal(d.targetEngine, "mysql");
    assert.equal(d.sourceUrl, "postgres://dms@orders-test.db.example.internal:5432/orders");
    const noUser = resolveMigrationDefaults({ stacksDir: dir, migration: "orders", env: "test" });
    assert.equal(noUser.sourceUrl, undefined);
    assert.match(noUser.sourceUrlMissing ?? "", /--source-user or set DMS_SOURCE_USER/);
  });

  it("finds the primary migration by its application; its lab source has no URL before deployment", () => {
    const d = resolveMigrationDefaults({ stacksDir: dir, migration: "dmslab", env: "dev", sourceUser: "dms" });
    assert.match(d.file, /replication\/Pulumi\.dev\.yaml$/);
    assert.equal(d.tables, "dmslab.customers");
    assert.equal(d.sourceUrl, undefined);
    assert.match(d.sourceUrlMissing ?? "", /foundation stack/);
  });

  it("takes a consolidation's tables from the tasks of the source named, include rules only", () => {
    const eu = resolveMigrationDefaults({
      stacksDir: dir,
      migration: "shop",
      env: "dev",
      sourceName: "eu",
      sourceUser: "u",
    });
    assert.equal(eu.tables, "shop.orders%,shop.customers");
    assert.equal(eu.sourceScheme, "mysql", "aurora-mysql speaks mysql://");
    assert.equal(eu.targetEngine, "postgres", "aurora-postgresql speaks postgres://");
    assert.equal(eu.sourceUrl, "mysql://u@shop-eu.corp.example.internal:3306/shop");
    assert.equal(
      resolveMigrationDefaults({ stacksDir: dir, migration: "shop", env: "dev", sourceName: "us" }).tables,
      "shop.invoices",
    );
    assert.throws(
      () => resolveMigrationDefaults({ stacksDir: dir, migration: "shop", env: "dev" }),
      /migration\.sources: this migration consolidates eu, us: name the source to check with --migration-source/,
    );
  });

  it("marks an S3 data lake and a Redshift warehouse as analytics targets, which validate compares its own way", () => {
    writeFileSync(
      join(dir, "replication", "Pulumi.lake-dev.yaml"),
      SHOP_DEV.replace(
        "target: { engine: aurora-postgresql, databaseName: dmslab }",
        "target: { s3: { bucketFolder: shop } }",
      ),
    );
    const lake = resolveMigrationDefaults({ stacksDir: dir, migration: "lake", env: "dev", sourceName: "eu" });
    assert.equal(lake.analyticsTarget, "s3");
    assert.equal(lake.targetEngine, undefined, "no database URL scheme for a lake");
    assert.equal(lake.tables, "shop.orders%,shop.customers");
    writeFileSync(
      join(dir, "replication", "Pulumi.dwh-dev.yaml"),
      SHOP_DEV.replace(
        "target: { engine: aurora-postgresql, databaseName: dmslab }",
        "target: { engine: redshift, databaseName: analytics }",
      ),
    );
    const dwh = resolveMigrationDefaults({ stacksDir: dir, migration: "dwh", env: "dev", sourceName: "eu" });
    assert.equal(dwh.analyticsTarget, "redshift");
    assert.equal(dwh.targetDatabase, "analytics");
  });

  it("refuses a migration with no file in the environment, naming the file expected", () => {
    assert.throws(
      () => resolveMigrationDefaults({ stacksDir: dir, migration: "payments", env: "prod" }),
      /replication\/Pulumi\.payments-prod\.yaml: not found: no migration "payments" in prod/,
    );
  });

  it("preflight --migration without a user or --source exits 2 saying what to give, before connecting", async () => {
    const out = { stdout: "", stderr: "" };
    const code = await main(
      ["node", "dms-platform", "preflight", "--migration", "orders", "--env", "dev", "--stacks-dir", dir],
      {
        stdout: { write: (s: string) => (out.stdout += s) },
        stderr: { write: (s: string) => (out.stderr += s) },
        env: {},
        cwd: SCRIPTS_DIR,
        repoRoot: REPO,
      },
    );
    assert.equal(code, 2);
    assert.match(
      out.stderr,
      /preflight: --source is required \(no source user: give --source-user or set DMS_SOURCE_USER\)/,
    );
    const noEnv = await main(["node", "dms-platform", "validate", "--migration", "orders", "--stacks-dir", dir], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (out.stderr += s) },
      env: {},
      cwd: SCRIPTS_DIR,
      repoRoot: REPO,
    });
    assert.equal(noEnv, 2);
    assert.match(out.stderr, /validate: --migration needs --env/);
  });
});
