import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, asObject, show } from "../lib/values.js";
import {
  engineDefaultAllowsPlaintext,
  isOn,
  isOracleEngine,
  oracleTlsOptionProblem,
  tlsParameterOfFamily,
} from "./tls-parameters.js";

export const rdsTlsEnforced = resourcePolicy({
  name: "rds-tls-enforced",
  concern: "rds",
  description:
    "RDS parameter groups force TLS (require_secure_transport for MySQL-family engines, rds.force_ssl for PostgreSQL and SQL Server), and MySQL-family and SQL Server instances and clusters use such a group rather than the engine default (unset, or an explicit `default.*` group, which cannot be modified); Oracle instances use an option group with the SSL option (or native network encryption REQUIRED); so no client (DMS included) can connect in clear text.",
  // Security Hub User Guide, "Security Hub CSPM controls for Amazon RDS": RDS.38 (PostgreSQL) and RDS.41
  // (SQL Server) fail an instance whose group has rds.force_ssl 0, RDS.39 (MySQL) and RDS.44 (MariaDB)
  // one without require_secure_transport; Oracle's SSL option has no control.
  control:
    "Security Hub RDS.38, RDS.39, RDS.41, RDS.44; RDS User Guide: require_secure_transport, rds.force_ssl, Oracle SSL option",
  enforcementLevel: "mandatory",
  types: [T.rdsParameterGroup, T.rdsClusterParameterGroup, T.rdsInstance, T.rdsCluster, T.rdsOptionGroup],
  validate: (props, args, report) => {
    if (args.type === T.rdsOptionGroup) {
      if (!isOracleEngine(props.engineName)) return;
      const problem = oracleTlsOptionProblem(asArray(props.options).map((o) => asObject(o) ?? {}));
      if (problem) report(problem);
      return;
    }
    if (args.type === T.rdsInstance && isOracleEngine(props.engine)) {
      const group = props.optionGroupName;
      if (group === undefined || (typeof group === "string" && group.startsWith("default:"))) {
        const which =
          group === undefined
            ? "optionGroupName is not set, so the engine's default option group applies"
            : `optionGroupName is "${group}", an engine default option group`;
        report(
          `${which}, which has no SSL option; set optionGroupName to a group with the SSL option (port 2484, SQLNET.SSL_VERSION "1.2")`,
        );
      }
      return;
    }
    if (args.type === T.rdsInstance || args.type === T.rdsCluster) {
      const property = args.type === T.rdsInstance ? "parameterGroupName" : "dbClusterParameterGroupName";
      const engine = props.engine;
      const group = props[property];
      // AWS's own `default.<family>` groups cannot be modified: naming one is the same as naming none.
      const isDefault = group === undefined || (typeof group === "string" && group.startsWith("default."));
      if (isDefault && typeof engine === "string" && engineDefaultAllowsPlaintext(engine)) {
        const which =
          group === undefined
            ? `${property} is not set, so the ${engine} default parameter group applies`
            : `${property} is "${group}", an engine default group AWS does not let anyone modify`;
        const tls = /^sqlserver/.test(engine)
          ? { name: "rds.force_ssl", off: "0" }
          : { name: "require_secure_transport", off: "OFF" };
        report(`${which}, where ${tls.name} is ${tls.off}; set ${property} to a group with ${tls.name}: "1"`);
      }
      return;
    }
    const family = props.family;
    if (typeof family !== "string") return;
    const tls = tlsParameterOfFamily(family);
    if (!tls) return;
    const entry = asArray(props.parameters)
      .map((p) => asObject(p) ?? {})
      .find((p) => p.name === tls.name);
    if (!entry) {
      if (!tls.onByDefault) {
        report(
          `parameters do not set ${tls.name} (the ${family} default leaves TLS optional); add { name: "${tls.name}", value: "1" }`,
        );
      }
      return;
    }
    if (!isOn(entry.value)) report(`parameters set ${tls.name} to ${show(entry.value)}; set it to "1"`);
  },
});
