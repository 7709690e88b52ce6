export {
  DEFAULT_VPC_CIDR,
  type DnsForwarding,
  type ExistingVpc,
  type GatewayPlan,
  type HybridConnectivity,
  LOG_RETENTION_DAYS,
  MAX_AZ_COUNT,
  type MigrationNetworkArgs,
  migrationNetworkArgsSchema,
  type NetworkPlan,
  type ParsedMigrationNetworkArgs,
  type PlannedSubnet,
  planGateway,
  planNetwork,
} from "./args.js";
export {
  cidrProblem,
  contains,
  defaultSubnetNewBits,
  formatCidr,
  type Ipv4Network,
  overlaps,
  parseCidr,
  splitCidr,
} from "./cidr.js";
export { domainKey } from "./dns-forwarding.js";
export {
  DEFAULT_INTERFACE_ENDPOINT_SERVICES,
  DEFAULT_INTERFACE_ENDPOINTS,
  endpointServiceName,
  type InterfaceEndpointSpec,
} from "./endpoints.js";
export { MIGRATION_NETWORK_TYPE, MigrationNetwork } from "./migration-network.js";
export {
  type AccountContext,
  flowLogsPublishPolicy,
  flowLogsTrustPolicy,
  networkKeyPolicy,
  type PolicyDocument,
  type PolicyStatement,
} from "./policies.js";
