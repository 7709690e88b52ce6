import { MigrationOperatorAccess } from "@dms-platform/access";
import {
  ConfigError,
  endpointEngineOf,
  getProfile,
  placeholderPaths,
  relocateComponentError,
  SECURE_PLACEHOLDER,
  stackConfigFile,
} from "@dms-platform/config";
import {
  type DataProviderArgs,
  DmsAccountRoles,
  DmsAssessmentResults,
  DmsReplication,
  type DmsTaskArgs,
  type EndpointArgs,
  type EndpointEngineSettings,
  SchemaConversion,
} from "@dms-platform/dms";
import * as pulumi from "@pulumi/pulumi";
import {
  loadReplicationConfig,
  PROJECT,
  type ReplicationConfig,
  replicationNameParts,
  replicationOrigins,
} from "./config.js";
import { type FoundationDatabase, foundationReader, type SourceLocation } from "./foundation-outputs.js";
import { externalDestinations, externalHostnames, reachOf, resolvesOnPremises } from "./routing.js";

export { PROJECT as project };

type SourceConnection = NonNullable<ReplicationConfig["sourceConnection"]>;
type Database = Exclude<ReplicationConfig["migration"]["target"], { s3: unknown }>;
type SourceDatabase = NonNullable<ReplicationConfig["migration"]["source"]>;

function foundationEndpoint(
  db: pulumi.Output<FoundationDatabase>,
  expected: Database,
  certificateArn: string | undefined,
): EndpointArgs {
  return {
    // The engine and database are the migration definition; the foundation's database must match them.
    // RDS for Oracle / SQL Server editions (oracle-ee, sqlserver-se) are DMS's oracle / sqlserver.
    engine: endpointEngineOf(expected.engine),
    databaseName: expected.databaseName,
    address: db.apply((d) => d.address),
    port: db.apply((d) => Number(d.port)),
    secretArn: db.apply((d) => d.secretArn),
    secretKmsKeyArn: db.apply((d) => d.secretKmsKeyArn),
    securityGroupId: db.apply((d) => d.securityGroupId),
    ...(certificateArn ? { certificateArn: sealed(certificateArn) } : {}),
  };
}

/**
 * A value `plan` read as SECURE_PLACEHOLDER (encrypted in the stack file) passed on as a secret
 * Output, which components take unchecked, as they take any value known only at deployment; under
 * the CLI the decrypted value is passed and checked.
 */
function sealed(value: string): pulumi.Input<string> {
  return value === SECURE_PLACEHOLDER ? pulumi.secret(value) : value;
}

/** The foundation project, whose stack of this environment the replication reads. */
export const FOUNDATION_PROJECT = "dms-platform-foundation";

/**
 * The StackReference name of the foundation: the config's `foundationStack`, else the foundation of
 * this environment in the current organisation (what `pulumi stack ls` shows under the same login).
 */
export function foundationStackName(config: Pick<ReplicationConfig, "foundationStack" | "environment">): string {
  return config.foundationStack ?? `${pulumi.getOrganization()}/${FOUNDATION_PROJECT}/${config.environment}`;
}

/**
 * Check that the foundation's network carries DMS to every external source network, and say how:
 * `{ "<cidr>": "vpc" | "route <on-premises range>" }`. A foundation that routes on-premises ranges
 * (a hybrid network) must route every external CIDR, or the plan fails naming the key; one that
 * routes nothing beyond the VPC (dev, whose external sources are placeholders) gets a warning. A
 * foundation that exports no `routedCidrs` (older than this check) is not judged.
 */
function checkSourceRoutes(
  foundation: pulumi.StackReference,
  config: ReplicationConfig,
  file: string,
): pulumi.Output<Record<string, string>> {
  const destinations = externalDestinations(config);
  return pulumi
    .all([
      foundation.getOutput("vpcCidr"),
      foundation.getOutput("routedCidrs"),
      foundation.getOutput("forwardedDomains"),
    ])
    .apply(([vpcCidr, routed, forwarded]) => {
      const routes: Record<string, string> = {};
      if (typeof vpcCidr !== "string" || !Array.isArray(routed)) return routes;
      const routedCidrs = routed.map(String);
      // A host name DMS cannot resolve fails the endpoint test like a missing route: warn (a public
      // name or a private hosted zone may still answer, which the plan cannot see).
      if (Array.isArray(forwarded) && routedCidrs.length > 0) {
        for (const { path, cidr: hostname } of externalHostnames(config)) {
          if (!resolvesOnPremises(hostname, forwarded.map(String))) {
            pulumi.log.warn(
              `${file}: ${PROJECT}:${path}: ${hostname} is in no domain the foundation forwards to the on-premises DNS servers (${forwarded.join(", ") || "none"}); add its domain to dms-platform-foundation:network.dnsForwarding.domains, or make sure public DNS or a private hosted zone of the VPC resolves it`,
            );
          }
        }
      }
      for (const { path, cidr } of destinations) {
        const reach = reachOf(cidr, vpcCidr, routedCidrs);
        if (reach.via === "vpc") routes[cidr] = "vpc";
        else if (reach.via === "route") routes[cidr] = `route ${reach.routedCidr}`;
        else if (routedCidrs.length > 0) {
          throw new ConfigError(
            file,
            `${PROJECT}:${path}`,
            `the foundation's network has no route to ${cidr}: it routes ${routedCidrs.join(", ")} beyond its VPC ${vpcCidr}; add the range to dms-platform-foundation:network.onPremisesCidrs (routed to its transitGatewayId or vpnGatewayId), or correct this CIDR (got "${cidr}")`,
          );
        } else {
          pulumi.log.warn(
            `${file}: ${PROJECT}:${path}: the foundation routes nothing beyond its VPC ${vpcCidr}, so DMS cannot reach ${cidr} until dms-platform-foundation:network lists it in onPremisesCidrs with a transitGatewayId or vpnGatewayId`,
          );
          routes[cidr] = "none";
        }
      }
      return routes;
    });
}

/** Declare the replication from a validated config and the foundation stack of the same environment. */
export function declareReplication(config: ReplicationConfig, file = stackConfigFile(pulumi.getStack())) {
  const context = { environment: config.environment, application: config.application, tags: config.tags };
  const foundation = new pulumi.StackReference(foundationStackName(config));
  const read = foundationReader(foundation, { foundationStack: foundationStackName(config) });
  const sourceRoutes = checkSourceRoutes(foundation, config, file);
  // The account's DMS roles, created by a foundation of this account: adopted (looked up), so this
  // stack can be destroyed and re-created any number of times (docs/accounts.md).
  const accountRoles = new DmsAccountRoles("account-roles", {
    ...context,
    mode: "adopt",
    // A Redshift target also needs dms-access-for-endpoint (docs/analytics-targets.md).
    ...("engine" in config.migration.target && config.migration.target.engine === "redshift" ? { redshift: true } : {}),
  });
  const { migration } = config;
  // Where each source is (connection key, database key), for the checks against the foundation.
  const located: SourceLocation[] = [];
  const sourceEndpoint = (
    connection: SourceConnection,
    database: SourceDatabase,
    at: string,
    databaseKey: string,
  ): EndpointArgs => {
    const settings = database.settings ? { settings: database.settings as EndpointEngineSettings } : {};
    if ("external" in connection) {
      const { hostname, port } = connection.external;
      located.push({ key: `${at}.external.hostname`, hostname, port });
      const { secretArn, secretKmsKeyArn, certificateArn } = connection.external;
      return {
        external: {
          ...connection.external,
          secretArn: sealed(secretArn),
          secretKmsKeyArn: sealed(secretKmsKeyArn),
          ...(certificateArn !== undefined ? { certificateArn: sealed(certificateArn) } : {}),
          engine: database.engine,
          databaseName: database.databaseName,
          ...settings,
        },
      };
    }
    // The foundation's databases run the database engines only: an Oracle or SQL Server lab source
    // is refused by the reader's engine check, naming migration.source.engine.
    const expected = { engine: database.engine as Database["engine"], databaseName: database.databaseName };
    const db = read.database(connection.foundationOutput, expected, databaseKey, `${at}.foundationOutput`);
    located.push({ key: `${at}.foundationOutput`, output: db });
    return { ...foundationEndpoint(db, expected, config.targetCertificateArn), ...settings };
  };
  // The config schema has checked that the connections match the source(s).
  const sources = migration.sources
    ? {
        sources: Object.fromEntries(
          Object.entries(migration.sources).map(([name, database]) => [
            name,
            sourceEndpoint(
              config.sourceConnections?.[name] as SourceConnection,
              database,
              `sourceConnections.${name}`,
              `migration.sources.${name}`,
            ),
          ]),
        ),
      }
    : {
        source: sourceEndpoint(
          config.sourceConnection as SourceConnection,
          migration.source as SourceDatabase,
          "sourceConnection",
          "migration.source",
        ),
      };
  // startTasks: false (dev's lab, placeholder stacks) creates every task stopped, whatever the
  // promoted definition says: the provider's start waits for `running` and fails the `up` when the
  // task fails at start (terraform-provider-aws v6 internal/service/dms startReplicationTask,
  // waitReplicationTaskRunning). Where the profile gates the start on a premigration assessment
  // (test, prod), tasks are created stopped too and `start-migration` starts them after a passing
  // run (docs/assessments.md).
  // A Serverless replication is assessed within StartReplication itself (PremigrationAssessmentSettings,
  // FailOnAssessmentFailure): the gate is for tasks on an instance.
  const createStopped =
    config.startTasks === false ||
    (config.capacity.kind === "instance" && getProfile(config.environment).startAfterAssessment);
  const tasks: DmsTaskArgs[] = createStopped
    ? migration.tasks.map((task) => ({ ...task, start: false }))
    : migration.tasks;
  const kmsKeyArn = read.require<string>("kmsKeyArn", "foundationStack");
  // An S3 data lake is created by the replication itself; a database target is the foundation's.
  const foundationTarget = "s3" in migration.target ? undefined : read.target(migration.target, located);
  const replicationTarget =
    "s3" in migration.target
      ? { s3: migration.target.s3 }
      : foundationEndpoint(
          foundationTarget as pulumi.Output<FoundationDatabase>,
          migration.target,
          config.targetCertificateArn,
        );
  const target = "s3" in replicationTarget ? undefined : replicationTarget;
  const replication = new DmsReplication("replication", {
    ...context,
    vpcId: read.require<string>("vpcId", "foundationStack"),
    subnetIds: read.require<string[]>("privateSubnetIds", "foundationStack"),
    endpointSecurityGroupId: read.require<string>("endpointSecurityGroupId", "foundationStack"),
    kmsKeyArn,
    capacity: config.capacity,
    ...sources,
    target: replicationTarget,
    tasks,
    accountRoles,
    ...(config.alarmEmails ? { alarmEmails: config.alarmEmails } : {}),
    ...(config.allowReplacement !== undefined ? { allowReplacement: config.allowReplacement } : {}),
  });
  // DMS Schema Conversion beside the replication, in its subnets and security group, reading the
  // same secrets (docs/heterogeneous.md, "Converting the schema first").
  const conversion =
    config.schemaConversion !== undefined && target !== undefined && "source" in sources && sources.source !== undefined
      ? new SchemaConversion("schema-conversion", {
          ...context,
          replicationSubnetGroupId: replication.replicationSubnetGroupId,
          securityGroupId: replication.securityGroupId,
          kmsKeyArn,
          source: dataProviderOf(sources.source),
          target: dataProviderOf(target),
        })
      : undefined;
  // Where premigration assessment runs write their results (the `assess` command), encrypted with
  // the migration's key. DMS Serverless writes to a bucket of its own: none is created for it.
  const assessments =
    config.capacity.kind === "instance"
      ? new DmsAssessmentResults("assessments", {
          ...context,
          kmsKeyArn,
        })
      : undefined;
  const { operators } = config;
  const access = new MigrationOperatorAccess("operators", {
    ...context,
    adminPrincipals: operators.adminPrincipals,
    viewerPrincipals: operators.viewerPrincipals,
    ciRoleArn: operators.ciRoleArn,
    migrationActive: operators.migrationActive,
    ...(operators.requireMfa !== undefined ? { requireMfa: operators.requireMfa } : {}),
    // The log groups exactly as DmsReplication names them (a Serverless one may be a digest).
    logGroupNames: replication.logGroupNames,
    // The foundation's trail (created or adopted), recorded for the cloudtrail-trail-present policy;
    // a foundation that exports none leaves it unset and the policy warns.
    auditTrailName: foundation.getOutput("auditTrailName") as pulumi.Output<string>,
    // What `validate` reads on an analytics target (docs/analytics-targets.md): the warehouse's
    // cluster (or Serverless workgroup, when the foundation's output names one) and secret, the lake.
    ...(foundationTarget && "engine" in migration.target && migration.target.engine === "redshift"
      ? {
          warehouse: {
            clusterIdentifier: foundationTarget.apply((d) => (d as { identifier?: string }).identifier ?? ""),
            workgroupArn: foundationTarget.apply((d) => (d as { workgroupArn?: string }).workgroupArn ?? ""),
            secretArn: foundationTarget.apply((d) => d.secretArn),
          },
        }
      : {}),
    ...("s3" in migration.target ? { s3Lake: true } : {}),
  });
  return {
    environment: config.environment,
    application: config.application,
    securityGroupId: replication.securityGroupId,
    // Outputs a migration may not have (no instance under Serverless, no guard while inactive) are
    // left out rather than exported as undefined, which the SDK warns about on every preview.
    ...(replication.replicationInstanceArn ? { replicationInstanceArn: replication.replicationInstanceArn } : {}),
    endpointArns: replication.endpointArns,
    taskArns: replication.taskArns,
    alarmTopicArn: replication.alarmTopicArn,
    logGroupNames: replication.logGroupNames,
    dashboardUrl: replication.dashboardUrl,
    adminRoleArn: access.adminRoleArn,
    viewerRoleArn: access.viewerRoleArn,
    migrationActive: access.migrationActive,
    ...(access.deleteGuardPolicy ? { deleteGuardPolicy: access.deleteGuardPolicy } : {}),
    ...(assessments ? { assessmentBucketName: assessments.bucketName, assessmentRoleArn: assessments.roleArn } : {}),
    /** How the foundation's network reaches each external source CIDR ("vpc", "route <range>"). */
    sourceRoutes,
    ...(conversion
      ? { migrationProjectArn: conversion.migrationProjectArn, schemaConversionBucket: conversion.bucketName }
      : {}),
  };
}

/** A DMS endpoint's database as a Schema Conversion data provider (same host, secret, certificate). */
function dataProviderOf(endpoint: EndpointArgs): DataProviderArgs {
  const e = "external" in endpoint ? endpoint.external : endpoint;
  // The config refuses schemaConversion with a Redshift target (config.ts).
  if (e.engine === "redshift") throw new Error("Schema Conversion has no Redshift data provider here");
  const serverName = "external" in endpoint ? endpoint.external.hostname : endpoint.address;
  return {
    engine: e.engine,
    serverName,
    port: e.port,
    databaseName: e.databaseName,
    secretArn: e.secretArn,
    secretKmsKeyArn: e.secretKmsKeyArn,
    ...(e.certificateArn !== undefined ? { certificateArn: e.certificateArn } : {}),
  };
}

/**
 * The config keys whose values are secrets: PULUMI_CONFIG_SECRET_KEYS, which the CLI sets from the
 * stack file's `secure:` values (and the offline engine from the same file), read through the SDK's
 * `runtime.isConfigSecret` (@pulumi/pulumi 3.270 runtime/config.js; internal, so feature-tested).
 */
function secretConfigKeys(values: Record<string, string>): string[] {
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  return isSecret ? Object.keys(values).filter((k) => isSecret(k)) : [];
}

/**
 * Say which values `plan` accepted unread because they are encrypted (SECURE_PLACEHOLDER): under
 * the CLI the program sees them decrypted and checks them like any other value.
 */
function warnUncheckedSecrets(config: ReplicationConfig, file: string): void {
  const paths = placeholderPaths(config);
  if (paths.length === 0) return;
  pulumi.log.warn(
    `${file}: ${paths.map((p) => `${PROJECT}:${p}`).join(", ")}: encrypted, so plan cannot read ${paths.length === 1 ? "it" : "them"}; \`pulumi preview\` checks the decrypted value${paths.length === 1 ? "" : "s"} (format, region and account)`,
  );
}

/**
 * The Pulumi program of the replication stack: reads and validates the stack's config (errors
 * name Pulumi.<stack>.yaml and the key) and its stack name (`<env>` for the primary migration,
 * `<migration>-<env>` for the others, docs/migrations.md), then declares roles, capacity,
 * endpoints, tasks, alarms.
 */
export async function program(): Promise<Record<string, unknown>> {
  const stack = pulumi.getStack();
  const file = stackConfigFile(stack);
  const values = pulumi.runtime.allConfig();
  const config = loadReplicationConfig(values, file, stack, secretConfigKeys(values));
  warnUncheckedSecrets(config, file);
  try {
    return declareReplication(config);
  } catch (err) {
    // A value the schema let through and a component refused: name the key the user wrote.
    throw relocateComponentError(err, file, replicationOrigins(config), replicationNameParts(config));
  }
}
