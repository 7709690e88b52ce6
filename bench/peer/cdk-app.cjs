// The reference lab's dev migration written with AWS CDK, for `npm run bench -- --peer cdk`: the
// same resources our foundation and replication dev stacks build for it (private network with
// flow logs and VPC endpoints, RDS MySQL source and target with CDC parameters, generated
// secrets and a KMS key, the DMS account roles, replication subnet group and instance,
// endpoints reading the secrets through an access role, one full-load-and-CDC task with its
// latency alarms, log group, topic and event subscription), synthesised with cdk-nag's
// AwsSolutions pack applied. bench/run.mjs copies this file into a temporary directory where
// aws-cdk-lib, constructs and cdk-nag are installed (never a dependency of the workspaces) and
// runs it there; it prints one JSON line: the template's resource count and cdk-nag's findings
// (from the cloud assembly's validation-report.json, where cdk-nag 3 writes them).
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const cdk = require("aws-cdk-lib");
const { AwsSolutionsChecks } = require("cdk-nag");
const { aws_cloudwatch: cw, aws_cloudwatch_actions: cwActions, aws_dms: dms, aws_ec2: ec2 } = cdk;
const { aws_iam: iam, aws_kms: kms, aws_logs: logs, aws_rds: rds, aws_sns: sns } = cdk;

const outdir = process.argv[2] ?? join(__dirname, "cdk.out");
const app = new cdk.App({ outdir });
const stack = new cdk.Stack(app, "dev-dmslab-migration", { env: { account: "111122223333", region: "eu-west-1" } });
for (const [k, v] of Object.entries({
  Application: "dmslab",
  Environment: "dev",
  Owner: "platform-data",
  CostCenter: "cc-4410",
  DataClassification: "confidential",
})) {
  cdk.Tags.of(app).add(k, v);
}

const key = new kms.Key(stack, "Key", { enableKeyRotation: true, removalPolicy: cdk.RemovalPolicy.DESTROY });
key.grantEncryptDecrypt(new iam.ServicePrincipal("logs.eu-west-1.amazonaws.com"));

// Network: two private (isolated) subnets, no NAT, flow logs, endpoints for what DMS reaches.
const flowLogGroup = new logs.LogGroup(stack, "FlowLogs", {
  retention: logs.RetentionDays.ONE_MONTH,
  encryptionKey: key,
});
const vpc = new ec2.Vpc(stack, "Vpc", {
  ipAddresses: ec2.IpAddresses.cidr("10.20.0.0/16"),
  maxAzs: 2,
  natGateways: 0,
  subnetConfiguration: [{ name: "private", subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
  flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup) } },
});
for (const [id, service] of [
  ["SecretsManager", ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
  ["Kms", ec2.InterfaceVpcEndpointAwsService.KMS],
  ["Logs", ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS],
]) {
  vpc.addInterfaceEndpoint(id, { service, privateDnsEnabled: true });
}
vpc.addGatewayEndpoint("S3", { service: ec2.GatewayVpcEndpointAwsService.S3 });

const dmsSg = new ec2.SecurityGroup(stack, "DmsSg", { vpc, allowAllOutbound: false, description: "DMS replication" });
const dbSg = new ec2.SecurityGroup(stack, "DbSg", { vpc, allowAllOutbound: false, description: "lab databases" });
dbSg.addIngressRule(dmsSg, ec2.Port.tcp(3306), "MySQL from DMS");
dmsSg.addEgressRule(dbSg, ec2.Port.tcp(3306), "MySQL to the databases");
dmsSg.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), "VPC endpoints");

// Two RDS MySQL instances: the lab's source (CDC parameters) and target.
const engine = rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_39 });
const parameterGroup = new rds.ParameterGroup(stack, "CdcParameters", {
  engine,
  parameters: {
    binlog_format: "ROW",
    binlog_row_image: "FULL",
    binlog_checksum: "NONE",
    require_secure_transport: "ON",
  },
});
const database = (id, identifier) =>
  new rds.DatabaseInstance(stack, id, {
    engine,
    instanceIdentifier: identifier,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    securityGroups: [dbSg],
    credentials: rds.Credentials.fromGeneratedSecret("admin", { encryptionKey: key }),
    databaseName: "dmslab",
    storageEncrypted: true,
    storageEncryptionKey: key,
    parameterGroup,
    multiAz: false,
    backupRetention: cdk.Duration.days(1),
    deletionProtection: false,
    iamAuthentication: true,
    cloudwatchLogsExports: ["error", "general", "slowquery"],
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
const source = database("Source", "dev-dmslab-src");
const target = database("Target", "dev-dmslab-tgt");

// The account roles DMS looks up by name, and the endpoints' Secrets Manager access role.
const dmsService = new iam.ServicePrincipal("dms.amazonaws.com");
const vpcRole = new iam.Role(stack, "DmsVpcRole", {
  roleName: "dms-vpc-role",
  assumedBy: dmsService,
  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonDMSVPCManagementRole")],
});
new iam.Role(stack, "DmsLogsRole", {
  roleName: "dms-cloudwatch-logs-role",
  assumedBy: dmsService,
  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonDMSCloudWatchLogsRole")],
});
const secretsRole = new iam.Role(stack, "SecretsAccessRole", {
  assumedBy: new iam.ServicePrincipal("dms.eu-west-1.amazonaws.com"),
});
source.secret.grantRead(secretsRole);
target.secret.grantRead(secretsRole);

const subnetGroup = new dms.CfnReplicationSubnetGroup(stack, "SubnetGroup", {
  replicationSubnetGroupIdentifier: "dev-dmslab-subnets-dms",
  replicationSubnetGroupDescription: "dmslab replication subnets",
  subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId),
});
subnetGroup.node.addDependency(vpcRole);
const instance = new dms.CfnReplicationInstance(stack, "Instance", {
  replicationInstanceIdentifier: "dev-dmslab-replication-dms",
  replicationInstanceClass: "dms.t3.medium",
  allocatedStorage: 50,
  publiclyAccessible: false,
  multiAz: false,
  autoMinorVersionUpgrade: true,
  kmsKeyId: key.keyArn,
  replicationSubnetGroupIdentifier: subnetGroup.ref,
  vpcSecurityGroupIds: [dmsSg.securityGroupId],
});
const endpoint = (id, type, db) =>
  new dms.CfnEndpoint(stack, id, {
    endpointType: type,
    engineName: "mysql",
    databaseName: type === "source" ? undefined : "dmslab",
    sslMode: "require",
    kmsKeyId: key.keyArn,
    mySqlSettings: { secretsManagerSecretId: db.secret.secretArn, secretsManagerAccessRoleArn: secretsRole.roleArn },
  });
const sourceEndpoint = endpoint("SourceEndpoint", "source", source);
const targetEndpoint = endpoint("TargetEndpoint", "target", target);

new logs.LogGroup(stack, "TaskLogs", {
  logGroupName: "dms-tasks-dev-dmslab-replication-dms",
  retention: logs.RetentionDays.ONE_MONTH,
  encryptionKey: key,
  removalPolicy: cdk.RemovalPolicy.DESTROY,
});
const task = new dms.CfnReplicationTask(stack, "Task", {
  replicationTaskIdentifier: "dev-dmslab-customers-dms",
  migrationType: "full-load-and-cdc",
  replicationInstanceArn: instance.ref,
  sourceEndpointArn: sourceEndpoint.ref,
  targetEndpointArn: targetEndpoint.ref,
  tableMappings: JSON.stringify({
    rules: [
      {
        "rule-type": "selection",
        "rule-id": "1",
        "rule-name": "1",
        "object-locator": { "schema-name": "dmslab", "table-name": "customers" },
        "rule-action": "include",
      },
    ],
  }),
  replicationTaskSettings: JSON.stringify({
    Logging: { EnableLogging: true },
    FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" },
  }),
});

// Alarms on the task's CDC latency, to a KMS-encrypted topic, and DMS events to the same topic.
const topic = new sns.Topic(stack, "Alerts", { masterKey: key, enforceSSL: true });
new sns.Subscription(stack, "AlertEmail", {
  topic,
  protocol: sns.SubscriptionProtocol.EMAIL,
  endpoint: "dms-alerts-dev@example.com",
});
for (const metricName of ["CDCLatencySource", "CDCLatencyTarget"]) {
  const alarm = new cw.Alarm(stack, metricName, {
    metric: new cw.Metric({
      namespace: "AWS/DMS",
      metricName,
      dimensionsMap: {
        ReplicationInstanceIdentifier: "dev-dmslab-replication-dms",
        ReplicationTaskIdentifier: task.ref,
      },
      statistic: "Maximum",
      period: cdk.Duration.minutes(1),
    }),
    threshold: 300,
    evaluationPeriods: 5,
    treatMissingData: cw.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new cwActions.SnsAction(topic));
}
new dms.CfnEventSubscription(stack, "TaskEvents", {
  snsTopicArn: topic.topicArn,
  sourceType: "replication-task",
  eventCategories: ["failure", "state change"],
  enabled: true,
});

cdk.Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
// With errors among its findings, cdk-nag fails the synthesis (as `cdk synth` would) after writing
// the template and validation-report.json: the figure is the whole check either way.
let refused = false;
try {
  app.synth();
} catch (error) {
  if (!/Validation failed/.test(String(error?.message))) throw error;
  refused = true;
}

const template = JSON.parse(readFileSync(join(outdir, `${stack.artifactId}.template.json`), "utf8"));
const report = JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8"));
/** Findings by severity: one per rule and construct it flags. */
const findings = {};
for (const plugin of report.pluginReports ?? []) {
  for (const v of plugin.violations ?? []) {
    findings[v.severity] = (findings[v.severity] ?? 0) + (v.violatingConstructs?.length ?? 1);
  }
}
process.stdout.write(
  `${JSON.stringify({
    resources: Object.keys(template.Resources ?? {}).length,
    nag: { refused, findings },
    versions: Object.fromEntries(
      ["aws-cdk-lib", "constructs", "cdk-nag"].map((p) => [p, require(`${p}/package.json`).version]),
    ),
  })}\n`,
);
