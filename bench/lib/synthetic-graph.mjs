// A synthetic ResourceGraph of any size, shaped like what our stacks build in prod: migration
// "units" of a network (VPC, subnets, flow log and its log group and key, endpoint security
// group), a target database (key, security group and ingress rule, parameter and subnet groups,
// RDS instance, secret, log group) and DMS replication (subnet group, security group, instance,
// two endpoints, three tasks with their alarms, task log group, topic, event subscription, role),
// under components, with the required tags and the default aws provider (defaultTags as the JSON
// string the CLI passes). Every tenth unit has a short log retention and an RDS instance without
// deletion protection, so violations are reported as well as passed.

const REGION = "eu-west-1";
const ACCOUNT = "123456789012";
const TAGS = {
  Application: "dmslab",
  Environment: "prod",
  Owner: "platform-data",
  CostCenter: "cc-4410",
  DataClassification: "confidential",
};
const TASK_SETTINGS = JSON.stringify({
  FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" },
  Logging: {
    EnableLogging: true,
    LogComponents: ["SOURCE_UNLOAD", "SOURCE_CAPTURE", "TARGET_LOAD", "TARGET_APPLY", "TASK_MANAGER"].map((Id) => ({
      Id,
      Severity: "LOGGER_SEVERITY_DEFAULT",
    })),
  },
  TargetMetadata: { FullLobMode: false, LimitedSizeLobMode: true, LobMaxSize: 32, SupportLobs: true },
  ValidationSettings: { EnableValidation: true },
});

/**
 * @param {number} count resources in the graph, the stack included
 * @param {{ project?: string, stack?: string }} [opts]
 */
export function syntheticGraph(count, opts = {}) {
  const project = opts.project ?? "dms-platform-bench";
  const stack = opts.stack ?? "prod";
  const providerUrn = `urn:pulumi:${stack}::${project}::pulumi:providers:aws::default_7_48_0`;
  const providerRef = `${providerUrn}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`;
  const stackUrn = `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
  const resources = [
    {
      urn: stackUrn,
      type: "pulumi:pulumi:Stack",
      name: `${project}-${stack}`,
      custom: false,
      inputs: {},
      outputs: {},
      dependencies: [],
      propertyDependencies: {},
      options: baseOptions(),
    },
  ];

  const add = (type, name, parent, inputs, extra = {}) => {
    const custom = !type.startsWith("dms-platform:");
    const parentType = parent === stackUrn ? undefined : parent.split("::")[2];
    const urn = `urn:pulumi:${stack}::${project}::${parentType ? `${parentType}$` : ""}${type}::${name}`;
    const tagged = custom && type.startsWith("aws:") ? { ...inputs, tags: { ...TAGS, Name: name } } : inputs;
    resources.push({
      urn,
      type,
      name,
      custom,
      parent,
      inputs: tagged,
      ...(custom ? { id: `${name}-id` } : {}),
      outputs: {},
      dependencies: extra.dependencies ?? [],
      propertyDependencies: extra.propertyDependencies ?? {},
      options: { ...baseOptions(), ...(custom ? { provider: providerRef } : {}) },
    });
    return urn;
  };

  for (let u = 0; resources.length < count; u++) {
    const p = `prod-m${u}`;
    const keyArn = (k) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${k}-${u}`;
    const degraded = u % 10 === 9;

    const net = add("dms-platform:network:MigrationNetwork", `net-${u}`, stackUrn, {});
    const vpc = add("aws:ec2/vpc:Vpc", `net-${u}-vpc`, net, {
      cidrBlock: "10.40.0.0/16",
      enableDnsHostnames: true,
      enableDnsSupport: true,
    });
    for (const az of ["a", "b"]) {
      add(
        "aws:ec2/subnet:Subnet",
        `net-${u}-private-${az}`,
        vpc,
        {
          availabilityZone: `${REGION}${az}`,
          cidrBlock: "10.40.0.0/18",
          mapPublicIpOnLaunch: false,
          vpcId: `vpc-${u}`,
        },
        { dependencies: [vpc], propertyDependencies: { vpcId: [vpc] } },
      );
    }
    const netKey = add("aws:kms/key:Key", `net-${u}-key`, net, {
      deletionWindowInDays: 30,
      description: `${p} network key`,
      enableKeyRotation: true,
    });
    add(
      "aws:cloudwatch/logGroup:LogGroup",
      `net-${u}-flow-logs`,
      net,
      { kmsKeyId: keyArn("net"), name: `${p}-vpc-flow-logs`, retentionInDays: degraded ? 30 : 365 },
      { dependencies: [netKey], propertyDependencies: { kmsKeyId: [netKey] } },
    );
    add(
      "aws:ec2/flowLog:FlowLog",
      `net-${u}-flow-log`,
      net,
      {
        logDestination: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${p}-vpc-flow-logs`,
        logDestinationType: "cloud-watch-logs",
        maxAggregationInterval: 60,
        trafficType: "ALL",
        vpcId: `vpc-${u}`,
      },
      { dependencies: [vpc], propertyDependencies: { vpcId: [vpc] } },
    );
    add(
      "aws:ec2/securityGroup:SecurityGroup",
      `net-${u}-endpoints-sg`,
      net,
      {
        description: "VPC interface endpoints: HTTPS from the VPC range only",
        name: `${p}-endpoints`,
        vpcId: `vpc-${u}`,
      },
      { dependencies: [vpc], propertyDependencies: { vpcId: [vpc] } },
    );

    const db = add("dms-platform:database:MigrationDatabase", `tgt-${u}`, stackUrn, {});
    const dbKey = add("aws:kms/key:Key", `tgt-${u}-key`, db, {
      deletionWindowInDays: 30,
      description: `${p} target key`,
      enableKeyRotation: true,
    });
    const dbSg = add(
      "aws:ec2/securityGroup:SecurityGroup",
      `tgt-${u}-sg`,
      db,
      { description: "target database", name: `${p}-tgt`, vpcId: `vpc-${u}` },
      { dependencies: [vpc] },
    );
    add(
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      `tgt-${u}-from-dms`,
      db,
      {
        description: "MySQL from DMS",
        fromPort: 3306,
        ipProtocol: "tcp",
        referencedSecurityGroupId: `sg-dms-${u}`,
        securityGroupId: `sg-tgt-${u}`,
        toPort: 3306,
      },
      { dependencies: [dbSg] },
    );
    add("aws:rds/parameterGroup:ParameterGroup", `tgt-${u}-params`, db, {
      description: `${p}-tgt: TLS forced`,
      family: "mysql8.0",
      name: `${p}-tgt-mysql8-0`,
      parameters: [{ applyMethod: "immediate", name: "require_secure_transport", value: "1" }],
    });
    add("aws:rds/subnetGroup:SubnetGroup", `tgt-${u}-subnets`, db, {
      description: `${p}-tgt private subnets`,
      name: `${p}-tgt`,
      subnetIds: [`subnet-a-${u}`, `subnet-b-${u}`],
    });
    add(
      "aws:rds/instance:Instance",
      `tgt-${u}-instance`,
      db,
      {
        allocatedStorage: 200,
        autoMinorVersionUpgrade: true,
        backupRetentionPeriod: 35,
        caCertIdentifier: "rds-ca-rsa2048-g1",
        copyTagsToSnapshot: true,
        dbName: "dmslab",
        dbSubnetGroupName: `${p}-tgt`,
        deletionProtection: !degraded,
        enabledCloudwatchLogsExports: ["error", "general", "slowquery"],
        engine: "mysql",
        engineVersion: "8.0.39",
        finalSnapshotIdentifier: `${p}-tgt-final`,
        iamDatabaseAuthenticationEnabled: true,
        identifier: `${p}-tgt`,
        instanceClass: "db.r6g.large",
        kmsKeyId: keyArn("tgt"),
        multiAz: true,
        parameterGroupName: `${p}-tgt-mysql8-0`,
        password: "[secret]",
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: keyArn("tgt"),
        port: 3306,
        publiclyAccessible: false,
        skipFinalSnapshot: false,
        storageEncrypted: true,
        storageType: "gp3",
        username: "dbadmin",
        vpcSecurityGroupIds: [`sg-tgt-${u}`],
      },
      { dependencies: [dbKey, dbSg], propertyDependencies: { kmsKeyId: [dbKey], vpcSecurityGroupIds: [dbSg] } },
    );
    add("aws:secretsmanager/secret:Secret", `tgt-${u}-master-secret`, db, {
      description: `${p}-tgt master credentials`,
      kmsKeyId: keyArn("tgt"),
      name: `${p}-tgt-master`,
      recoveryWindowInDays: 30,
    });
    add("aws:cloudwatch/logGroup:LogGroup", `tgt-${u}-log-error`, db, {
      kmsKeyId: keyArn("net"),
      name: `/aws/rds/instance/${p}-tgt/error`,
      retentionInDays: 365,
    });

    const dms = add("dms-platform:dms:DmsReplication", `repl-${u}`, stackUrn, {});
    add("aws:dms/replicationSubnetGroup:ReplicationSubnetGroup", `repl-${u}-subnets`, dms, {
      replicationSubnetGroupDescription: `DMS replication subnets (${p})`,
      replicationSubnetGroupId: `${p}-replication-dms`,
      subnetIds: [`subnet-a-${u}`, `subnet-b-${u}`],
    });
    add("aws:ec2/securityGroup:SecurityGroup", `repl-${u}-sg`, dms, {
      description: "DMS replication instance",
      name: `${p}-dms`,
      vpcId: `vpc-${u}`,
    });
    add("aws:dms/replicationInstance:ReplicationInstance", `repl-${u}-instance`, dms, {
      allocatedStorage: 200,
      applyImmediately: true,
      autoMinorVersionUpgrade: true,
      kmsKeyArn: keyArn("net"),
      multiAz: true,
      publiclyAccessible: false,
      replicationInstanceClass: "dms.r5.large",
      replicationInstanceId: `${p}-replication-dms`,
      replicationSubnetGroupId: `${p}-replication-dms`,
      vpcSecurityGroupIds: [`sg-dms-${u}`],
    });
    for (const side of ["src", "tgt"]) {
      add("aws:dms/endpoint:Endpoint", `repl-${u}-${side}`, dms, {
        databaseName: "dmslab",
        endpointId: `${p}-${side}-dms`,
        endpointType: side === "src" ? "source" : "target",
        engineName: "mysql",
        kmsKeyArn: keyArn("net"),
        secretsManagerAccessRoleArn: `arn:aws:iam::${ACCOUNT}:role/${p}-dms-${side}-secret`,
        secretsManagerArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${p}-${side}-master-abc123`,
        sslMode: "verify-full",
        certificateArn: `arn:aws:dms:${REGION}:${ACCOUNT}:cert:RDSCA`,
      });
    }
    add("aws:cloudwatch/logGroup:LogGroup", `repl-${u}-task-logs`, dms, {
      kmsKeyId: keyArn("net"),
      name: `dms-tasks-${p}-replication-dms`,
      retentionInDays: degraded ? 30 : 365,
    });
    add("aws:sns/topic:Topic", `repl-${u}-alarms`, dms, { kmsMasterKeyId: keyArn("net"), name: `${p}-dms-alarms` });
    for (let t = 0; t < 3; t++) {
      const task = `${p}-t${t}-dms`;
      add("aws:dms/replicationTask:ReplicationTask", `repl-${u}-t${t}`, dms, {
        migrationType: "full-load-and-cdc",
        replicationInstanceArn: `arn:aws:dms:${REGION}:${ACCOUNT}:rep:R${u}`,
        replicationTaskId: task,
        replicationTaskSettings: TASK_SETTINGS,
        sourceEndpointArn: `arn:aws:dms:${REGION}:${ACCOUNT}:endpoint:S${u}`,
        startReplicationTask: true,
        tableMappings: JSON.stringify({
          rules: [
            {
              "object-locator": { "schema-name": "dmslab", "table-name": `t${u}_${t}` },
              "rule-action": "include",
              "rule-id": "1",
              "rule-name": "1",
              "rule-type": "selection",
            },
          ],
        }),
        targetEndpointArn: `arn:aws:dms:${REGION}:${ACCOUNT}:endpoint:T${u}`,
      });
      add("aws:cloudwatch/metricAlarm:MetricAlarm", `repl-${u}-t${t}-latency`, dms, {
        alarmActions: [`arn:aws:sns:${REGION}:${ACCOUNT}:${p}-dms-alarms`],
        alarmDescription: "CDC target latency above 5 minutes",
        comparisonOperator: "GreaterThanThreshold",
        dimensions: { ReplicationInstanceIdentifier: `${p}-replication-dms`, ReplicationTaskIdentifier: task },
        evaluationPeriods: 5,
        metricName: "CDCLatencyTarget",
        name: `${p}-t${t}-latency`,
        namespace: "AWS/DMS",
        okActions: [`arn:aws:sns:${REGION}:${ACCOUNT}:${p}-dms-alarms`],
        period: 60,
        statistic: "Maximum",
        threshold: 300,
        treatMissingData: "notBreaching",
      });
    }
    add("aws:dms/eventSubscription:EventSubscription", `repl-${u}-task-events`, dms, {
      enabled: true,
      eventCategories: ["failure", "state change"],
      name: `${p}-task-events-dms`,
      snsTopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${p}-dms-alarms`,
      sourceIds: [0, 1, 2].map((t) => `${p}-t${t}-dms`),
      sourceType: "replication-task",
    });
    add("aws:iam/role:Role", `repl-${u}-src-secret-role`, dms, {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: `dms.${REGION}.amazonaws.com` }, Action: "sts:AssumeRole" },
        ],
      }),
      name: `${p}-dms-src-secret`,
    });
  }
  resources.length = count;

  return {
    project,
    stack,
    resources,
    providers: [
      {
        urn: providerUrn,
        type: "pulumi:providers:aws",
        name: "default_7_48_0",
        inputs: {
          region: REGION,
          defaultTags: JSON.stringify({ tags: TAGS }),
          version: "7.48.0",
        },
        isDefault: true,
      },
    ],
    outputs: {},
    diagnostics: [],
  };
}

function baseOptions() {
  return {
    protect: false,
    retainOnDelete: false,
    ignoreChanges: [],
    replaceOnChanges: [],
    additionalSecretOutputs: [],
    aliases: [],
  };
}
