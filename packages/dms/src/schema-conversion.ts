/**
 * DMS Schema Conversion's infrastructure, so a team converts an Oracle or SQL Server schema (and
 * its code) in the DMS console before the data moves: an instance profile in the replication's
 * private subnets and security group, a data provider for the source and one for the target, the
 * versioned, KMS-encrypted S3 bucket the project saves its assessment reports and converted code
 * in, the two IAM roles it uses (S3, Secrets Manager), and the migration project tying them.
 *
 * What the DMS User Guide asks for (awsdocs/aws-dms-user-guide doc_source at commit 81be26a0):
 * set-up.md ("Create an Amazon S3 bucket": versioning enabled; "Store database credentials in AWS
 * Secrets Manager"; "Create IAM roles": trusted by `schema-conversion.dms.amazonaws.com`, and the
 * Secrets Manager role also by the regional DMS principal `dms.<region>.amazonaws.com`),
 * getting-started-instance.md (a subnet group over two AZs; private subnets for on-premises
 * databases), data-providers-*.md and migration-projects-create.md. The guide attaches the managed
 * policies AmazonS3FullAccess and SecretsManagerReadWrite; the platform grants the same actions on
 * the one bucket and the two secrets only.
 */
import {
  type Assert,
  componentContextSchema,
  type DmsSslMode,
  type EndpointEngine,
  type Environment,
  type EnvironmentProfile,
  getProfile,
  input,
  mergeTags,
  type NameParts,
  parseComponentArgs,
  physicalName,
  type RequiredTags,
  type SameKeys,
  SOURCE_ENGINES,
} from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resolveSslMode } from "./engines.js";
import { tlsOnlyBucketPolicy } from "./s3-target.js";

/** A database as DMS Schema Conversion reaches it. */
export interface DataProviderArgs {
  engine: Exclude<EndpointEngine, "redshift">;
  /** Host name or address of the database. */
  serverName: pulumi.Input<string>;
  port: pulumi.Input<number>;
  /** Database (Oracle: service name; MySQL family: unused by the data provider). */
  databaseName: string;
  /** Secret holding `username` and `password` (set-up.md); the project reads it through its Secrets Manager role. */
  secretArn: pulumi.Input<string>;
  /** KMS key the secret is encrypted with. */
  secretKmsKeyArn: pulumi.Input<string>;
  /** SSL mode (never none). @default as for a DMS endpoint of the engine: Oracle verify-ca, else verify-full with a certificate, else the profile's */
  sslMode?: "require" | "verify-ca" | "verify-full";
  /** DMS certificate of the database's CA (Oracle: its wallet). */
  certificateArn?: pulumi.Input<string>;
}

export interface SchemaConversionArgs {
  environment: Environment;
  application: string;
  tags: RequiredTags & Record<string, string>;
  /** The replication subnet group the conversion runs in (DmsReplication.replicationSubnetGroupId): private subnets in two AZs. */
  replicationSubnetGroupId: pulumi.Input<string>;
  /** The security group of the instance profile: the DmsReplication's, which reaches both databases and the VPC endpoints. */
  securityGroupId: pulumi.Input<string>;
  /** Customer KMS key: the instance profile and the project bucket. */
  kmsKeyArn: pulumi.Input<string>;
  /** The database whose schema is converted. */
  source: DataProviderArgs;
  /** The database the converted schema is applied to. */
  target: DataProviderArgs;
}

const pulumiInput = <S extends z.ZodType>(schema: S) => input<S, pulumi.Input<z.input<S>>>(schema);
const arnOf = (service: string) =>
  pulumiInput(z.string().regex(new RegExp(`^arn:aws[a-z-]*:${service}:`), `must be a ${service} ARN`));
const dataProviderSchema = z
  .object({
    engine: z.enum(SOURCE_ENGINES),
    serverName: pulumiInput(z.string().min(1)),
    port: pulumiInput(z.number().int().min(1).max(65535)),
    databaseName: z.string().min(1),
    secretArn: arnOf("secretsmanager"),
    secretKmsKeyArn: arnOf("kms"),
    sslMode: z.enum(["require", "verify-ca", "verify-full"]).optional(),
    certificateArn: arnOf("dms").optional(),
  })
  .strict();

/** The zod schema SchemaConversion validates its args with. */
export const schemaConversionArgsSchema = componentContextSchema
  .extend({
    replicationSubnetGroupId: pulumiInput(z.string().min(1)),
    securityGroupId: pulumiInput(z.string().min(1)),
    kmsKeyArn: arnOf("kms"),
    source: dataProviderSchema,
    target: dataProviderSchema,
  })
  .strict();

export type SchemaConversionArgsMatchSchema = [
  Assert<SameKeys<SchemaConversionArgs, z.input<typeof schemaConversionArgsSchema>>>,
  Assert<SameKeys<DataProviderArgs, z.input<typeof dataProviderSchema>>>,
];

/**
 * The data provider engine and settings block of an engine (aws.dms.DataProvider, @pulumi/aws 7.48:
 * `engine` one of the provider's values, `settings.<block>`; MySQL and MariaDB blocks carry no
 * database name).
 */
export function dataProviderEngine(engine: Exclude<EndpointEngine, "redshift">): {
  engine: string;
  block: "mysqlSettings" | "mariaDbSettings" | "postgresqlSettings" | "oracleSettings" | "microsoftSqlServerSettings";
  hasDatabaseName: boolean;
} {
  switch (engine) {
    case "mysql":
      return { engine: "mysql", block: "mysqlSettings", hasDatabaseName: false };
    case "aurora-mysql":
      return { engine: "aurora", block: "mysqlSettings", hasDatabaseName: false };
    case "mariadb":
      return { engine: "mariadb", block: "mariaDbSettings", hasDatabaseName: false };
    case "postgres":
    case "aurora-postgresql":
      return { engine, block: "postgresqlSettings", hasDatabaseName: true };
    case "oracle":
      return { engine: "oracle", block: "oracleSettings", hasDatabaseName: true };
    case "sqlserver":
      return { engine: "sqlserver", block: "microsoftSqlServerSettings", hasDatabaseName: true };
  }
}

/** What SchemaConversion declares, decided first. */
export interface SchemaConversionPlan {
  parts: Omit<NameParts, "purpose">;
  instanceProfileName: string;
  projectName: string;
  dataProviders: Record<"source" | "target", { name: string; sslMode: Exclude<DmsSslMode, "none"> }>;
  roleNames: { s3: string; secrets: string };
}

/** Decide names and SSL modes; refuses (an Error naming the side) a mode DMS cannot use for the engine. */
export function planSchemaConversion(
  args: Pick<SchemaConversionArgs, "environment" | "application" | "source" | "target">,
  profile: Pick<EnvironmentProfile, "endpointSslMode">,
  name: string,
): SchemaConversionPlan {
  const parts = { environment: args.environment, application: args.application };
  // No DMS naming rule is published for these names: the endpoint identifier's (letters, digits,
  // hyphens, starting with a letter) is the strictest DMS name rule and is used for all three.
  const dmsName = (purpose: string) => physicalName("dms-endpoint", { ...parts, purpose });
  const sslOf = (side: "source" | "target") => {
    const p = args[side];
    const ssl = resolveSslMode(profile, p.sslMode, p.certificateArn !== undefined, p.engine);
    if (ssl.error) throw new Error(`SchemaConversion "${name}": ${side}.sslMode: ${ssl.error}`);
    return ssl.sslMode;
  };
  return {
    parts,
    instanceProfileName: dmsName("sc-instance"),
    projectName: dmsName("sc-project"),
    dataProviders: {
      source: { name: dmsName("sc-src"), sslMode: sslOf("source") },
      target: { name: dmsName("sc-tgt"), sslMode: sslOf("target") },
    },
    roleNames: {
      s3: physicalName("iam-role", { ...parts, purpose: "dms-sc-s3" }),
      secrets: physicalName("iam-role", { ...parts, purpose: "dms-sc-secrets" }),
    },
  };
}

/** Trust of the S3 role: Schema Conversion; of the Secrets Manager role: Schema Conversion and the regional DMS principal (set-up.md). */
export function schemaConversionTrustPolicy(region: string | undefined): string {
  const services = ["schema-conversion.dms.amazonaws.com", ...(region ? [`dms.${region}.amazonaws.com`] : [])];
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: services.length === 1 ? services[0] : services },
        Action: "sts:AssumeRole",
      },
    ],
  });
}

/** The project bucket only: list it, read and write its objects, and use its key through S3. */
export function schemaConversionS3Policy(bucketArn: string, kmsKeyArn: string, region: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TheProjectBucket",
        Effect: "Allow",
        Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketVersioning"],
        Resource: bucketArn,
      },
      {
        Sid: "TheProjectObjects",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject"],
        Resource: `${bucketArn}/*`,
      },
      {
        Sid: "TheBucketKeyThroughS3",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: kmsKeyArn,
        Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
      },
    ],
  });
}

/** The two database secrets only, decrypted through Secrets Manager. */
export function schemaConversionSecretsPolicy(secretArns: string[], kmsKeyArns: string[], region: string): string {
  const unique = (list: string[]) => [...new Set(list)];
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadTheDatabaseSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: unique(secretArns),
      },
      {
        Sid: "DecryptThemThroughSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: unique(kmsKeyArns),
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
      },
    ],
  });
}

export class SchemaConversion extends pulumi.ComponentResource {
  /** ARN of the migration project to open in the DMS console (Schema Conversion). */
  readonly migrationProjectArn: pulumi.Output<string>;
  /** Name of the bucket holding assessment reports and converted code. */
  readonly bucketName: pulumi.Output<string>;
  readonly instanceProfileArn: pulumi.Output<string>;
  readonly dataProviderArns: { source: pulumi.Output<string>; target: pulumi.Output<string> };

  constructor(name: string, input: SchemaConversionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dms-platform:dms:SchemaConversion", name, {}, opts);
    const args: SchemaConversionArgs = parseComponentArgs(schemaConversionArgsSchema, input, "SchemaConversion", name);
    const profile = getProfile(args.environment);
    const plan = planSchemaConversion(args, profile, name);
    const tags = mergeTags(args.tags);
    const tagged = (n: pulumi.Input<string>) => pulumi.output(n).apply((v) => mergeTags(tags, { Name: v }));
    const region = aws.getRegionOutput({}, { parent: this }).region;
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;

    // The project's bucket (set-up.md: versioning enabled); names are global, the account id makes it unique.
    const bucketName = accountId.apply((a) => physicalName("s3-bucket", { ...plan.parts, purpose: `sc-${a}` }));
    const bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      { bucket: bucketName, tags: tagged(bucketName) },
      { parent: this },
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-bucket-public-access-block`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { parent: bucket },
    );
    new aws.s3.BucketVersioning(
      `${name}-bucket-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      { parent: bucket },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-bucket-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
            bucketKeyEnabled: true,
          },
        ],
      },
      { parent: bucket },
    );
    // TLS only, as every bucket of ours (Security Hub S3.5; the pack's s3-bucket-kms-and-tls-only).
    new aws.s3.BucketPolicy(
      `${name}-bucket-policy`,
      { bucket: bucket.id, policy: bucket.arn.apply(tlsOnlyBucketPolicy) },
      // A policy cannot be put while the public access block is being changed.
      { parent: bucket, dependsOn: [publicAccessBlock] },
    );

    const s3Role = new aws.iam.Role(
      `${name}-s3-role`,
      {
        name: plan.roleNames.s3,
        description: "DMS Schema Conversion: reads and writes its project bucket",
        assumeRolePolicy: schemaConversionTrustPolicy(undefined),
        tags: tagged(plan.roleNames.s3),
      },
      { parent: this },
    );
    const s3Policy = new aws.iam.RolePolicy(
      `${name}-s3-policy`,
      {
        role: s3Role.name,
        name: "project-bucket",
        policy: pulumi
          .all([bucket.arn, args.kmsKeyArn, region])
          .apply(([b, k, r]) => schemaConversionS3Policy(b, k, r)),
      },
      { parent: s3Role },
    );
    const secretsRole = new aws.iam.Role(
      `${name}-secrets-role`,
      {
        name: plan.roleNames.secrets,
        description: "DMS Schema Conversion: reads the source and target database secrets",
        assumeRolePolicy: region.apply(schemaConversionTrustPolicy),
        tags: tagged(plan.roleNames.secrets),
      },
      { parent: this },
    );
    const secretsPolicy = new aws.iam.RolePolicy(
      `${name}-secrets-policy`,
      {
        role: secretsRole.name,
        name: "database-secrets",
        policy: pulumi
          .all([
            args.source.secretArn,
            args.target.secretArn,
            args.source.secretKmsKeyArn,
            args.target.secretKmsKeyArn,
            region,
          ])
          .apply(([s, t, sk, tk, r]) => schemaConversionSecretsPolicy([s, t], [sk, tk], r)),
      },
      { parent: secretsRole },
    );

    const instanceProfile = new aws.dms.InstanceProfile(
      `${name}-instance-profile`,
      {
        name: plan.instanceProfileName,
        description: `DMS Schema Conversion of ${args.application} (${args.environment}), in the replication's private subnets`,
        kmsKeyArn: args.kmsKeyArn,
        // Never public: the databases are reached through the VPC's routes (the guide's private subnets).
        publiclyAccessible: false,
        networkType: "IPV4",
        subnetGroupIdentifier: args.replicationSubnetGroupId,
        vpcSecurityGroupIds: [args.securityGroupId],
        tags: tagged(plan.instanceProfileName),
      },
      { parent: this },
    );

    const dataProvider = (side: "source" | "target") => {
      const p = args[side];
      const planned = plan.dataProviders[side];
      const { engine, block, hasDatabaseName } = dataProviderEngine(p.engine);
      return new aws.dms.DataProvider(
        `${name}-${side === "source" ? "src" : "tgt"}`,
        {
          name: planned.name,
          description: `${side} of ${args.application} (${args.environment}) for DMS Schema Conversion`,
          engine,
          settings: {
            [block]: {
              serverName: p.serverName,
              port: p.port,
              ...(hasDatabaseName ? { databaseName: p.databaseName } : {}),
              sslMode: planned.sslMode,
              ...(p.certificateArn !== undefined ? { certificateArn: p.certificateArn } : {}),
            },
          },
          tags: tagged(planned.name),
        },
        { parent: this },
      );
    };
    const source = dataProvider("source");
    const target = dataProvider("target");

    const descriptor = (provider: aws.dms.DataProvider, side: "source" | "target") => ({
      dataProviderArn: provider.arn,
      secretsManagerSecretId: args[side].secretArn,
      secretsManagerAccessRoleArn: secretsRole.arn,
    });
    const project = new aws.dms.MigrationProject(
      `${name}-project`,
      {
        name: plan.projectName,
        description: `Converts the ${args.source.engine} schema of ${args.application} to ${args.target.engine}`,
        instanceProfileArn: instanceProfile.arn,
        sourceDataProviderDescriptors: [descriptor(source, "source")],
        targetDataProviderDescriptors: [descriptor(target, "target")],
        schemaConversionApplicationAttributes: {
          s3BucketPath: pulumi.interpolate`s3://${bucket.bucket}`,
          s3BucketRoleArn: s3Role.arn,
        },
        tags: tagged(plan.projectName),
      },
      { parent: this, dependsOn: [s3Policy, secretsPolicy] },
    );

    this.migrationProjectArn = project.arn;
    this.bucketName = bucket.bucket;
    this.instanceProfileArn = instanceProfile.arn;
    this.dataProviderArns = { source: source.arn, target: target.arn };
    this.registerOutputs({
      migrationProjectArn: this.migrationProjectArn,
      bucketName: this.bucketName,
      instanceProfileArn: this.instanceProfileArn,
      dataProviderArns: this.dataProviderArns,
    });
  }
}
