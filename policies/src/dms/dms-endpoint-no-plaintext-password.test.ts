import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsEndpointNoPlaintextPassword } from "./dms-endpoint-no-plaintext-password.js";

const endpoint = (inputs: Record<string, unknown>) => ({ type: T.dmsEndpoint, inputs });

describePolicy(dmsEndpointNoPlaintextPassword, {
  passes: [
    {
      title: "an endpoint reading its credentials from Secrets Manager",
      fixture: endpoint({
        engineName: "mysql",
        secretsManagerArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:src-AbCdEf",
        secretsManagerAccessRoleArn: "arn:aws:iam::123456789012:role/dms-secrets",
      }),
    },
  ],
  fails: [
    {
      title: "an endpoint with a password (never echoed, even as a secret)",
      fixture: endpoint({ engineName: "mysql", username: "admin", password: "[secret]" }),
      messages: [
        "password is set (a plaintext password); remove it and set secretsManagerArn and secretsManagerAccessRoleArn",
      ],
    },
    {
      title: "a Redis endpoint with an auth password",
      fixture: endpoint({ engineName: "redis", redisSettings: { authPassword: "hunter2", authType: "auth-token" } }),
      messages: [
        "redisSettings.authPassword is set (a plaintext secret); remove it and keep the credential in Secrets Manager",
      ],
    },
    {
      title: "a Kafka endpoint with a SASL password and a client key password",
      fixture: endpoint({
        engineName: "kafka",
        kafkaSettings: { broker: "b-1:9096", saslUsername: "dms", saslPassword: "s3cret", sslClientKeyPassword: "k3y" },
      }),
      messages: [
        "kafkaSettings.saslPassword is set (a plaintext secret); remove it and use mutual TLS (kafkaSettings.sslClientCertificateArn and sslClientKeyArn) or an IAM-authenticated MSK broker",
        "kafkaSettings.sslClientKeyPassword is set (a plaintext secret); remove it and import an unencrypted client key as a DMS certificate (sslClientKeyArn) instead",
      ],
    },
    {
      title: "an Oracle endpoint with an ASM password and a TDE password",
      fixture: endpoint({
        engineName: "oracle",
        secretsManagerArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ora-AbCdEf",
        secretsManagerAccessRoleArn: "arn:aws:iam::123456789012:role/dms-secrets",
        oracleSettings: { asmPassword: "asm", securityDbEncryption: "tde" },
      }),
      messages: [
        "oracleSettings.asmPassword is set (a plaintext secret); remove it and set oracleSettings.secretsManagerOracleAsmSecretId and secretsManagerOracleAsmAccessRoleArn",
        "oracleSettings.securityDbEncryption is set (a plaintext secret); remove it and keep the TDE password in the Secrets Manager secret the endpoint reads (secretsManagerArn)",
      ],
    },
    {
      title: "a MongoDB endpoint with a password",
      fixture: endpoint({
        engineName: "mongodb",
        username: "dms",
        password: "pw",
        mongodbSettings: { authType: "password" },
      }),
      messages: [
        "password is set (a plaintext password); remove it and set secretsManagerArn and secretsManagerAccessRoleArn",
      ],
    },
  ],
  unknown: { fixture: endpoint({ engineName: "mysql", password: UNKNOWN }), path: "password" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
