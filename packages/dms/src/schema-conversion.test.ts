import assert from "node:assert/strict";
import { getProfile } from "@dms-platform/config";
import {
  type DataProviderArgs,
  dataProviderEngine,
  planSchemaConversion,
  schemaConversionSecretsPolicy,
  schemaConversionTrustPolicy,
} from "./schema-conversion.js";

const provider = (engine: DataProviderArgs["engine"], extra: Partial<DataProviderArgs> = {}): DataProviderArgs => ({
  engine,
  serverName: "db.corp.example",
  port: 1521,
  databaseName: "CLAIMS",
  secretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:s",
  secretKmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k",
  ...extra,
});

describe("SchemaConversion decisions", () => {
  it("maps each engine to the data provider's engine and settings block", () => {
    assert.deepEqual(
      (["oracle", "sqlserver", "aurora-postgresql", "aurora-mysql", "mariadb"] as const).map((e) => {
        const d = dataProviderEngine(e);
        return `${e}=${d.engine}/${d.block}`;
      }),
      [
        "oracle=oracle/oracleSettings",
        "sqlserver=sqlserver/microsoftSqlServerSettings",
        "aurora-postgresql=aurora-postgresql/postgresqlSettings",
        "aurora-mysql=aurora/mysqlSettings",
        "mariadb=mariadb/mariaDbSettings",
      ],
    );
  });

  it("names the project's parts and takes each side's SSL mode as its DMS endpoint would", () => {
    const plan = planSchemaConversion(
      {
        environment: "prod",
        application: "claims",
        source: provider("oracle", { certificateArn: "arn:aws:dms:eu-west-1:111122223333:cert:W" }),
        target: provider("aurora-postgresql", { certificateArn: "arn:aws:dms:eu-west-1:111122223333:cert:R" }),
      },
      getProfile("prod"),
      "sc",
    );
    assert.deepEqual(plan.dataProviders, {
      source: { name: "prod-claims-sc-src-dms", sslMode: "verify-ca" },
      target: { name: "prod-claims-sc-tgt-dms", sslMode: "verify-full" },
    });
    assert.deepEqual(plan.roleNames, { s3: "prod-claims-dms-sc-s3", secrets: "prod-claims-dms-sc-secrets" });
  });

  it("refuses an Oracle data provider without its wallet, naming the side", () => {
    assert.throws(
      () =>
        planSchemaConversion(
          { environment: "dev", application: "claims", source: provider("oracle"), target: provider("postgres") },
          getProfile("dev"),
          "sc",
        ),
      /SchemaConversion "sc": source\.sslMode: an Oracle endpoint encrypts only with sslMode verify-ca/,
    );
  });

  it("lets Schema Conversion and the regional DMS principal read the two secrets only", () => {
    assert.deepEqual(JSON.parse(schemaConversionTrustPolicy("eu-west-1")).Statement[0].Principal.Service, [
      "schema-conversion.dms.amazonaws.com",
      "dms.eu-west-1.amazonaws.com",
    ]);
    const policy = JSON.parse(schemaConversionSecretsPolicy(["a", "b"], ["k", "k"], "eu-west-1"));
    assert.deepEqual(policy.Statement[0].Resource, ["a", "b"]);
    assert.deepEqual(policy.Statement[1].Resource, ["k"]);
    assert.deepEqual(policy.Statement[1].Condition, {
      StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" },
    });
  });
});
