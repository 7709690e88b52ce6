import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, checkProfileDefaults, parseComponentArgs } from "@dms-platform/config";
import { type MigrationDatabaseArgs, migrationDatabaseArgsSchema, planDatabase } from "./args.js";
import type { DatabaseEngine } from "./cdc-parameters.js";
import { databaseSecretDocument, MASTER_PASSWORD_SPEC, RDS_FORBIDDEN_PASSWORD_CHARACTERS } from "./credentials.js";
import { engineVersionPinProblem, engineVersionProblem, performanceInsightsSupported } from "./engine.js";
import { DATABASE_LOGGING, planLogging } from "./log-parameters.js";

const tags = {
  Application: "orders",
  Environment: "dev" as const,
  Owner: "platform",
  CostCenter: "cc-42",
  DataClassification: "internal" as const,
};

function base(overrides: Partial<MigrationDatabaseArgs> = {}): MigrationDatabaseArgs {
  return {
    environment: "dev",
    application: "orders",
    tags,
    role: "source",
    engine: "mysql",
    vpcId: "vpc-0abc",
    subnetIds: ["subnet-0a", "subnet-0b"],
    ...overrides,
  };
}

const parse = (args: MigrationDatabaseArgs) =>
  parseComponentArgs(migrationDatabaseArgsSchema, args, "MigrationDatabase", "db");
const plan = (args: MigrationDatabaseArgs) => planDatabase(parse(args));

function rejects(args: MigrationDatabaseArgs, path: string, rule: RegExp) {
  assert.throws(
    () => parse(args),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.path, path);
      assert.match(e.rule, rule);
      const shown = (path || "(root)").replace(/[[\]().]/g, "\\$&");
      assert.match(e.message, new RegExp(`^MigrationDatabase "db": ${shown}: `));
      return true;
    },
  );
}

describe("MigrationDatabase args", () => {
  it("takes the profile's defaults and a major-only default version for RDS engines", () => {
    const p = plan(base());
    assert.equal(p.engineVersion, "8.4");
    assert.equal(p.parameterGroupFamily, "mysql8.4");
    assert.equal(p.instanceClass, "db.t3.micro");
    assert.equal(p.multiAz, false);
    assert.equal(p.protect, false);
    assert.equal(p.purpose, "src");
    assert.equal(p.performanceInsights, false, "not available on db.t3.micro for MySQL");
  });

  it("turns everything on in prod and lets explicit args override the profile", () => {
    const prod = plan(base({ environment: "prod", tags: { ...tags, Environment: "prod" } }));
    assert.deepEqual(
      [prod.multiAz, prod.deletionProtection, prod.finalSnapshot, prod.protect, prod.backupRetentionDays],
      [true, true, true, true, 35],
    );
    assert.equal(prod.performanceInsights, true);
    const overridden = plan(base({ multiAz: true, deletionProtection: true, backupRetentionDays: 3, protect: true }));
    assert.deepEqual(
      [overridden.multiAz, overridden.deletionProtection, overridden.backupRetentionDays, overridden.protect],
      [true, true, 3, true],
    );
  });

  it("puts CDC parameters only in a CDC source's plan", () => {
    assert.ok(plan(base({ cdc: true })).parameters.some((p) => p.purpose === "cdc"));
    assert.ok(!plan(base({ cdc: false })).parameters.some((p) => p.purpose === "cdc"));
    assert.ok(!plan(base({ role: "target" })).parameters.some((p) => p.purpose === "cdc"));
  });

  it("refuses versions AWS would refuse, naming the path", () => {
    rejects(base({ engineVersion: "8" }), "engineVersion", /mysql version such as "8\.4"/);
    rejects(base({ engineVersion: "5.7.44" }), "engineVersion", /mysql 5\.7 is not a major version AWS creates/);
    rejects(base({ engine: "postgres", engineVersion: "12.20" }), "engineVersion", /use one of 13, 14/);
    rejects(base({ engine: "aurora-mysql", engineVersion: "5.7.mysql_aurora.2.12.0" }), "engineVersion", /5\.7/);
    rejects(base({ engine: "aurora-postgresql", engineVersion: "16.6.1" }), "engineVersion", /"16" or "16\.6"/);
    rejects(
      base({ engine: "aurora-mysql", engineVersion: "8.4" }),
      "engineVersion",
      /aurora-mysql 8\.4 is not a major version/,
    );
    assert.equal(engineVersionProblem("mysql", "8.0.40"), undefined);
    assert.equal(engineVersionProblem("postgres", "17"), undefined);
    assert.equal(engineVersionProblem("aurora-mysql", "8.0.mysql_aurora.3.08.2"), undefined);
  });

  it("refuses a full RDS version while RDS upgrades minors itself, saying what to write instead", () => {
    rejects(
      base({ engineVersion: "8.0.39" }),
      "engineVersion",
      /give the major version "8\.0": RDS upgrades the minor version itself.*set autoMinorVersionUpgrade: false \(got "8\.0\.39"\)/,
    );
    rejects(base({ engine: "postgres", engineVersion: "16.6" }), "engineVersion", /give the major version "16"/);
    rejects(base({ engine: "mariadb", engineVersion: "11.4.5" }), "engineVersion", /give the major version "11\.4"/);
    const pinned = plan(base({ engineVersion: "8.0.39", autoMinorVersionUpgrade: false }));
    assert.equal(pinned.engineVersion, "8.0.39");
    assert.equal(pinned.autoMinorVersionUpgrade, false);
    assert.equal(plan(base({ engineVersion: "8.0" })).autoMinorVersionUpgrade, true);
  });

  it("takes Aurora's major version with auto minor upgrade, as RDS instances", () => {
    // aws_rds_cluster reads the version back through compareActualEngineVersion too: "16.6" after an
    // upgrade to 16.8 would be set back on every up ("Cannot upgrade aurora-postgresql from 16.8 to 16.6").
    rejects(
      base({ engine: "aurora-postgresql", engineVersion: "16.6" }),
      "engineVersion",
      /give the major version "16": RDS upgrades the minor version itself.*set autoMinorVersionUpgrade: false \(got "16\.6"\)/,
    );
    rejects(
      base({ engine: "aurora-mysql", engineVersion: "8.0.mysql_aurora.3.08.2" }),
      "engineVersion",
      /give the major version "8\.0"/,
    );
    assert.equal(plan(base({ engine: "aurora-postgresql" })).engineVersion, "16", "the default is the major");
    assert.equal(plan(base({ engine: "aurora-mysql" })).engineVersion, "8.0");
    assert.equal(plan(base({ engine: "aurora-mysql" })).parameterGroupFamily, "aurora-mysql8.0");
    const pinned = plan(base({ engine: "aurora-postgresql", engineVersion: "16.8", autoMinorVersionUpgrade: false }));
    assert.equal(pinned.engineVersion, "16.8");
    assert.equal(engineVersionPinProblem("aurora-mysql", "8.0.mysql_aurora.3.08.2", false), undefined);
  });

  it("writes every log it exports: slow query log per profile, the general log only in dev", () => {
    const params = (engine: DatabaseEngine, env: "dev" | "prod") => planLogging(engine, DATABASE_LOGGING[env]);
    const values = (p: ReturnType<typeof planLogging>) =>
      Object.fromEntries(p.parameters.map((x) => [x.parameter, x.value]));
    const devMysql = params("mysql", "dev");
    assert.deepEqual(devMysql.exports, ["error", "slowquery", "general"]);
    assert.deepEqual(values(devMysql), {
      log_output: "FILE",
      slow_query_log: "1",
      long_query_time: "5",
      general_log: "1",
    });
    const prodMysql = params("mysql", "prod");
    assert.deepEqual(prodMysql.exports, ["error", "slowquery"]);
    assert.deepEqual(values(prodMysql), { log_output: "FILE", slow_query_log: "1", long_query_time: "1" });
    assert.ok(params("aurora-mysql", "prod").parameters.every((p) => p.scope === "cluster"));
    assert.deepEqual(params("postgres", "prod").exports, ["postgresql", "upgrade"]);
    assert.deepEqual(values(params("postgres", "prod")), { log_min_duration_statement: "1000" });
    // The plan carries them into the parameter group the instance uses.
    const planned = plan(base({ environment: "prod", tags: { ...tags, Environment: "prod" } }));
    assert.deepEqual(planned.logExports, ["error", "slowquery"]);
    assert.ok(planned.instanceParameters.some((p) => p.parameter === "slow_query_log" && p.value === "1"));
  });

  it("refuses CDC on a target, backups off on a CDC source and micro Aurora instances", () => {
    rejects(base({ role: "target", cdc: true }), "cdc", /source only/);
    rejects(base({ cdc: true, backupRetentionDays: 0 }), "backupRetentionDays", /at least 1 for a CDC source/);
    rejects(base({ engine: "aurora-postgresql", instanceClass: "db.t3.micro" }), "instanceClass", /db\.t4g\.medium/);
    rejects(base({ engine: "aurora-mysql", allocatedStorageGb: 50 }), "allocatedStorageGb", /not used with Aurora/);
  });

  it("refuses unknown keys, bad ids and reserved names", () => {
    rejects({ ...base(), publiclyAccessible: true } as MigrationDatabaseArgs, "", /publiclyAccessible/);
    rejects(base({ subnetIds: ["subnet-0a"] }), "subnetIds", /at least 2/);
    rejects(base({ allowedSecurityGroupIds: ["0.0.0.0/0"] }), "allowedSecurityGroupIds[0]", /security group id/);
    rejects(base({ masterUsername: "rdsadmin" }), "masterUsername", /reserves/);
    rejects(base({ databaseName: "my-db" }), "databaseName", /letters, digits and underscores/);
  });

  it("sizes Aurora with a writer, a reader when multi-AZ, and a class Aurora runs on", () => {
    const dev = plan(base({ engine: "aurora-postgresql" }));
    assert.equal(dev.instanceCount, 1);
    assert.equal(dev.instanceClass, "db.t4g.medium");
    assert.equal(dev.backupRetentionDays, 1);
    const prod = plan(base({ engine: "aurora-mysql", environment: "prod", tags: { ...tags, Environment: "prod" } }));
    assert.equal(prod.instanceCount, 2);
    assert.equal(prod.instanceClass, "db.r6g.large");
    assert.deepEqual(prod.instanceParameters, [], "Aurora takes TLS and log parameters at the cluster level");
  });
});

describe("engine facts", () => {
  it("knows where Performance Insights runs", () => {
    assert.equal(performanceInsightsSupported("mysql", "db.t3.micro"), false);
    assert.equal(performanceInsightsSupported("mariadb", "db.t4g.small"), false);
    assert.equal(performanceInsightsSupported("mysql", "db.t3.medium"), true);
    assert.equal(performanceInsightsSupported("aurora-mysql", "db.t3.medium"), false);
    assert.equal(performanceInsightsSupported("aurora-mysql", "db.t4g.medium"), true);
    assert.equal(performanceInsightsSupported("postgres", "db.t3.micro"), true);
  });
});

describe("credentials", () => {
  it("generates passwords without the characters RDS refuses", () => {
    for (const c of RDS_FORBIDDEN_PASSWORD_CHARACTERS) {
      assert.ok(!MASTER_PASSWORD_SPEC.overrideSpecial.includes(c), `"${c}" is not a special character we use`);
    }
    assert.ok(MASTER_PASSWORD_SPEC.length <= 41, "MySQL master passwords are at most 41 characters");
  });

  it("stores the JSON keys DMS and Secrets Manager rotation read, with the protocol family as engine", () => {
    const doc = databaseSecretDocument({
      engine: "aurora-postgresql",
      host: "h",
      port: 5432,
      username: "u",
      password: "p",
      databaseName: "app",
    });
    assert.deepEqual(doc, { engine: "postgres", host: "h", username: "u", password: "p", dbname: "app", port: 5432 });
  });
});

describe("MigrationDatabaseArgs doc comments", () => {
  it("state the environment profiles' values where a default comes from the profile", () => {
    const source = readFileSync(join(__dirname, "..", "src", "args.ts"), "utf8");
    const { checked, problems } = checkProfileDefaults(source, "packages/database/src/args.ts");
    assert.deepEqual(problems, []);
    assert.deepEqual(checked, [
      "instanceClass: profile.dbInstanceClass",
      "multiAz: profile.multiAz",
      "deletionProtection: profile.deletionProtection",
      "backupRetentionDays: profile.backupRetentionDays",
      "finalSnapshot: profile.finalSnapshot",
      "protect: profile.protect",
      "logRetentionDays: profile.logRetentionDays",
    ]);
  });
});
