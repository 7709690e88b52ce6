/**
 * Which AWS APIs the migration network reaches through VPC endpoints, and their service names.
 * Pure; no Pulumi.
 */

/** One interface endpoint the network creates, and why it is there. */
export interface InterfaceEndpointSpec {
  /** The service's short name, the last part of `com.amazonaws.<region>.<service>`. */
  readonly service: string;
  /** The role part of the child's logical and Name-tag names. */
  readonly role: string;
  /** Who needs it. */
  readonly reason: string;
}

/**
 * The interface endpoints DMS and RDS need from private subnets without a NAT gateway:
 * DMS endpoints read credentials from Secrets Manager, encrypt with KMS, and write task logs to
 * CloudWatch Logs; RDS Enhanced Monitoring and alarms use CloudWatch; STS serves the role sessions
 * of anything running in the VPC that assumes a role (regional endpoint).
 */
export const DEFAULT_INTERFACE_ENDPOINTS: readonly InterfaceEndpointSpec[] = [
  { service: "secretsmanager", role: "secretsmanager", reason: "DMS endpoints read database credentials" },
  { service: "kms", role: "kms", reason: "DMS, RDS and Secrets Manager clients decrypt data keys" },
  { service: "logs", role: "logs", reason: "DMS task logs and RDS log exports reach CloudWatch Logs" },
  { service: "monitoring", role: "monitoring", reason: "CloudWatch metrics and alarms" },
  { service: "sts", role: "sts", reason: "role sessions from inside the VPC (regional STS)" },
];

/** The default interface endpoint services, in creation order. */
export const DEFAULT_INTERFACE_ENDPOINT_SERVICES: readonly string[] = DEFAULT_INTERFACE_ENDPOINTS.map((e) => e.service);

/** The specs for a list of service short names (known services keep their reason). */
export function interfaceEndpointSpecs(services: readonly string[]): InterfaceEndpointSpec[] {
  return services.map(
    (service) =>
      DEFAULT_INTERFACE_ENDPOINTS.find((e) => e.service === service) ?? {
        service,
        role: service.replace(/\./g, "-"),
        reason: "requested in interfaceEndpointServices",
      },
  );
}

/**
 * The endpoint service name: `<reverse DNS prefix>.<region>.<service>`, e.g.
 * `com.amazonaws.eu-west-1.secretsmanager`. The prefix comes from the partition
 * (`aws.getPartition().reverseDnsPrefix`) because China regions use `cn.com.amazonaws`.
 */
export function endpointServiceName(reverseDnsPrefix: string, region: string, service: string): string {
  return `${reverseDnsPrefix}.${region}.${service}`;
}
