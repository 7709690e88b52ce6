/**
 * The DMS security group's rules, decided before anything is declared. DMS needs to reach the two
 * databases on their ports and the VPC interface endpoints (Secrets Manager, KMS, CloudWatch Logs)
 * on 443; nothing else. Databases admit DMS by security-group reference, never by CIDR.
 * `V` stands for the value type (a plain value or a pulumi Input): the plan only routes values.
 */
export interface DatabaseReach<V> {
  /** "source", "target", or `source-<name>` for one of several sources: part of rule names. */
  role: string;
  /** How descriptions and warnings name the database. @default `role` */
  label?: string;
  /** The database port. */
  port: V;
  /** The database's security group (an RDS/Aurora database in the VPC). */
  securityGroupId?: V;
  /** CIDR blocks of an external (on-premises) host, reached through the VPC's routes. */
  cidrBlocks?: readonly string[];
}

export interface EgressRule<V> {
  /** Suffix of the rule's logical name. */
  key: string;
  description: string;
  port: V | number;
  referencedSecurityGroupId?: V;
  cidrIpv4?: string;
}

export interface IngressRule<V> {
  key: string;
  description: string;
  /** The database security group the rule is added to (the DMS group is the referenced source). */
  securityGroupId: V;
  port: V;
}

export interface SecurityGroupPlan<V> {
  egress: EgressRule<V>[];
  ingress: IngressRule<V>[];
  /** Databases DMS cannot be given a rule for (no security group, no CIDR), by label: warn the user. */
  unreachable: string[];
}

/** HTTPS, for the VPC interface endpoints. */
export const HTTPS_PORT = 443;

export function planSecurityGroupRules<V>(
  databases: ReadonlyArray<DatabaseReach<V>>,
  endpointSecurityGroupId: V,
): SecurityGroupPlan<V> {
  const egress: EgressRule<V>[] = [];
  const ingress: IngressRule<V>[] = [];
  const unreachable: string[] = [];
  const seen = new Set<string>();
  for (const db of databases) {
    const label = db.label ?? db.role;
    if (db.securityGroupId !== undefined) {
      // The source and target may share a security group and port (two schemas on one server):
      // a duplicate rule is an AWS error (InvalidPermission.Duplicate), so plain values are deduplicated.
      const plain = typeof db.port !== "object" && typeof db.securityGroupId !== "object";
      const identity = `${String(db.securityGroupId)}:${String(db.port)}`;
      if (plain && seen.has(identity)) continue;
      if (plain) seen.add(identity);
      egress.push({
        key: `egress-${db.role}`,
        description: `DMS to the ${label} database`,
        port: db.port,
        referencedSecurityGroupId: db.securityGroupId,
      });
      ingress.push({
        key: `ingress-${db.role}`,
        description: `${label} database from DMS`,
        securityGroupId: db.securityGroupId,
        port: db.port,
      });
    } else if (db.cidrBlocks && db.cidrBlocks.length > 0) {
      db.cidrBlocks.forEach((cidr, i) => {
        egress.push({
          key: `egress-${db.role}-${i}`,
          description: `DMS to the external ${label} database (${cidr})`,
          port: db.port,
          cidrIpv4: cidr,
        });
      });
    } else {
      unreachable.push(label);
    }
  }
  egress.push({
    key: "egress-endpoints",
    description: "DMS to the VPC interface endpoints (Secrets Manager, KMS, CloudWatch Logs)",
    port: HTTPS_PORT,
    referencedSecurityGroupId: endpointSecurityGroupId,
  });
  return { egress, ingress, unreachable };
}
