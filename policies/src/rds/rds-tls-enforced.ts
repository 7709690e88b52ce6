import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, asObject, show } from "../lib/values.js";
import { engineDefaultAllowsPlaintext, isOn, tlsParameterOfFamily } from "./tls-parameters.js";

export const rdsTlsEnforced = resourcePolicy({
  name: "rds-tls-enforced",
  concern: "rds",
  description:
    "RDS parameter groups force TLS (require_secure_transport for MySQL-family engines, rds.force_ssl for PostgreSQL and SQL Server), and MySQL-family instances and clusters use such a group rather than the engine default (unset, or an explicit `default.*` group, which cannot be modified), so no client (DMS included) can connect in clear text.",
  control: "RDS User Guide: require_secure_transport, rds.force_ssl (no Security Hub control)",
  enforcementLevel: "mandatory",
  types: [T.rdsParameterGroup, T.rdsClusterParameterGroup, T.rdsInstance, T.rdsCluster],
  validate: (props, args, report) => {
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
        report(
          `${which}, where require_secure_transport is OFF; set ${property} to a group with require_secure_transport: "1"`,
        );
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
