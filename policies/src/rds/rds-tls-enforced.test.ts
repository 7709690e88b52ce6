import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { rdsTlsEnforced } from "./rds-tls-enforced.js";

const group = (family: string, parameters: Array<{ name: string; value: unknown }>) => ({
  type: T.rdsParameterGroup,
  inputs: { family, parameters },
});

describePolicy(rdsTlsEnforced, {
  passes: [
    {
      title: "a MySQL group requiring secure transport",
      fixture: group("mysql8.0", [{ name: "require_secure_transport", value: "1" }]),
    },
    { title: "a PostgreSQL 16 group (forces SSL by default)", fixture: group("postgres16", []) },
    {
      title: "an Aurora MySQL cluster group with ON",
      fixture: {
        type: T.rdsClusterParameterGroup,
        inputs: { family: "aurora-mysql8.0", parameters: [{ name: "require_secure_transport", value: "ON" }] },
      },
    },
    {
      title: "a MySQL instance on a custom group",
      fixture: { type: T.rdsInstance, inputs: { engine: "mysql", parameterGroupName: "prod-orders-src" } },
    },
    {
      title: "a PostgreSQL instance on the default group",
      fixture: { type: T.rdsInstance, inputs: { engine: "postgres" } },
    },
    {
      title: "a SQL Server group forcing SSL",
      fixture: group("sqlserver-se-16.0", [{ name: "rds.force_ssl", value: "1" }]),
    },
    {
      title: "an Oracle option group with the SSL option (TLS 1.2)",
      fixture: {
        type: T.rdsOptionGroup,
        inputs: {
          engineName: "oracle-ee",
          majorEngineVersion: "19",
          options: [{ optionName: "SSL", port: 2484, optionSettings: [{ name: "SQLNET.SSL_VERSION", value: "1.2" }] }],
        },
      },
    },
    {
      title: "an Oracle option group requiring native network encryption",
      fixture: {
        type: T.rdsOptionGroup,
        inputs: {
          engineName: "oracle-se2",
          options: [
            {
              optionName: "NATIVE_NETWORK_ENCRYPTION",
              optionSettings: [{ name: "SQLNET.ENCRYPTION_SERVER", value: "REQUIRED" }],
            },
          ],
        },
      },
    },
    {
      title: "an Oracle instance on its own option group",
      fixture: {
        type: T.rdsInstance,
        inputs: { engine: "oracle-ee", optionGroupName: "prod-claims-tgt-oracle-ee-19" },
      },
    },
    {
      title: "a SQL Server option group (TLS is the parameter group's)",
      fixture: { type: T.rdsOptionGroup, inputs: { engineName: "sqlserver-se", options: [] } },
    },
  ],
  fails: [
    {
      title: "a SQL Server instance on the default parameter group",
      fixture: { type: T.rdsInstance, inputs: { engine: "sqlserver-ex" } },
      messages: [
        'parameterGroupName is not set, so the sqlserver-ex default parameter group applies, where rds.force_ssl is 0; set parameterGroupName to a group with rds.force_ssl: "1"',
      ],
    },
    {
      title: "a SQL Server group that does not force SSL",
      fixture: group("sqlserver-ee-16.0", []),
      messages: [
        'parameters do not set rds.force_ssl (the sqlserver-ee-16.0 default leaves TLS optional); add { name: "rds.force_ssl", value: "1" }',
      ],
    },
    {
      title: "an Oracle instance on the default option group",
      fixture: { type: T.rdsInstance, inputs: { engine: "oracle-se2", optionGroupName: "default:oracle-se2-19" } },
      messages: [
        'optionGroupName is "default:oracle-se2-19", an engine default option group, which has no SSL option; set optionGroupName to a group with the SSL option (port 2484, SQLNET.SSL_VERSION "1.2")',
      ],
    },
    {
      title: "an Oracle option group without SSL",
      fixture: { type: T.rdsOptionGroup, inputs: { engineName: "oracle-ee", options: [{ optionName: "Timezone" }] } },
      messages: [
        'options include neither SSL nor NATIVE_NETWORK_ENCRYPTION with SQLNET.ENCRYPTION_SERVER "REQUIRED", so clients connect in clear text; add { optionName: "SSL", port: 2484, optionSettings: [{ name: "SQLNET.SSL_VERSION", value: "1.2" }] }',
      ],
    },
    {
      title: "an Oracle SSL option that still allows TLS 1.0",
      fixture: {
        type: T.rdsOptionGroup,
        inputs: {
          engineName: "oracle-ee",
          options: [{ optionName: "SSL", optionSettings: [{ name: "SQLNET.SSL_VERSION", value: "1.2 or 1.0" }] }],
        },
      },
      messages: [
        'the SSL option sets SQLNET.SSL_VERSION to "1.2 or 1.0", which lets clients use TLS 1.0; set it to "1.2"',
      ],
    },
    {
      title: "a MySQL group leaving TLS optional",
      fixture: group("mysql8.0", [{ name: "binlog_format", value: "ROW" }]),
      messages: [
        'parameters do not set require_secure_transport (the mysql8.0 default leaves TLS optional); add { name: "require_secure_transport", value: "1" }',
      ],
    },
    {
      title: "a PostgreSQL group turning force_ssl off",
      fixture: group("postgres16", [{ name: "rds.force_ssl", value: "0" }]),
      messages: ['parameters set rds.force_ssl to "0"; set it to "1"'],
    },
    {
      title: "a PostgreSQL 13 group that does not set force_ssl",
      fixture: group("postgres13", []),
      messages: [
        'parameters do not set rds.force_ssl (the postgres13 default leaves TLS optional); add { name: "rds.force_ssl", value: "1" }',
      ],
    },
    {
      title: "a MySQL instance on the default parameter group",
      fixture: { type: T.rdsInstance, inputs: { engine: "mysql" } },
      messages: [
        'parameterGroupName is not set, so the mysql default parameter group applies, where require_secure_transport is OFF; set parameterGroupName to a group with require_secure_transport: "1"',
      ],
    },
    {
      title: "an Aurora MySQL cluster pointed explicitly at the default cluster group",
      fixture: {
        type: T.rdsCluster,
        inputs: { engine: "aurora-mysql", dbClusterParameterGroupName: "default.aurora-mysql8.0" },
      },
      messages: [
        'dbClusterParameterGroupName is "default.aurora-mysql8.0", an engine default group AWS does not let anyone modify, where require_secure_transport is OFF; set dbClusterParameterGroupName to a group with require_secure_transport: "1"',
      ],
    },
    {
      title: "a MySQL instance pointed explicitly at the default group",
      fixture: { type: T.rdsInstance, inputs: { engine: "mysql", parameterGroupName: "default.mysql8.0" } },
      messages: [
        'parameterGroupName is "default.mysql8.0", an engine default group AWS does not let anyone modify, where require_secure_transport is OFF; set parameterGroupName to a group with require_secure_transport: "1"',
      ],
    },
  ],
  unknown: {
    fixture: group("mysql8.0", [{ name: "require_secure_transport", value: UNKNOWN }]),
    path: "parameters.0.value",
  },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
