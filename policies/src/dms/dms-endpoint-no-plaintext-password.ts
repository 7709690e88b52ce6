import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asObject, isSet } from "../lib/values.js";

/**
 * Every secret-bearing property of aws:dms/endpoint:Endpoint: the attributes marked
 * `Sensitive: true` in the provider's schema (hashicorp/terraform-provider-aws
 * internal/service/dms/endpoint.go, commit 552c04685ba292dfddee527549fd43a1fd5db195, which
 * @pulumi/aws 7 bridges): `password` (also MongoDB's and DocumentDB's credential, sent as
 * MongoDbSettings.Password), kafka_settings.sasl_password and ssl_client_key_password,
 * oracle_settings.asm_password and security_db_encryption (the TDE password), and
 * redis_settings.auth_password. Each with what to use instead.
 */
export const DMS_ENDPOINT_SECRET_PROPERTIES: ReadonlyArray<{ block?: string; property: string; instead: string }> = [
  { property: "password", instead: "set secretsManagerArn and secretsManagerAccessRoleArn" },
  {
    block: "kafkaSettings",
    property: "saslPassword",
    instead:
      "use mutual TLS (kafkaSettings.sslClientCertificateArn and sslClientKeyArn) or an IAM-authenticated MSK broker",
  },
  {
    block: "kafkaSettings",
    property: "sslClientKeyPassword",
    instead: "import an unencrypted client key as a DMS certificate (sslClientKeyArn) instead",
  },
  {
    block: "oracleSettings",
    property: "asmPassword",
    instead: "set oracleSettings.secretsManagerOracleAsmSecretId and secretsManagerOracleAsmAccessRoleArn",
  },
  {
    block: "oracleSettings",
    property: "securityDbEncryption",
    instead: "keep the TDE password in the Secrets Manager secret the endpoint reads (secretsManagerArn)",
  },
  { block: "redisSettings", property: "authPassword", instead: "keep the credential in Secrets Manager" },
];

export const dmsEndpointNoPlaintextPassword = resourcePolicy({
  name: "dms-endpoint-no-plaintext-password",
  concern: "dms",
  description:
    "DMS endpoints carry no plaintext secret: not `password`, nor the engine settings' own (kafkaSettings.saslPassword and sslClientKeyPassword, oracleSettings.asmPassword and securityDbEncryption, redisSettings.authPassword). Database credentials come from Secrets Manager (secretsManagerArn with secretsManagerAccessRoleArn): a secret input is stored in the Pulumi state and the DMS API, and cannot be rotated without a deployment.",
  control:
    "AWS MDAA DMS constructs: endpoint credentials from Secrets Manager only; provider schema Sensitive attributes",
  enforcementLevel: "mandatory",
  types: [T.dmsEndpoint],
  validate: (props, _args, report) => {
    // Values are never echoed: they are secrets even when the program did not mark them as such.
    for (const { block, property, instead } of DMS_ENDPOINT_SECRET_PROPERTIES) {
      const value = block === undefined ? props[property] : asObject(props[block])?.[property];
      if (!isSet(value)) continue;
      const path = block === undefined ? property : `${block}.${property}`;
      report(
        block === undefined
          ? `${path} is set (a plaintext password); remove it and ${instead}`
          : `${path} is set (a plaintext secret); remove it and ${instead}`,
      );
    }
  },
});
