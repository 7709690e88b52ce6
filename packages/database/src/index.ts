export {
  type DatabasePlan,
  type MigrationDatabaseArgs,
  migrationDatabaseArgsSchema,
  type ParsedMigrationDatabaseArgs,
  planDatabase,
} from "./args.js";
export {
  DATABASE_ENGINES,
  type DatabaseEngine,
  ENGINE_PORTS,
  isAurora,
  isMysqlFamily,
  type LiveCheck,
  type LiveExpectation,
  type ParameterRequirement,
  parameterGroupFamily,
  parametersForScope,
  serverParameters,
} from "./cdc-parameters.js";
export {
  COMMERCIAL_DEFAULT_VERSIONS,
  COMMERCIAL_MAJOR_VERSIONS,
  commercialEngineVersionProblem,
  commercialParameterGroupFamily,
  dmsTargetEditionProblem,
  isOracleEdition,
  LICENSE_MODELS,
  type LicenseModel,
  licenseModelProblem,
  multiAzSupported,
  type OptionRequirement,
  ORACLE_SSL_PORT,
} from "./commercial.js";
export {
  type DatabaseSecretDocument,
  databaseSecretDocument,
  MASTER_PASSWORD_SPEC,
  RDS_FORBIDDEN_PASSWORD_CHARACTERS,
} from "./credentials.js";
export {
  AURORA_MIN_INSTANCE_CLASS,
  auroraInstanceClassProblem,
  CA_CERT_IDENTIFIER,
  DEFAULT_ENGINE_VERSIONS,
  engineVersionPinProblem,
  engineVersionProblem,
  majorVersion,
  performanceInsightsSupported,
  rdsLogGroupName,
  rdsLogGroupPrefix,
  SUPPORTED_MAJOR_VERSIONS,
  secretEngineName,
} from "./engine.js";
export { databaseKeyPolicy, type KeyPolicyContext, type KeyPolicyDocument } from "./key-policy.js";
export { DATABASE_LOGGING, type DatabaseLogging, type LoggingPlan, planLogging } from "./log-parameters.js";
export { MIGRATION_DATABASE_TYPE, MigrationDatabase } from "./migration-database.js";
export {
  planRedshiftWarehouse,
  REDSHIFT_DEFAULT_ADMIN_USERNAME,
  REDSHIFT_DEFAULT_DATABASE_NAME,
  REDSHIFT_LOG_EXPORTS,
  REDSHIFT_MIN_SNAPSHOT_RETENTION_DAYS,
  REDSHIFT_PARAMETER_GROUP_FAMILY,
  REDSHIFT_PARAMETERS,
  REDSHIFT_PORT,
  type RedshiftWarehouseArgs,
  type RedshiftWarehousePlan,
  redshiftLogGroupName,
  redshiftWarehouseArgsSchema,
} from "./redshift-plan.js";
export {
  baseCapacityProblem,
  planRedshiftServerlessWarehouse,
  type RedshiftServerlessWarehouseArgs,
  type RedshiftServerlessWarehousePlan,
  redshiftServerlessLogGroupName,
  redshiftServerlessWarehouseArgsSchema,
  SERVERLESS_BASE_CAPACITY,
  SERVERLESS_CAPACITY,
  SERVERLESS_CONFIG_PARAMETERS,
  SERVERLESS_DEFAULT_ADMIN_USERNAMES,
  SERVERLESS_MIN_AZS,
} from "./redshift-serverless-plan.js";
export {
  REDSHIFT_SERVERLESS_WAREHOUSE_TYPE,
  RedshiftServerlessWarehouse,
} from "./redshift-serverless-warehouse.js";
export { REDSHIFT_WAREHOUSE_TYPE, RedshiftWarehouse, redshiftSecretDocument } from "./redshift-warehouse.js";
