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
  ],
  fails: [
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
