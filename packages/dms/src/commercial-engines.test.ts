import assert from "node:assert/strict";
import { getProfile } from "@dms-platform/config";
import {
  oracleSettingsProblems,
  sqlServerExtraConnectionAttributes,
  sqlServerSettingsProblems,
} from "./commercial-engines.js";
import { selectionRule, tableMappings } from "./documents/index.js";
import { defaultPort, dmsEngineName, endpointDatabaseName, endpointEngineSettings, resolveSslMode } from "./engines.js";
import {
  fullLobs,
  type HeterogeneousTask,
  heterogeneousWarnings,
  limitedLobs,
  lobWarnings,
  lowercaseIdentifiers,
} from "./heterogeneous.js";

const keys = (problems: Array<{ key: string }>) => problems.map((p) => p.key);

describe("Oracle and SQL Server endpoints", () => {
  it("map to the DMS engine names oracle and sqlserver, on ports 1521 and 1433, with their database name sent", () => {
    assert.deepEqual(
      (["oracle", "sqlserver"] as const).map((e) => `${e}=${dmsEngineName(e)}:${defaultPort(e)}`),
      ["oracle=oracle:1521", "sqlserver=sqlserver:1433"],
    );
    assert.deepEqual(endpointDatabaseName("oracle", "ORCLPDB1"), { databaseName: "ORCLPDB1" });
    assert.deepEqual(endpointDatabaseName("sqlserver", "claims"), { databaseName: "claims" });
    assert.deepEqual(endpointDatabaseName("mysql", "dmslab"), {});
  });

  it("fail an Oracle source on LOB truncation unless told otherwise, and keep the platform's ASM key out of oracleSettings", () => {
    assert.deepEqual(endpointEngineSettings("oracle", "source", undefined), {
      oracleSettings: { failTaskOnLobTruncation: true },
    });
    assert.deepEqual(
      endpointEngineSettings("oracle", "source", {
        useLogminerReader: false,
        useBfile: true,
        asmServer: "10.1.2.3:1521/+ASM",
        secretsManagerOracleAsmSecretId: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:asm-AbCdEf",
        asmSecretKmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/1",
        failTaskOnLobTruncation: false,
      }),
      {
        oracleSettings: {
          failTaskOnLobTruncation: false,
          useLogminerReader: false,
          useBfile: true,
          asmServer: "10.1.2.3:1521/+ASM",
          secretsManagerOracleAsmSecretId: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:asm-AbCdEf",
        },
      },
    );
  });

  it("send SQL Server settings as extra connection attributes in a fixed order, fatal on SIMPLE recovery by default", () => {
    assert.deepEqual(endpointEngineSettings("sqlserver", "source", undefined), {
      extraConnectionAttributes: "FatalOnSimpleModel=true",
    });
    // The same settings in any order give the same text: the provider compares it as text.
    const a = sqlServerExtraConnectionAttributes({
      readBackupOnly: true,
      safeguardPolicy: "EXCLUSIVE_AUTOMATIC_TRUNCATION",
    });
    const b = sqlServerExtraConnectionAttributes({
      safeguardPolicy: "EXCLUSIVE_AUTOMATIC_TRUNCATION",
      readBackupOnly: true,
    });
    assert.equal(a, "SafeguardPolicy=EXCLUSIVE_AUTOMATIC_TRUNCATION;ReadBackupOnly=Y");
    assert.equal(a, b);
    assert.deepEqual(endpointEngineSettings("sqlserver", "target", { useBcpFullLoad: false }), {
      extraConnectionAttributes: "useBCPFullLoad=false",
    });
    assert.deepEqual(endpointEngineSettings("sqlserver", "target", undefined), {});
  });

  it("refuse Binary Reader settings without Binary Reader, and LogMiner and Binary Reader both on", () => {
    assert.deepEqual(keys(oracleSettingsProblems({ useBfile: true }, "source", "self-managed")), ["useLogminerReader"]);
    assert.deepEqual(keys(oracleSettingsProblems({ useLogminerReader: false }, "source", "self-managed")), [
      "useBfile",
    ]);
    assert.deepEqual(keys(oracleSettingsProblems({ usePathPrefix: "/rdsdbdata/log/" }, "source", "rds")), [
      "usePathPrefix",
    ]);
    assert.deepEqual(
      oracleSettingsProblems(
        {
          useLogminerReader: false,
          useBfile: true,
          accessAlternateDirectly: false,
          useAlternateFolderForOnline: true,
          oraclePathPrefix: "/rdsdbdata/db/ORCL_A/",
          usePathPrefix: "/rdsdbdata/log/",
          replacePathPrefix: true,
        },
        "source",
        "rds",
      ),
      [],
    );
  });

  it("require the ASM secret (never a plaintext ASM password) and its key, and refuse ASM on RDS", () => {
    const binary = { useLogminerReader: false, useBfile: true } as const;
    const [missing] = oracleSettingsProblems({ ...binary, asmServer: "asm:1521/+ASM" }, "source", "self-managed");
    assert.equal(missing?.key, "secretsManagerOracleAsmSecretId");
    assert.match(missing?.message ?? "", /never sends asmUser\/asmPassword in clear/);
    assert.deepEqual(
      keys(
        oracleSettingsProblems(
          {
            ...binary,
            asmServer: "asm:1521/+ASM",
            secretsManagerOracleAsmSecretId: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:asm",
          },
          "source",
          "rds",
        ),
      ),
      ["asmSecretKmsKeyArn", "asmServer"],
    );
    assert.deepEqual(keys(oracleSettingsProblems({ ...binary, parallelAsmReadThreads: 9 }, "source", "self-managed")), [
      "parallelAsmReadThreads",
    ]);
  });

  it("refuse on RDS for SQL Server what the guide says does not work there", () => {
    const problems = sqlServerSettingsProblems(
      {
        readBackupOnly: true,
        safeguardPolicy: "EXCLUSIVE_AUTOMATIC_TRUNCATION",
        tlogAccessMode: "BackupOnly",
        setUpMsCdcForTables: true,
      },
      "source",
      "rds",
    );
    assert.deepEqual(keys(problems), ["readBackupOnly", "safeguardPolicy", "tlogAccessMode", "setUpMsCdcForTables"]);
    assert.match(problems[2]?.message ?? "", /active transaction log only.*set "TlogOnly"/);
    assert.match(problems[3]?.message ?? "", /rds_cdc_enable_db/);
    assert.deepEqual(
      sqlServerSettingsProblems(
        { readBackupOnly: true, tlogAccessMode: "BackupOnly", setUpMsCdcForTables: true },
        "source",
        "self-managed",
      ),
      [],
    );
    assert.deepEqual(keys(sqlServerSettingsProblems({ useBcpFullLoad: true }, "source", "self-managed")), [
      "useBcpFullLoad",
    ]);
  });

  it("encrypt Oracle with verify-ca only and SQL Server with require or verify-full (CHAP_Security.SSL.md)", () => {
    const dev = getProfile("dev");
    const prod = getProfile("prod");
    assert.deepEqual(resolveSslMode(prod, undefined, true, "oracle"), { sslMode: "verify-ca" });
    assert.match(
      resolveSslMode(dev, undefined, false, "oracle").error ?? "",
      /only with sslMode verify-ca.*Oracle wallet/,
    );
    assert.match(resolveSslMode(prod, "verify-full", true, "oracle").error ?? "", /supports only verify-ca/);
    assert.deepEqual(resolveSslMode(dev, undefined, false, "sqlserver"), { sslMode: "require" });
    assert.deepEqual(resolveSslMode(prod, undefined, true, "sqlserver"), { sslMode: "verify-full" });
    assert.match(resolveSslMode(prod, "verify-ca", true, "sqlserver").error ?? "", /supports require and verify-full/);
  });
});

describe("heterogeneous migrations", () => {
  const mappings = (...rules: Parameters<typeof tableMappings>) => tableMappings(...rules);
  const task = (extra: Partial<HeterogeneousTask>): HeterogeneousTask => ({
    where: 'DmsReplication "r": tasks[0]',
    sourceEngine: "oracle",
    targetEngine: "aurora-postgresql",
    tableMappings: mappings(selectionRule({ schema: "CLAIMS", table: "%" })),
    taskSettings: { TargetMetadata: { LimitedSizeLobMode: true, LobMaxSize: 32 } },
    ...extra,
  });

  it("lowercases a schema's name, tables and columns for PostgreSQL", () => {
    const rules = mappings(selectionRule({ schema: "CLAIMS", table: "%" }), ...lowercaseIdentifiers("CLAIMS")).rules;
    assert.deepEqual(
      rules
        .slice(1)
        .map((r) => [r["rule-target"], r["rule-action"], (r as { "object-locator": object })["object-locator"]]),
      [
        ["schema", "convert-lowercase", { "schema-name": "CLAIMS" }],
        ["table", "convert-lowercase", { "schema-name": "CLAIMS", "table-name": "%" }],
        ["column", "convert-lowercase", { "schema-name": "CLAIMS", "table-name": "%", "column-name": "%" }],
      ],
    );
  });

  it("warns of upper-case names on PostgreSQL, NUMBER(38,10), silent LOB truncation and DMS-created tables, and of nothing once handled", () => {
    const warnings = heterogeneousWarnings(task({ sourceSettings: { failTaskOnLobTruncation: false } }));
    assert.equal(warnings.length, 4);
    assert.match(warnings[0] ?? "", /tasks\[0\]\.tableMappings: no convert-lowercase rule for schema, table, column/);
    assert.match(warnings[1] ?? "", /NUMBER\(38,10\).*numberDatatypeScale/);
    assert.match(warnings[2] ?? "", /truncated without failing the task/);
    assert.match(
      warnings[3] ?? "",
      /tasks\[0\]: TargetTablePrepMode DROP_AND_CREATE lets DMS create the target tables from the oracle source with their primary keys only.*convert the schema first \(SchemaConversion.*TargetTablePrepMode: DO_NOTHING/,
    );
    const handled = task({
      sourceSettings: { numberDatatypeScale: 0 },
      tableMappings: mappings(selectionRule({ schema: "CLAIMS", table: "%" }), ...lowercaseIdentifiers("CLAIMS")),
      taskSettings: { FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" } },
    });
    assert.deepEqual(heterogeneousWarnings(handled), []);
    assert.deepEqual(heterogeneousWarnings(task({ sourceEngine: "mysql" })), []);
    const keptTables = { taskSettings: { FullLoadSettings: { TargetTablePrepMode: "TRUNCATE_BEFORE_LOAD" } } };
    assert.deepEqual(
      heterogeneousWarnings(task({ sourceEngine: "sqlserver", targetEngine: "sqlserver", ...keptTables })),
      [],
    );
  });

  it("warns a SQL Server to SQL Server full load of lost identity columns, but not a CDC-only task or a Redshift load", () => {
    const lift = task({ sourceEngine: "sqlserver", targetEngine: "sqlserver" });
    assert.deepEqual(heterogeneousWarnings(lift), [
      'DmsReplication "r": tasks[0]: TargetTablePrepMode DROP_AND_CREATE lets DMS create the target tables from the sqlserver source with their primary keys only, without secondary indexes, constraints other than the primary key, defaults and the identity property of identity columns; create the schema on the target first (the source\'s own scripts) and set settings.FullLoadSettings.TargetTablePrepMode: DO_NOTHING',
    ]);
    assert.deepEqual(heterogeneousWarnings({ ...lift, migrationType: "cdc" }), []);
    assert.deepEqual(
      heterogeneousWarnings(
        task({ sourceEngine: "oracle", targetEngine: "redshift", sourceSettings: { numberDatatypeScale: 0 } }),
      ),
      [],
    );
  });

  it("warns of GEOMETRY columns left behind by full LOB mode on a SQL Server source", () => {
    const warnings = heterogeneousWarnings(
      task({
        sourceEngine: "sqlserver",
        targetEngine: "sqlserver",
        taskSettings: {
          TargetMetadata: { FullLobMode: true },
          FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" },
        },
      }),
    );
    assert.deepEqual(warnings.length, 1);
    assert.match(
      warnings[0] ?? "",
      /full LOB mode on a SQL Server source does not migrate GEOMETRY columns.*InlineLobMaxSize/,
    );
  });

  it("sizes a table's limited LOB mode at three times its largest LOB, and gives full LOB mode bulk-max-size 0", () => {
    const rules = mappings(
      selectionRule({ schema: "CLAIMS", table: "%" }),
      limitedLobs({ schema: "CLAIMS", table: "DOCUMENTS", largestLobKb: 2048 }),
      fullLobs({ schema: "CLAIMS", table: "SCANS" }),
    ).rules;
    assert.deepEqual(rules.slice(1), [
      {
        "rule-type": "table-settings",
        "rule-id": "2",
        "rule-name": "2",
        "object-locator": { "schema-name": "CLAIMS", "table-name": "DOCUMENTS" },
        "lob-settings": { mode: "limited", "bulk-max-size": 6144 },
      },
      {
        "rule-type": "table-settings",
        "rule-id": "3",
        "rule-name": "3",
        "object-locator": { "schema-name": "CLAIMS", "table-name": "SCANS" },
        "lob-settings": { mode: "unlimited", "bulk-max-size": 0 },
      },
    ]);
  });

  it("warns of a table in full LOB mode under batch apply, for any engine, unless the task applies no changes", () => {
    const view = {
      where: 'DmsReplication "r": tasks[0]',
      tableMappings: mappings(
        selectionRule({ schema: "shop", table: "%" }),
        limitedLobs({ schema: "shop", table: "notes", largestLobKb: 64 }),
        fullLobs({ schema: "shop", table: "images" }),
      ),
      taskSettings: { TargetMetadata: { BatchApplyEnabled: true } },
    };
    assert.deepEqual(lobWarnings(view), [
      'DmsReplication "r": tasks[0].tableMappings.rules[2]: shop.images is in full LOB mode (lob-settings mode unlimited) and TargetMetadata.BatchApplyEnabled is true: DMS batch-applies a table with LOBs only in limited LOB mode; use limitedLobs or turn batch apply off',
    ]);
    assert.deepEqual(lobWarnings({ ...view, migrationType: "full-load" }), []);
    assert.deepEqual(lobWarnings({ ...view, taskSettings: {} }), []);
  });
});
