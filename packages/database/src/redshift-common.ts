/**
 * What RedshiftWarehouse and RedshiftServerlessWarehouse build alike: the security group (no ingress
 * but by security group, HTTPS egress to S3's prefix list for COPY under enhanced VPC routing), the
 * admin secret in the shape a DMS endpoint reads, and the ingress rule that admits a client.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Names and tags as the component makes them. */
export interface WarehouseNaming {
  /** The component's logical name: every child's name starts with it. */
  name: string;
  /** The Name tag value of the component (`nameOf("tag")`). */
  tag: string;
  /** Tags with a Name of the component's name plus `suffix`. */
  tagsFor: (suffix: string) => Record<string, string>;
}

/**
 * The security group `<name>-sg` and its one egress rule `<name>-to-s3`. The provider removes AWS's
 * default allow-all egress; with enhanced VPC routing the COPY from the intermediate bucket leaves
 * through the warehouse's network interfaces to the VPC's S3 gateway endpoint (Management Guide,
 * "Enhanced VPC routing"): HTTPS to S3's prefix list only.
 */
export function warehouseSecurityGroup(
  owner: pulumi.Resource,
  naming: WarehouseNaming,
  args: { vpcId: pulumi.Input<string>; groupName: string; description: string },
): aws.ec2.SecurityGroup {
  const { name, tagsFor } = naming;
  const group = new aws.ec2.SecurityGroup(
    `${name}-sg`,
    { vpcId: args.vpcId, name: args.groupName, description: args.description, tags: tagsFor("sg") },
    { parent: owner },
  );
  const invokeOpts = { parent: owner };
  const s3PrefixList = aws.ec2.getPrefixListOutput(
    { name: pulumi.interpolate`com.amazonaws.${aws.getRegionOutput({}, invokeOpts).region}.s3` },
    invokeOpts,
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-to-s3`,
    {
      securityGroupId: group.id,
      prefixListId: s3PrefixList.id,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "COPY from the DMS intermediate bucket through the S3 gateway endpoint",
      tags: tagsFor("to-s3"),
    },
    { parent: group },
  );
  return group;
}

/**
 * The secret's JSON: the Secrets Manager structure for Amazon Redshift credentials (engine, host,
 * username, password, dbname, port), which a DMS Redshift endpoint reads through
 * `SecretsManagerSecretId` (it needs username, password, host and port).
 */
export function redshiftSecretDocument(parts: {
  host: string;
  port: number;
  username: string;
  password: string;
  databaseName: string;
}) {
  return {
    engine: "redshift" as const,
    host: parts.host,
    username: parts.username,
    password: parts.password,
    dbname: parts.databaseName,
    port: parts.port,
  };
}

/**
 * The admin secret `<name>-admin-secret` (named `<secretName>-<generation>`, encrypted with the
 * warehouse's key) and its value `<name>-admin-secret-value`, the document above.
 */
export function warehouseAdminSecret(
  owner: pulumi.Resource,
  naming: WarehouseNaming,
  args: {
    secretName: pulumi.Input<string>;
    kmsKeyId: pulumi.Input<string>;
    recoveryWindowInDays: number;
    host: pulumi.Input<string>;
    port: pulumi.Input<number>;
    username: string;
    password: pulumi.Input<string>;
    databaseName: string;
  },
): aws.secretsmanager.Secret {
  const { name, tag, tagsFor } = naming;
  const secret = new aws.secretsmanager.Secret(
    `${name}-admin-secret`,
    {
      name: args.secretName,
      description: `${tag} admin credentials (DMS endpoint secret)`,
      kmsKeyId: args.kmsKeyId,
      recoveryWindowInDays: args.recoveryWindowInDays,
      tags: tagsFor("admin-secret"),
    },
    { parent: owner },
  );
  new aws.secretsmanager.SecretVersion(
    `${name}-admin-secret-value`,
    {
      secretId: secret.id,
      secretString: pulumi.secret(
        pulumi.all([args.host, args.port, args.password]).apply(([host, port, password]) =>
          JSON.stringify(
            redshiftSecretDocument({
              host,
              port,
              username: args.username,
              password,
              databaseName: args.databaseName,
            }),
          ),
        ),
      ),
    },
    { parent: secret },
  );
  return secret;
}

/** The rule `<name>-from-<client>` admitting a client security group (DMS's) on the warehouse's port. */
export function admitClient(
  group: aws.ec2.SecurityGroup,
  naming: WarehouseNaming,
  port: number,
  client: string,
  securityGroupId: pulumi.Input<string>,
): aws.vpc.SecurityGroupIngressRule {
  return new aws.vpc.SecurityGroupIngressRule(
    `${naming.name}-from-${client}`,
    {
      securityGroupId: group.id,
      referencedSecurityGroupId: securityGroupId,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: `redshift from ${client}`,
      tags: naming.tagsFor(`from-${client}`),
    },
    { parent: group },
  );
}
