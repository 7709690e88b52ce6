// A program of raw @pulumi/aws resources (not our components), run offline and judged under the
// prod policy config: a compliant program draws no violation, and adding one resource breaking
// each control draws exactly one violation per control, on that resource. One control is about an
// absence (cloudtrail-trail-present: no multi-region trail audits the stack), so the violating
// program swaps the compliant trail for a single-region one and that violation is the stack's.
import assert from "node:assert/strict";
import { join } from "node:path";
import { ENVIRONMENTS } from "@dms-platform/config";
import {
  AnalyzerSession,
  evaluatePolicies,
  evaluatePoliciesGrpc,
  type ResourceGraph,
  runProgram,
  type Violation,
} from "@dms-platform/offline";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { loadPolicyConfig, policies } from "./rules.js";
import { PROD_TAGS } from "./testing/harness.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ROLE = "arn:aws:iam::123456789012:role/prod-orders-dms-secrets";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/src-AbCdEf";
const TASK_SETTINGS = JSON.stringify({
  Logging: {
    EnableLogging: true,
    LogComponents: ["SOURCE_CAPTURE", "SOURCE_UNLOAD", "TARGET_APPLY", "TARGET_LOAD"].map((Id) => ({
      Id,
      Severity: "LOGGER_SEVERITY_DEFAULT",
    })),
  },
});
const SELECTION = {
  "rule-type": "selection",
  "rule-id": "1",
  "rule-name": "1",
  "object-locator": { "schema-name": "dmslab", "table-name": "customers" },
  "rule-action": "include",
};
const MAPPINGS = JSON.stringify({ rules: [SELECTION] });

function dmsInstance(name: string, overrides: Partial<aws.dms.ReplicationInstanceArgs> = {}) {
  return new aws.dms.ReplicationInstance(name, {
    replicationInstanceId: `prod-orders-${name}-dms`,
    replicationInstanceClass: "dms.r5.large",
    publiclyAccessible: false,
    kmsKeyArn: KEY,
    multiAz: true,
    autoMinorVersionUpgrade: true,
    ...overrides,
  });
}

/** A Redshift warehouse, compliant unless overridden; `logged: false` leaves out its audit logging. */
function warehouse(
  name: string,
  parameterGroup: aws.redshift.ParameterGroup,
  overrides: Partial<aws.redshift.ClusterArgs> = {},
  logged = true,
) {
  const cluster = new aws.redshift.Cluster(name, {
    clusterIdentifier: `prod-orders-${name}`,
    nodeType: "ra3.xlplus",
    masterUsername: "dmsadmin",
    manageMasterPassword: true,
    encrypted: "true",
    kmsKeyId: KEY,
    publiclyAccessible: false,
    enhancedVpcRouting: true,
    automatedSnapshotRetentionPeriod: 35,
    clusterParameterGroupName: parameterGroup.name,
    ...overrides,
  });
  if (logged) {
    new aws.redshift.Logging(`${name}-logging`, {
      clusterIdentifier: cluster.clusterIdentifier,
      logDestinationType: "cloudwatch",
      logExports: ["connectionlog", "useractivitylog", "userlog"],
    });
  }
  return cluster;
}

function dbEndpoint(name: string, overrides: Partial<aws.dms.EndpointArgs> = {}) {
  return new aws.dms.Endpoint(name, {
    endpointId: `prod-orders-${name}-dms`,
    endpointType: "source",
    engineName: "mysql",
    sslMode: "verify-full",
    secretsManagerArn: SECRET,
    secretsManagerAccessRoleArn: ROLE,
    kmsKeyArn: KEY,
    ...overrides,
  });
}

function task(
  name: string,
  instance: aws.dms.ReplicationInstance,
  overrides: Partial<aws.dms.ReplicationTaskArgs> = {},
) {
  const source = dbEndpoint(`${name}-src`);
  const target = dbEndpoint(`${name}-tgt`, { endpointType: "target" });
  return new aws.dms.ReplicationTask(name, {
    replicationTaskId: `prod-orders-${name}-dms`,
    migrationType: "full-load-and-cdc",
    replicationInstanceArn: instance.replicationInstanceArn,
    sourceEndpointArn: source.endpointArn,
    targetEndpointArn: target.endpointArn,
    tableMappings: MAPPINGS,
    replicationTaskSettings: TASK_SETTINGS,
    ...overrides,
  });
}

function database(name: string, parameterGroup: aws.rds.ParameterGroup, overrides: Partial<aws.rds.InstanceArgs> = {}) {
  return new aws.rds.Instance(
    name,
    {
      identifier: `prod-orders-${name}`,
      engine: "mysql",
      engineVersion: "8.0",
      instanceClass: "db.r6g.large",
      allocatedStorage: 100,
      storageEncrypted: true,
      kmsKeyId: KEY,
      publiclyAccessible: false,
      backupRetentionPeriod: 35,
      deletionProtection: true,
      multiAz: true,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ["error", "slowquery"],
      parameterGroupName: parameterGroup.name,
      copyTagsToSnapshot: true,
      manageMasterUserPassword: true,
      username: "admin",
      ...overrides,
    },
    { protect: true },
  );
}

const ADMIN_STATEMENT = { Effect: "Allow", Action: "*", Resource: "*" };

/** The compliant baseline; `violations` adds one resource breaking each control. */
/** A bucket's default encryption with a customer managed key and, unless `tls` is false, its TLS-only policy. */
function kmsAndTls(bucket: aws.s3.Bucket, name: string, options: { tls?: boolean; sseAlgorithm?: string } = {}) {
  new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
    bucket: bucket.id,
    rules: [
      {
        applyServerSideEncryptionByDefault: {
          sseAlgorithm: options.sseAlgorithm ?? "aws:kms",
          ...(options.sseAlgorithm ? {} : { kmsMasterKeyId: KEY }),
        },
      },
    ],
  });
  if (options.tls === false) return;
  new aws.s3.BucketPolicy(`${name}-policy`, {
    bucket: bucket.id,
    policy: bucket.arn.apply((arn) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [arn, `${arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    ),
  });
}

function program(violations: boolean) {
  return () => {
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true });
    new aws.ec2.DefaultSecurityGroup("vpc-default-sg", { vpcId: vpc.id, ingress: [], egress: [] });
    const flowLogGroup = new aws.cloudwatch.LogGroup("flow-logs", { retentionInDays: 365, kmsKeyId: KEY });
    new aws.ec2.FlowLog("vpc-flow-log", {
      vpcId: vpc.id,
      trafficType: "ALL",
      logDestination: flowLogGroup.arn,
      iamRoleArn: "arn:aws:iam::123456789012:role/prod-orders-flow-logs",
    });
    const subnets = ["a", "b"].map(
      (az, i) =>
        new aws.ec2.Subnet(`private-${az}`, {
          vpcId: vpc.id,
          cidrBlock: `10.0.${i}.0/24`,
          availabilityZone: `eu-west-1${az}`,
        }),
    );
    const dmsSg = new aws.ec2.SecurityGroup("dms-sg", {
      vpcId: vpc.id,
      egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    new aws.ec2.SecurityGroup("db-sg", {
      vpcId: vpc.id,
      ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, securityGroups: [dmsSg.id] }],
    });
    const key = new aws.kms.Key("key", { enableKeyRotation: true, deletionWindowInDays: 30 }, { protect: true });
    const secret = new aws.secretsmanager.Secret("src-credentials", { name: "prod/orders/src", kmsKeyId: key.arn });
    new aws.secretsmanager.SecretRotation("src-credentials-rotation", {
      secretId: secret.id,
      rotationRules: { automaticallyAfterDays: 30 },
    });
    const topic = new aws.sns.Topic("alerts", { kmsMasterKeyId: key.arn });
    new aws.cloudwatch.MetricAlarm("cdc-latency", {
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 5,
      metricName: "CDCLatencyTarget",
      namespace: "AWS/DMS",
      period: 60,
      statistic: "Average",
      threshold: 120,
      alarmActions: [topic.arn],
    });
    new aws.dms.ReplicationSubnetGroup("subnets", {
      replicationSubnetGroupId: "prod-orders-subnets-dms",
      replicationSubnetGroupDescription: "orders migration",
      subnetIds: subnets.map((s) => s.id),
    });
    const instance = dmsInstance("main");
    const main = task("main", instance);
    new aws.dms.S3Endpoint("landing", {
      endpointId: "prod-orders-landing-dms",
      endpointType: "target",
      bucketName: "prod-orders-landing",
      serviceAccessRoleArn: ROLE,
      expectedBucketOwner: "123456789012",
      sslMode: "require",
      encryptionMode: "SSE_KMS",
      serverSideEncryptionKmsKeyId: KEY,
    });
    const watched = [main.replicationTaskId];
    const params = new aws.rds.ParameterGroup("mysql-params", {
      family: "mysql8.0",
      parameters: [
        { name: "require_secure_transport", value: "1" },
        { name: "binlog_format", value: "ROW" },
      ],
    });
    database("target", params);
    const dwhParams = new aws.redshift.ParameterGroup("dwh-params", {
      name: "prod-orders-dwh-params",
      family: "redshift-2.0",
      parameters: [{ name: "require_ssl", value: "true" }],
    });
    warehouse("dwh", dwhParams);
    // A Redshift Serverless warehouse judged by the same Redshift policies: compliant.
    const namespace = new aws.redshiftserverless.Namespace("serverless-dwh", {
      namespaceName: "prod-orders-serverless-dwh",
      dbName: "analytics",
      adminUsername: "dmsadmin",
      manageAdminPassword: true,
      kmsKeyId: KEY,
      logExports: ["connectionlog", "useractivitylog", "userlog"],
    });
    new aws.redshiftserverless.Workgroup("serverless-dwh-wg", {
      workgroupName: "prod-orders-serverless-dwh",
      namespaceName: namespace.namespaceName,
      baseCapacity: 32,
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }],
    });
    const role = new aws.iam.Role("dms-secrets", {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "dms.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });
    new aws.iam.RolePolicy("dms-secrets-read", {
      role: role.name,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET }],
      }),
    });
    new aws.iam.RolePolicyAttachment("dms-vpc", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonDMSVPCManagementRole",
    });
    // Audit: a private bucket and (in the compliant program) a multi-region, validated, encrypted trail.
    const trailLogs = new aws.s3.Bucket(
      "trail-logs",
      { bucket: "prod-orders-audit-trail-123456789012" },
      { protect: true },
    );
    new aws.s3.BucketPublicAccessBlock("trail-logs-pab", {
      bucket: trailLogs.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    kmsAndTls(trailLogs, "trail-logs");
    if (!violations) {
      new aws.cloudtrail.Trail("audit", {
        s3BucketName: trailLogs.id,
        isMultiRegionTrail: true,
        enableLogFileValidation: true,
        kmsKeyId: key.arn,
      });
    }

    if (violations) {
      // DMS
      dmsInstance("public", { publiclyAccessible: undefined });
      dmsInstance("aws-key", { kmsKeyArn: undefined });
      dmsInstance("single-az", { multiAz: false });
      dmsInstance("no-upgrade", { autoMinorVersionUpgrade: false });
      dbEndpoint("plaintext", { sslMode: "none" });
      dbEndpoint("password", {
        secretsManagerArn: undefined,
        secretsManagerAccessRoleArn: undefined,
        username: "admin",
        password: "hunter2",
        serverName: "db.internal",
        port: 3306,
      });
      new aws.dms.S3Endpoint("sse-s3", {
        endpointId: "prod-orders-sse-s3-dms",
        endpointType: "target",
        bucketName: "prod-orders-sse-s3",
        serviceAccessRoleArn: ROLE,
        expectedBucketOwner: "123456789012",
        sslMode: "require",
      });
      new aws.dms.S3Endpoint("plain-s3", {
        endpointId: "prod-orders-plain-s3-dms",
        endpointType: "target",
        bucketName: "prod-orders-plain-s3",
        serviceAccessRoleArn: ROLE,
        expectedBucketOwner: "123456789012",
        encryptionMode: "SSE_KMS",
        serverSideEncryptionKmsKeyId: KEY,
      });
      new aws.dms.S3Endpoint("no-owner-s3", {
        endpointId: "prod-orders-no-owner-s3-dms",
        endpointType: "target",
        bucketName: "prod-orders-no-owner",
        serviceAccessRoleArn: ROLE,
        sslMode: "require",
        encryptionMode: "SSE_KMS",
        serverSideEncryptionKmsKeyId: KEY,
      });
      // A data lake whose bucket takes plain HTTP, written through a role any DMS customer could use.
      const lake = new aws.s3.Bucket("lake-no-tls", { bucket: "prod-orders-lake-123456789012" });
      kmsAndTls(lake, "lake-no-tls", { tls: false });
      new aws.s3.BucketPublicAccessBlock("lake-no-tls-pab", {
        bucket: lake.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      const lakeRole = new aws.iam.Role("unconditioned-dms-role", {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "dms.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
      });
      new aws.dms.S3Endpoint("lake-s3", {
        endpointId: "prod-orders-lake-dms",
        endpointType: "target",
        bucketName: lake.bucket,
        serviceAccessRoleArn: lakeRole.arn,
        expectedBucketOwner: "123456789012",
        sslMode: "require",
        encryptionMode: "SSE_KMS",
        serverSideEncryptionKmsKeyId: KEY,
      });
      dbEndpoint("aws-key-endpoint", { kmsKeyArn: undefined });
      dbEndpoint("neptune", { engineName: "neptune", endpointType: "target", sslMode: undefined });
      dbEndpoint("mongodb-no-auth", { engineName: "mongodb", mongodbSettings: { authType: "no" } });
      dbEndpoint("redis-plaintext", {
        engineName: "redis",
        endpointType: "target",
        sslMode: undefined,
        redisSettings: { authType: "none", port: 6379, serverName: "cache.internal", sslSecurityProtocol: "plaintext" },
      });
      const silent = task("silent", instance, { replicationTaskSettings: undefined });
      watched.push(silent.replicationTaskId);
      task("unwatched", instance);
      const invalid = task("invalid", instance, {
        tableMappings: JSON.stringify({ rules: [{ ...SELECTION, "rule-action": "keep" }] }),
      });
      watched.push(invalid.replicationTaskId);
      // RDS
      database("public-db", params, { publiclyAccessible: true });
      database("plain-db", params, { storageEncrypted: false, kmsKeyId: undefined });
      database("short-backup-db", params, { backupRetentionPeriod: 7 });
      database("unprotected-db", params, { deletionProtection: false });
      database("single-az-db", params, { multiAz: false });
      database("password-auth-db", params, { iamDatabaseAuthenticationEnabled: false });
      database("no-upgrade-db", params, { autoMinorVersionUpgrade: false });
      database("no-logs-db", params, { enabledCloudwatchLogsExports: [] });
      database("pi-aws-key-db", params, { performanceInsightsEnabled: true });
      database("default-params-db", params, { parameterGroupName: undefined });
      database("no-copy-tags-db", params, { copyTagsToSnapshot: false });
      database("no-final-snapshot-db", params, { skipFinalSnapshot: true });
      // A database declared where the pack cannot read it: a CloudFormation template.
      new aws.cloudformation.Stack("cfn-db", {
        name: "prod-orders-cfn-db",
        templateBody: JSON.stringify({ Resources: { Db: { Type: "AWS::RDS::DBInstance", Properties: {} } } }),
      });
      // Redshift
      warehouse("public-dwh", dwhParams, { publiclyAccessible: true });
      warehouse("aws-key-dwh", dwhParams, { kmsKeyId: undefined });
      warehouse("default-params-dwh", dwhParams, { clusterParameterGroupName: undefined });
      warehouse("no-snapshots-dwh", dwhParams, { automatedSnapshotRetentionPeriod: 0 });
      warehouse("unlogged-dwh", dwhParams, {}, false);
      warehouse("internet-route-dwh", dwhParams, { enhancedVpcRouting: false });
      warehouse("awsuser-dwh", dwhParams, { masterUsername: "awsuser" });
      // Network
      new aws.ec2.SecurityGroup("open-sg", {
        vpcId: vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] }],
      });
      const openEgress = new aws.ec2.SecurityGroup("open-egress-sg", {
        vpcId: vpc.id,
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
      });
      dmsInstance("open-egress", { vpcSecurityGroupIds: [openEgress.id] });
      const unlogged = new aws.ec2.Vpc("unlogged-vpc", { cidrBlock: "10.1.0.0/16" });
      new aws.ec2.DefaultSecurityGroup("unlogged-default-sg", {
        vpcId: unlogged.id,
        ingress: [{ protocol: "-1", self: true, fromPort: 0, toPort: 0 }],
        egress: [],
      });
      new aws.ec2.Subnet("public-subnet", { vpcId: vpc.id, cidrBlock: "10.0.9.0/24", mapPublicIpOnLaunch: true });
      // Encryption
      new aws.kms.Key("static-key", { enableKeyRotation: false }, { protect: true });
      const awsKeySecret = new aws.secretsmanager.Secret("aws-key-secret", { name: "prod/orders/tgt" });
      new aws.secretsmanager.SecretRotation("aws-key-secret-rotation", {
        secretId: awsKeySecret.id,
        rotationRules: { automaticallyAfterDays: 30 },
      });
      new aws.secretsmanager.Secret("unrotated-secret", { name: "prod/orders/api", kmsKeyId: key.arn });
      new aws.cloudwatch.LogGroup("short-logs", { retentionInDays: 30, kmsKeyId: KEY });
      new aws.cloudwatch.LogGroup("plain-logs", { retentionInDays: 365 });
      new aws.sns.Topic("plain-topic");
      // Monitoring
      new aws.cloudwatch.MetricAlarm("silent-alarm", {
        comparisonOperator: "GreaterThanThreshold",
        evaluationPeriods: 5,
        metricName: "CPUUtilization",
        namespace: "AWS/DMS",
        period: 60,
        statistic: "Average",
        threshold: 80,
      });
      // IAM
      new aws.iam.Policy("admin-policy", {
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [ADMIN_STATEMENT] }),
      });
      new aws.iam.RolePolicyAttachment("admin-attachment", {
        role: role.name,
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      });
      new aws.iam.Policy("dms-full-policy", {
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "dms:*", Resource: "*" }],
        }),
      });
      new aws.iam.Role("public-trust", {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
        }),
      });
      const assessmentRole = new aws.iam.Role("unguarded-assessment-role", {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "dms.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
      });
      new aws.iam.RolePolicy("assessment-results", {
        role: assessmentRole.name,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::prod-orders-assessments/*" }],
        }),
      });
      // Audit and S3
      new aws.cloudtrail.Trail("regional-trail", {
        s3BucketName: trailLogs.id,
        isMultiRegionTrail: false,
        enableLogFileValidation: true,
      });
      kmsAndTls(new aws.s3.Bucket("open-bucket", { bucket: "prod-orders-open" }), "open-bucket");
      // An assessment-results bucket on SSE-S3, otherwise private and TLS-only.
      const sseS3 = new aws.s3.Bucket("sse-s3-bucket", { bucket: "prod-orders-assessment-123456789012" });
      new aws.s3.BucketPublicAccessBlock("sse-s3-bucket-pab", {
        bucket: sseS3.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      kmsAndTls(sseS3, "sse-s3-bucket", { sseAlgorithm: "AES256" });
      // Tagging and naming
      const untagged = new aws.Provider("untagged", { region: "eu-west-1" });
      const { Owner: _owner, ...fourTags } = PROD_TAGS;
      new aws.sns.Topic("untagged-topic", { kmsMasterKeyId: KEY, tags: fourTags }, { provider: untagged });
      new aws.sns.Topic("dev-topic", { kmsMasterKeyId: KEY, tags: { Environment: "dev" } });
      new aws.sns.Topic("secret-topic", { kmsMasterKeyId: KEY, tags: { DataClassification: "secret" } });
      new aws.sns.Topic("crowded-topic", {
        kmsMasterKeyId: KEY,
        tags: Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`Team${i}`, "data"])),
      });
      new aws.dms.ReplicationSubnetGroup("misnamed-subnets", {
        replicationSubnetGroupId: "orders-subnets",
        replicationSubnetGroupDescription: "misnamed",
        subnetIds: subnets.map((s) => s.id),
      });
    }
    new aws.dms.EventSubscription("events", {
      name: "prod-orders-events-dms",
      snsTopicArn: topic.arn,
      sourceType: "replication-task",
      sourceIds: pulumi.all(watched),
      eventCategories: ["failure", "state change"],
    });
  };
}

const EXPECTED: Array<[policy: string, resource: string]> = [
  ["dms-replication-instance-not-public", "public"],
  ["dms-replication-encrypted-with-customer-key", "aws-key"],
  ["dms-replication-multi-az", "single-az"],
  ["dms-replication-instance-auto-minor-upgrade", "no-upgrade"],
  ["dms-endpoint-ssl-enabled", "plaintext"],
  ["dms-endpoint-no-plaintext-password", "password"],
  ["dms-s3-endpoint-encrypted-with-customer-key", "sse-s3"],
  ["dms-s3-endpoint-ssl", "plain-s3"],
  ["dms-s3-endpoint-expected-bucket-owner", "no-owner-s3"],
  ["dms-s3-endpoint-role-least-privilege", "unconditioned-dms-role"],
  ["dms-target-bucket-tls-only", "lake-no-tls"],
  ["dms-endpoint-encrypted-with-customer-key", "aws-key-endpoint"],
  ["dms-neptune-endpoint-iam-authorization", "neptune"],
  ["dms-mongodb-endpoint-authentication", "mongodb-no-auth"],
  ["dms-redis-endpoint-tls", "redis-plaintext"],
  ["dms-task-logging-enabled", "silent"],
  ["dms-event-subscription-exists", "unwatched"],
  ["dms-task-documents-valid", "invalid"],
  ["rds-not-public", "public-db"],
  ["rds-encrypted-with-customer-key", "plain-db"],
  ["rds-backup-retention", "short-backup-db"],
  ["rds-deletion-protection", "unprotected-db"],
  ["rds-multi-az", "single-az-db"],
  ["rds-iam-authentication", "password-auth-db"],
  ["rds-auto-minor-upgrade", "no-upgrade-db"],
  ["rds-log-exports", "no-logs-db"],
  ["rds-performance-insights-encrypted", "pi-aws-key-db"],
  ["rds-tls-enforced", "default-params-db"],
  ["rds-copy-tags-to-snapshot", "no-copy-tags-db"],
  ["redshift-cluster-not-public", "public-dwh"],
  ["redshift-cluster-encrypted-with-customer-key", "aws-key-dwh"],
  ["redshift-tls-required", "default-params-dwh"],
  ["redshift-automatic-snapshots", "no-snapshots-dwh"],
  ["redshift-audit-logging", "unlogged-dwh"],
  ["redshift-enhanced-vpc-routing", "internet-route-dwh"],
  ["redshift-no-default-admin-username", "awsuser-dwh"],
  ["security-group-no-public-ingress", "open-sg"],
  ["security-group-no-internet-reach", "open-egress-sg"],
  ["stateful-resources-protected", "no-final-snapshot-db"],
  ["resources-declared-with-aws-provider", "cfn-db"],
  ["vpc-flow-logs-enabled", "unlogged-vpc"],
  ["default-security-group-no-rules", "unlogged-default-sg"],
  ["subnet-no-public-ip-on-launch", "public-subnet"],
  ["kms-key-rotation-enabled", "static-key"],
  ["secret-encrypted-with-customer-key", "aws-key-secret"],
  ["secret-rotation-enabled", "unrotated-secret"],
  ["log-group-retention", "short-logs"],
  ["log-group-encrypted-with-customer-key", "plain-logs"],
  ["sns-topic-encrypted", "plain-topic"],
  ["alarm-has-actions", "silent-alarm"],
  ["iam-no-full-admin-statement", "admin-policy"],
  ["iam-no-administrator-access", "admin-attachment"],
  ["iam-no-dms-full-access", "dms-full-policy"],
  ["resource-policy-not-public", "public-trust"],
  ["dms-assessment-role-confused-deputy", "unguarded-assessment-role"],
  ["cloudtrail-validation-and-kms", "regional-trail"],
  ["cloudtrail-trail-present", "(stack)"],
  ["s3-bucket-public-access-blocked", "open-bucket"],
  ["s3-bucket-kms-and-tls-only", "sse-s3-bucket"],
  ["required-tags-present", "untagged-topic"],
  ["environment-tag-matches-stack", "dev-topic"],
  ["data-classification-tag-valid", "secret-topic"],
  ["tags-within-aws-limit", "crowded-topic"],
  ["dms-identifier-naming", "misnamed-subnets"],
];

const options = {
  project: "raw-migration",
  stack: "prod",
  config: { "aws:region": "eu-west-1", "aws:defaultTags": { tags: PROD_TAGS } },
};

async function judge(graph: ResourceGraph): Promise<Violation[]> {
  return evaluatePolicies(graph, policies, { config: loadPolicyConfig("prod"), configFile: "config/prod.json" });
}

const nameOf = (urn: string | undefined) => urn?.split("::").pop() ?? "(stack)";

describe("a raw @pulumi/aws program under the prod policy config", () => {
  it("draws no violation when every resource is compliant", async () => {
    const graph = await runProgram(program(false), options);
    assert.deepEqual(
      (await judge(graph)).map((v) => `${v.policy} ${nameOf(v.urn)}: ${v.message}`),
      [],
    );
  });

  it("draws exactly one violation of each control, on the resource that breaks it", async () => {
    const graph = await runProgram(program(true), options);
    const violations = await judge(graph);
    const key = ([policy, resource]: [string, string]) => `${policy} @ ${resource}`;
    assert.deepEqual(violations.map((v) => key([v.policy, nameOf(v.urn)])).sort(), EXPECTED.map(key).sort());
    assert.deepEqual(
      [...new Set(EXPECTED.map(([p]) => p))].sort(),
      policies.map((p) => p.name).sort(),
      "the program breaks every policy of the pack",
    );
    const advisory = violations.filter((v) => v.enforcementLevel === "advisory").map((v) => v.policy);
    assert.deepEqual(
      advisory.sort(),
      ["cloudtrail-trail-present", "secret-rotation-enabled"],
      "prod makes every other control mandatory",
    );
  });
});

// The same programs through the pack as the Pulumi CLI runs it (its analyzer gRPC protocol): the
// verdicts must be the ones the in-process evaluator computes, message for message.
describe("the pack over the analyzer protocol", () => {
  const packDir = join(__dirname, "..");
  const key = (v: Violation) => JSON.stringify([v.policy, v.enforcementLevel, v.urn ?? "", v.message]);

  it("lists every policy with its description, and accepts each environment's config", async () => {
    const session = await AnalyzerSession.start(packDir);
    try {
      const info = await session.info();
      assert.equal(info.name, "dms-platform");
      assert.deepEqual(info.policies.map((p) => p.name).sort(), policies.map((p) => p.name).sort());
      for (const p of info.policies) assert.ok(p.description.length > 20, `${p.name} has a description`);
      for (const env of ENVIRONMENTS) {
        // The check the CLI makes before a preview: the config against the pack's own schemas.
        await session.configure(loadPolicyConfig(env), `config/${env}.json`);
      }
    } finally {
      await session.close();
    }
  });

  it("agrees with the in-process evaluator on the compliant and the violating program", async function () {
    // Two pack starts and one analyze call per resource of both programs; on the shared 2-core
    // machine under a full `npm test` (load ~30) that passed mocha's 60 s default.
    this.timeout(180_000);
    for (const violating of [false, true]) {
      const graph = await runProgram(program(violating), options);
      const viaGrpc = await evaluatePoliciesGrpc(graph, packDir, {
        config: loadPolicyConfig("prod"),
        configFile: "config/prod.json",
      });
      const inProcess = await judge(graph);
      assert.deepEqual(
        viaGrpc.map(key).sort(),
        inProcess.map(key).sort(),
        violating ? "violating program" : "compliant program",
      );
      if (violating) assert.equal(viaGrpc.length, EXPECTED.length);
    }
  });
});
