/**
 * What the Terraform AWS provider (v6.x, which @pulumi/aws 7.x bridges) does when an input of a
 * resource changes: the inputs whose change forces a new resource (the schema's `ForceNew`), the
 * inputs that carry the resource's physical name, and the inputs holding JSON documents the
 * provider compares by meaning. One table for the plan's diff, the DMS component and the policies.
 *
 * Read from the provider's source as indexed per release in
 * github.com/lonegunmanb/terraform-provider-aws-index, `index/internal/service/<service>/func.<schema
 * function>.goindex` (the resource's schema function verbatim), at the commit named in `source`.
 * Property names are the Pulumi (camelCase) names; a dotted path names a field of a nested block
 * (`computeConfig.kmsKeyId` is `compute_config[0].kms_key_id`).
 */

/** The provider's behaviour for one resource type. */
export interface ProviderResourceSchema {
  /** The Terraform resource type @pulumi/aws bridges. */
  terraformType: string;
  /** Where the schema was read: file in the index repository, and the commit of that repository. */
  source: string;
  /** Inputs whose change replaces the resource (`ForceNew: true`), as Pulumi property paths. */
  forceNew: readonly string[];
  /**
   * Inputs that set the resource's fixed physical name (unique per account/region): a new
   * resource with the same value collides with the old one while it exists.
   */
  fixedName?: readonly string[];
  /**
   * Inputs the name is unique within (a security group's name is unique per VPC): when one of them
   * changes with the replacement, the new resource does not collide with the old one.
   */
  nameScope?: readonly string[];
  /** Inputs from which the provider generates a unique name (`namePrefix`): never collide. */
  namePrefix?: readonly string[];
  /** Inputs holding JSON documents the provider compares by meaning (DiffSuppress on JSON). */
  jsonInputs?: readonly string[];
}

const INDEX = "lonegunmanb/terraform-provider-aws-index";
const at = (service: string, fn: string, commit: string) =>
  `${INDEX} index/internal/service/${service}/func.${fn}.goindex @ ${commit}`;
// The index commits the schemas were read at (2026-11; the index's master file reports v6.52.0).
const C0 = "0c75c3cdc5175a7c36797122e2b6db4e13c132f3";
// The index commit for terraform-provider-aws v6.58.0 (2026-12), where the Redshift schemas were read.
const C_REDSHIFT = "2f6e22c42759323d69500964ed1d284e5f4dea97";

/**
 * Every resource type the repository's stacks create and the policy pack is tested on, by Pulumi
 * type token. A test plans the six stack × env and checks each custom resource type is here.
 */
export const PROVIDER_SCHEMAS: Readonly<Record<string, ProviderResourceSchema>> = {
  // DMS (internal/service/dms). A task's replication_instance_arn is NOT ForceNew: Update moves the
  // task with MoveReplicationTask (func.resourceReplicationTaskUpdate.goindex @ 4aeea4f).
  "aws:dms/replicationTask:ReplicationTask": {
    terraformType: "aws_dms_replication_task",
    source: at("dms", "resourceReplicationTask", C0),
    forceNew: ["replicationTaskId", "resourceIdentifier", "sourceEndpointArn", "targetEndpointArn"],
    fixedName: ["replicationTaskId"],
    jsonInputs: ["tableMappings", "replicationTaskSettings"],
  },
  "aws:dms/replicationConfig:ReplicationConfig": {
    terraformType: "aws_dms_replication_config",
    source: at("dms", "resourceReplicationConfig", C0),
    forceNew: [
      "replicationConfigIdentifier",
      "resourceIdentifier",
      "computeConfig.availabilityZone",
      "computeConfig.kmsKeyId",
      "computeConfig.replicationSubnetGroupId",
    ],
    fixedName: ["replicationConfigIdentifier"],
    jsonInputs: ["tableMappings", "replicationSettings", "supplementalSettings"],
  },
  "aws:dms/replicationInstance:ReplicationInstance": {
    terraformType: "aws_dms_replication_instance",
    source: at("dms", "resourceReplicationInstance", C0),
    forceNew: [
      "availabilityZone",
      "dnsNameServers",
      "kmsKeyArn",
      "publiclyAccessible",
      "replicationInstanceId",
      "replicationSubnetGroupId",
    ],
    fixedName: ["replicationInstanceId"],
  },
  "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup": {
    terraformType: "aws_dms_replication_subnet_group",
    source: at("dms", "resourceReplicationSubnetGroup", C0),
    forceNew: ["replicationSubnetGroupId"],
    fixedName: ["replicationSubnetGroupId"],
  },
  "aws:dms/endpoint:Endpoint": {
    terraformType: "aws_dms_endpoint",
    source: at("dms", "resourceEndpoint", C0),
    forceNew: [
      "endpointId",
      "kmsKeyArn",
      "elasticsearchSettings.endpointUri",
      "elasticsearchSettings.errorRetryDuration",
      "elasticsearchSettings.fullLoadErrorPercentage",
      "elasticsearchSettings.serviceAccessRoleArn",
      "elasticsearchSettings.useNewMappingType",
      "kinesisSettings.messageFormat",
    ],
    fixedName: ["endpointId"],
  },
  // ignore_header_rows and the deprecated kms_key_arn are ForceNew too; the platform sends neither.
  "aws:dms/s3Endpoint:S3Endpoint": {
    terraformType: "aws_dms_s3_endpoint",
    source: at("dms", "resourceS3Endpoint", C0),
    forceNew: ["endpointId", "kmsKeyArn", "ignoreHeaderRows"],
    fixedName: ["endpointId"],
  },
  "aws:dms/eventSubscription:EventSubscription": {
    terraformType: "aws_dms_event_subscription",
    source: at("dms", "resourceEventSubscription", C0),
    forceNew: ["name", "sourceIds", "sourceType"],
    fixedName: ["name"],
  },
  // EC2 / VPC (internal/service/ec2)
  "aws:ec2/vpc:Vpc": {
    terraformType: "aws_vpc",
    source: at("ec2", "resourceVPC", C0),
    forceNew: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
  },
  "aws:ec2/subnet:Subnet": {
    terraformType: "aws_subnet",
    source: at("ec2", "resourceSubnet", C0),
    forceNew: [
      "availabilityZone",
      "availabilityZoneId",
      "cidrBlock",
      "ipv4IpamPoolId",
      "ipv4NetmaskLength",
      "ipv6IpamPoolId",
      "ipv6Native",
      "ipv6NetmaskLength",
      "outpostArn",
      "vpcId",
    ],
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    terraformType: "aws_security_group",
    source: at("ec2", "resourceSecurityGroup", C0),
    forceNew: ["description", "name", "namePrefix", "vpcId"],
    fixedName: ["name"],
    // "Security group names must be unique within a VPC" (Amazon VPC User Guide, security groups;
    // CreateSecurityGroup: InvalidGroup.Duplicate).
    nameScope: ["vpcId"],
    namePrefix: ["namePrefix"],
  },
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
    terraformType: "aws_default_security_group",
    source: at("ec2", "resourceDefaultSecurityGroup", C0),
    forceNew: ["vpcId"],
  },
  "aws:ec2/routeTable:RouteTable": {
    terraformType: "aws_route_table",
    source: at("ec2", "resourceRouteTable", C0),
    forceNew: ["vpcId"],
  },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": {
    terraformType: "aws_route_table_association",
    source: at("ec2", "resourceRouteTableAssociation", C0),
    forceNew: ["gatewayId", "subnetId"],
  },
  "aws:ec2/flowLog:FlowLog": {
    terraformType: "aws_flow_log",
    source: at("ec2", "resourceFlowLog", C0),
    forceNew: [
      "deliverCrossAccountRole",
      "destinationOptions",
      "eniId",
      "iamRoleArn",
      "logDestination",
      "logDestinationType",
      "logFormat",
      "maxAggregationInterval",
      "regionalNatGatewayId",
      "subnetId",
      "trafficType",
      "transitGatewayAttachmentId",
      "transitGatewayId",
      "vpcId",
    ],
  },
  "aws:ec2/vpcEndpoint:VpcEndpoint": {
    terraformType: "aws_vpc_endpoint",
    source: at("ec2", "resourceVPCEndpoint", C0),
    forceNew: [
      "dnsOptions.privateDnsPreference",
      "dnsOptions.privateDnsSpecifiedDomains",
      "resourceConfigurationArn",
      "serviceName",
      "serviceNetworkArn",
      "serviceRegion",
      "vpcEndpointType",
      "vpcId",
    ],
    jsonInputs: ["policy"],
  },
  "aws:ec2/route:Route": {
    terraformType: "aws_route",
    source: at("ec2", "resourceRoute", C0),
    forceNew: ["destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId", "routeTableId"],
  },
  // The on-premises gateway's attachment to the VPC (MigrationNetwork `hybrid.gatewayAttachment`).
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": {
    terraformType: "aws_ec2_transit_gateway_vpc_attachment",
    source: at("ec2", "resourceTransitGatewayVPCAttachment", C0),
    forceNew: ["transitGatewayId", "vpcId"],
  },
  "aws:ec2/vpnGatewayAttachment:VpnGatewayAttachment": {
    terraformType: "aws_vpn_gateway_attachment",
    source: at("ec2", "resourceVPNGatewayAttachment", C0),
    forceNew: ["vpcId", "vpnGatewayId"],
  },
  "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation": {
    terraformType: "aws_vpn_gateway_route_propagation",
    source: at("ec2", "resourceVPNGatewayRoutePropagation", C0),
    forceNew: ["routeTableId", "vpnGatewayId"],
  },
  // Route 53 Resolver (internal/service/route53resolver)
  "aws:route53/resolverEndpoint:ResolverEndpoint": {
    terraformType: "aws_route53_resolver_endpoint",
    source: at("route53resolver", "resourceEndpoint", "2cc4239fa82956a5ba1806f442df825561ae4e69"),
    forceNew: ["direction", "securityGroupIds"],
  },
  "aws:route53/resolverRule:ResolverRule": {
    terraformType: "aws_route53_resolver_rule",
    source: at("route53resolver", "resourceRule", "4a1c9ebc3d5fc89d1f8e4150a7fded0b676d499c"),
    forceNew: ["domainName", "ruleType"],
  },
  "aws:route53/resolverRuleAssociation:ResolverRuleAssociation": {
    terraformType: "aws_route53_resolver_rule_association",
    source: at("route53resolver", "resourceRuleAssociation", "4aeea4f5428cda18a9b23b8cff4238815722c4a0"),
    forceNew: ["name", "resolverRuleId", "vpcId"],
  },
  // EventBridge (internal/service/events)
  "aws:cloudwatch/eventRule:EventRule": {
    terraformType: "aws_cloudwatch_event_rule",
    source: at("events", "resourceRule", C0),
    forceNew: ["eventBusName", "name", "namePrefix"],
    fixedName: ["name"],
    namePrefix: ["namePrefix"],
    jsonInputs: ["eventPattern"],
  },
  "aws:cloudwatch/eventTarget:EventTarget": {
    terraformType: "aws_cloudwatch_event_target",
    source: at("events", "resourceTarget", C0),
    forceNew: ["eventBusName", "rule", "targetId"],
  },
  // IAM (internal/service/iam)
  "aws:iam/role:Role": {
    terraformType: "aws_iam_role",
    source: at("iam", "resourceRole", C0),
    forceNew: ["name", "namePrefix", "path"],
    fixedName: ["name"],
    namePrefix: ["namePrefix"],
    jsonInputs: ["assumeRolePolicy"],
  },
  "aws:iam/policy:Policy": {
    terraformType: "aws_iam_policy",
    source: at("iam", "resourcePolicy", C0),
    forceNew: ["description", "name", "namePrefix", "path"],
    fixedName: ["name"],
    namePrefix: ["namePrefix"],
    jsonInputs: ["policy"],
  },
  "aws:iam/rolePolicy:RolePolicy": {
    terraformType: "aws_iam_role_policy",
    source: at("iam", "resourceRolePolicy", C0),
    forceNew: ["name", "namePrefix", "role"],
    jsonInputs: ["policy"],
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    terraformType: "aws_iam_role_policy_attachment",
    source: at("iam", "resourceRolePolicyAttachment", C0),
    forceNew: ["policyArn", "role"],
  },
  // KMS (internal/service/kms)
  "aws:kms/key:Key": {
    terraformType: "aws_kms_key",
    source: at("kms", "resourceKey", "081a8c15a91d55c401900cb261af8f0da7cb700f"),
    forceNew: ["customKeyStoreId", "customerMasterKeySpec", "keyUsage", "multiRegion", "xksKeyId"],
    jsonInputs: ["policy"],
  },
  "aws:kms/alias:Alias": {
    terraformType: "aws_kms_alias",
    source: at("kms", "resourceAlias", C0),
    forceNew: ["name", "namePrefix"],
    fixedName: ["name"],
    namePrefix: ["namePrefix"],
  },
  // CloudWatch (internal/service/logs, internal/service/cloudwatch)
  "aws:cloudwatch/logGroup:LogGroup": {
    terraformType: "aws_cloudwatch_log_group",
    source: at("logs", "resourceGroup", "081a8c15a91d55c401900cb261af8f0da7cb700f"),
    forceNew: ["logGroupClass", "name", "namePrefix"],
    fixedName: ["name"],
    namePrefix: ["namePrefix"],
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    terraformType: "aws_cloudwatch_metric_alarm",
    source: at("cloudwatch", "resourceMetricAlarm", "37a1dd7fa4c67a63b5002e5529adbae1335d0dbf"),
    forceNew: ["name"],
    fixedName: ["name"],
  },
  // PutDashboard overwrites a dashboard of the same name: a create-before-delete replacement would
  // write the new one, then delete it with the old one.
  "aws:cloudwatch/dashboard:Dashboard": {
    terraformType: "aws_cloudwatch_dashboard",
    source: at("cloudwatch", "resourceDashboard", C0),
    forceNew: ["dashboardName"],
    fixedName: ["dashboardName"],
    jsonInputs: ["dashboardBody"],
  },
  // RDS (internal/service/rds). `identifier` is not ForceNew in v6: a rename is a ModifyDBInstance.
  "aws:rds/instance:Instance": {
    terraformType: "aws_db_instance",
    source: at("rds", "resourceInstance", "3102a487ae6f5a78dad6bbc7a408f0a33fb812bd"),
    forceNew: [
      "availabilityZone",
      "backupTarget",
      "characterSetName",
      "customIamInstanceProfile",
      "dbName",
      "engine",
      "kmsKeyId",
      "ncharCharacterSetName",
      "restoreToPointInTime",
      "s3Import.bucketName",
      "s3Import.bucketPrefix",
      "s3Import.ingestionRole",
      "s3Import.sourceEngine",
      "s3Import.sourceEngineVersion",
      "snapshotIdentifier",
      "storageEncrypted",
      "timezone",
      "username",
    ],
    fixedName: ["identifier"],
    namePrefix: ["identifierPrefix"],
  },
  // Aurora (the foundation's further target `claims`, aurora-postgresql). `storageType` is ForceNew
  // only for non-Aurora engines (CustomizeDiff ForceNewIf), so it is not listed; `dbSubnetGroupName`
  // is ForceNew on a cluster and its instances, unlike on an RDS instance.
  "aws:rds/cluster:Cluster": {
    terraformType: "aws_rds_cluster",
    source: at("rds", "resourceCluster", "10e65062f0c1c3c9754a0814f6187218aad650b0"),
    forceNew: [
      "availabilityZones",
      "clusterIdentifier",
      "clusterIdentifierPrefix",
      "clusterScalabilityType",
      "databaseName",
      "dbSubnetGroupName",
      "dbSystemId",
      "engine",
      "engineMode",
      "kmsKeyId",
      "masterUsername",
      "restoreToPointInTime",
      "s3Import.bucketName",
      "s3Import.bucketPrefix",
      "s3Import.ingestionRole",
      "s3Import.sourceEngine",
      "s3Import.sourceEngineVersion",
      "snapshotIdentifier",
      "sourceRegion",
      "storageEncrypted",
    ],
    fixedName: ["clusterIdentifier"],
    namePrefix: ["clusterIdentifierPrefix"],
  },
  "aws:rds/clusterInstance:ClusterInstance": {
    terraformType: "aws_rds_cluster_instance",
    source: at("rds", "resourceClusterInstance", "3102a487ae6f5a78dad6bbc7a408f0a33fb812bd"),
    forceNew: [
      "availabilityZone",
      "clusterIdentifier",
      "customIamInstanceProfile",
      "dbSubnetGroupName",
      "engine",
      "identifier",
      "identifierPrefix",
    ],
    fixedName: ["identifier"],
    namePrefix: ["identifierPrefix"],
  },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": {
    terraformType: "aws_rds_cluster_parameter_group",
    source: at("rds", "resourceClusterParameterGroup", "4aeea4f5428cda18a9b23b8cff4238815722c4a0"),
    forceNew: ["description", "family", "name", "namePrefix"],
    fixedName: ["name"],
    namePrefix: ["namePrefix"],
  },
  "aws:rds/parameterGroup:ParameterGroup": {
    terraformType: "aws_db_parameter_group",
    source: at("rds", "resourceParameterGroup", "41d9264db5f2bb3182eecee7308b53ed24537c76"),
    forceNew: ["description", "family", "name", "namePrefix"],
    fixedName: ["name"],
    namePrefix: ["namePrefix"],
  },
  "aws:rds/subnetGroup:SubnetGroup": {
    terraformType: "aws_db_subnet_group",
    source: at("rds", "resourceSubnetGroup", "4aeea4f5428cda18a9b23b8cff4238815722c4a0"),
    forceNew: ["name", "namePrefix"],
    fixedName: ["name"],
    namePrefix: ["namePrefix"],
  },
  // Redshift (internal/service/redshift), read at the index's v6.58.0 commit. `encrypted` and
  // `kmsKeyId` are not ForceNew (ModifyCluster re-encrypts); `databaseName` neither.
  "aws:redshift/cluster:Cluster": {
    terraformType: "aws_redshift_cluster",
    source: at("redshift", "resourceCluster", C_REDSHIFT),
    forceNew: [
      "clusterIdentifier",
      "clusterSubnetGroupName",
      "masterUsername",
      "snapshotArn",
      "snapshotClusterIdentifier",
      "snapshotIdentifier",
    ],
    fixedName: ["clusterIdentifier"],
  },
  "aws:redshift/parameterGroup:ParameterGroup": {
    terraformType: "aws_redshift_parameter_group",
    source: at("redshift", "resourceParameterGroup", C_REDSHIFT),
    forceNew: ["description", "family", "name"],
    fixedName: ["name"],
  },
  "aws:redshift/subnetGroup:SubnetGroup": {
    terraformType: "aws_redshift_subnet_group",
    source: at("redshift", "resourceSubnetGroup", C_REDSHIFT),
    forceNew: ["name"],
    fixedName: ["name"],
  },
  // A Plugin Framework resource: cluster_identifier RequiresReplace (method.loggingResource.Schema).
  "aws:redshift/logging:Logging": {
    terraformType: "aws_redshift_logging",
    source: `${INDEX} index/internal/service/redshift/method.loggingResource.Schema.goindex @ ${C_REDSHIFT}`,
    forceNew: ["clusterIdentifier"],
  },
  // Redshift Serverless (internal/service/redshiftserverless), read at the index's v6.58.0 commit:
  // namespace_name and db_name are ForceNew, kms_key_id and admin_username are not (UpdateNamespace);
  // of the workgroup only workgroup_name and namespace_name (every other input is UpdateWorkgroup).
  "aws:redshiftserverless/namespace:Namespace": {
    terraformType: "aws_redshiftserverless_namespace",
    source: at("redshiftserverless", "resourceNamespace", C_REDSHIFT),
    forceNew: ["dbName", "namespaceName"],
    fixedName: ["namespaceName"],
  },
  "aws:redshiftserverless/workgroup:Workgroup": {
    terraformType: "aws_redshiftserverless_workgroup",
    source: at("redshiftserverless", "resourceWorkgroup", C_REDSHIFT),
    forceNew: ["namespaceName", "workgroupName"],
    fixedName: ["workgroupName"],
  },
  // Secrets Manager (internal/service/secretsmanager)
  "aws:secretsmanager/secret:Secret": {
    terraformType: "aws_secretsmanager_secret",
    source: at("secretsmanager", "resourceSecret", "41d9264db5f2bb3182eecee7308b53ed24537c76"),
    forceNew: ["name", "namePrefix"],
    fixedName: ["name"],
    namePrefix: ["namePrefix"],
    jsonInputs: ["policy"],
  },
  "aws:secretsmanager/secretVersion:SecretVersion": {
    terraformType: "aws_secretsmanager_secret_version",
    source: at("secretsmanager", "resourceSecretVersion", "4a1c9ebc3d5fc89d1f8e4150a7fded0b676d499c"),
    forceNew: ["secretBinary", "secretId", "secretString", "secretStringWoVersion"],
  },
  // SNS (internal/service/sns)
  "aws:sns/topic:Topic": {
    terraformType: "aws_sns_topic",
    // The schema is the package variable topicSchema (sns/topic.go), which func.resourceTopic uses.
    source: at("sns", "resourceTopic", "cb3a78f6ad56dcd67366a86729b46455b9618916"),
    forceNew: ["fifoTopic", "name", "namePrefix"],
    fixedName: ["name"],
    namePrefix: ["namePrefix"],
    jsonInputs: ["policy", "deliveryPolicy"],
  },
  "aws:sns/topicPolicy:TopicPolicy": {
    terraformType: "aws_sns_topic_policy",
    source: at("sns", "resourceTopicPolicy", "1425ec80ffee163f9c8b2b50ec4d04460c42984c"),
    forceNew: ["arn"],
    jsonInputs: ["policy"],
  },
  "aws:sns/topicSubscription:TopicSubscription": {
    terraformType: "aws_sns_topic_subscription",
    // The schema is the package variable subscriptionSchema (sns/topic_subscription.go).
    source: at("sns", "resourceTopicSubscription", "260ade63ad72f54655cc3714ce8abaf4f270ec0c"),
    forceNew: ["endpoint", "protocol", "topic"],
    jsonInputs: ["filterPolicy", "deliveryPolicy", "redrivePolicy"],
  },
  "aws:rds/optionGroup:OptionGroup": {
    terraformType: "aws_db_option_group",
    source: at("rds", "resourceOptionGroup", "2f6e22c42759323d69500964ed1d284e5f4dea97"),
    forceNew: ["engineName", "majorEngineVersion", "name", "namePrefix", "optionGroupDescription"],
    fixedName: ["name"],
    namePrefix: ["namePrefix"],
  },
  // DMS Schema Conversion: Plugin Framework resources, absent from the index; read in
  // hashicorp/terraform-provider-aws internal/service/dms/{instance_profile,data_provider,migration_project}.go
  // (v6.6x): no attribute has a RequiresReplace plan modifier, every change (the name too) is a
  // Modify* call, so a rename never meets the old resource.
  "aws:dms/instanceProfile:InstanceProfile": {
    terraformType: "aws_dms_instance_profile",
    source:
      "hashicorp/terraform-provider-aws internal/service/dms/instance_profile.go (instanceProfileResource.Schema)",
    forceNew: [],
  },
  "aws:dms/dataProvider:DataProvider": {
    terraformType: "aws_dms_data_provider",
    source: "hashicorp/terraform-provider-aws internal/service/dms/data_provider.go (dataProviderResource.Schema)",
    forceNew: [],
  },
  "aws:dms/migrationProject:MigrationProject": {
    terraformType: "aws_dms_migration_project",
    source:
      "hashicorp/terraform-provider-aws internal/service/dms/migration_project.go (migrationProjectResource.Schema)",
    forceNew: [],
  },
  // S3 (internal/service/s3)
  "aws:s3/bucket:Bucket": {
    terraformType: "aws_s3_bucket",
    source: at("s3", "resourceBucket", "4f930f62fd2a2df67ed58bc15a70f23554cc0fb2"),
    forceNew: ["bucket", "bucketPrefix", "objectLockEnabled"],
    fixedName: ["bucket"],
    namePrefix: ["bucketPrefix"],
    jsonInputs: ["policy"],
  },
  "aws:s3/bucketPolicy:BucketPolicy": {
    terraformType: "aws_s3_bucket_policy",
    source: at("s3", "resourceBucketPolicy", "1425ec80ffee163f9c8b2b50ec4d04460c42984c"),
    forceNew: ["bucket"],
    jsonInputs: ["policy"],
  },
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": {
    terraformType: "aws_s3_bucket_ownership_controls",
    source: at("s3", "resourceBucketOwnershipControls", "41d9264db5f2bb3182eecee7308b53ed24537c76"),
    forceNew: ["bucket"],
  },
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
    terraformType: "aws_s3_bucket_public_access_block",
    source: at("s3", "resourceBucketPublicAccessBlock", "37a1dd7fa4c67a63b5002e5529adbae1335d0dbf"),
    forceNew: ["bucket"],
  },
  "aws:s3/bucketVersioning:BucketVersioning": {
    terraformType: "aws_s3_bucket_versioning",
    // expected_bucket_owner is replaced by CustomizeDiff (d.ForceNew) unless it goes from unset
    // to the caller's own account.
    source: at("s3", "resourceBucketVersioning", "02dc4b5bf0f8997481cc79a5850b844452aeae9a"),
    forceNew: ["bucket", "expectedBucketOwner"],
  },
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
    terraformType: "aws_s3_bucket_server_side_encryption_configuration",
    // expected_bucket_owner: replaced by CustomizeDiff, as for BucketVersioning.
    source: at("s3", "resourceBucketServerSideEncryptionConfiguration", "02dc4b5bf0f8997481cc79a5850b844452aeae9a"),
    forceNew: ["bucket", "expectedBucketOwner"],
  },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
    terraformType: "aws_s3_bucket_lifecycle_configuration",
    // A Plugin Framework resource: RequiresReplace plan modifiers play the role of ForceNew.
    source: `${INDEX} index/internal/service/s3/method.bucketLifecycleConfigurationResource.Schema.goindex @ 02dc4b5bf0f8997481cc79a5850b844452aeae9a`,
    forceNew: ["bucket", "expectedBucketOwner"],
  },
  // CloudTrail (internal/service/cloudtrail)
  "aws:cloudtrail/trail:Trail": {
    terraformType: "aws_cloudtrail",
    source: at("cloudtrail", "resourceTrail", C0),
    forceNew: ["name"],
    fixedName: ["name"],
  },
  // VPC security group rules (Plugin Framework; one schema for both): only security_group_id has
  // RequiresReplace.
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
    terraformType: "aws_vpc_security_group_ingress_rule",
    source: `${INDEX} index/internal/service/ec2/method.securityGroupRuleResource.Schema.goindex @ 4aeea4f5428cda18a9b23b8cff4238815722c4a0`,
    forceNew: ["securityGroupId"],
  },
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
    terraformType: "aws_vpc_security_group_egress_rule",
    source: `${INDEX} index/internal/service/ec2/method.securityGroupRuleResource.Schema.goindex @ 4aeea4f5428cda18a9b23b8cff4238815722c4a0`,
    forceNew: ["securityGroupId"],
  },
  // hashicorp/terraform-provider-random internal/provider/resource_id.go: every argument has a
  // RequiresReplace plan modifier (not read from source here: the random provider is not indexed).
  "random:index/randomId:RandomId": {
    terraformType: "random_id",
    source: "hashicorp/terraform-provider-random internal/provider/resource_id.go (v3)",
    forceNew: ["byteLength", "keepers", "prefix"],
  },
  // hashicorp/terraform-provider-random internal/provider/resource_password.go: every argument has
  // a RequiresReplace plan modifier (a new password is a new resource).
  "random:index/randomPassword:RandomPassword": {
    terraformType: "random_password",
    source: "hashicorp/terraform-provider-random internal/provider/resource_password.go (v3)",
    forceNew: [
      "keepers",
      "length",
      "lower",
      "minLower",
      "minNumeric",
      "minSpecial",
      "minUpper",
      "number",
      "numeric",
      "overrideSpecial",
      "special",
      "upper",
    ],
  },
};

/** The provider's schema for a Pulumi resource type, if the table has it. */
export function providerSchemaOf(type: string): ProviderResourceSchema | undefined {
  return PROVIDER_SCHEMAS[type];
}

/**
 * Whether a change at `path` (a dotted Pulumi property path) forces replacement under `forceNew`:
 * the path is a ForceNew property, lies inside one, or contains one (a whole block changed).
 */
export function forcesReplacement(forceNew: readonly string[], path: string): boolean {
  return forceNew.some((f) => f === path || path.startsWith(`${f}.`) || f.startsWith(`${path}.`));
}
