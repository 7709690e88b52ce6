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
        "redisSettings.authPassword is set (a plaintext password); remove it and keep the credential in Secrets Manager",
      ],
    },
  ],
  unknown: { fixture: endpoint({ engineName: "mysql", password: UNKNOWN }), path: "password" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
