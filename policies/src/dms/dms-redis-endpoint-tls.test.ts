import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsRedisEndpointTls } from "./dms-redis-endpoint-tls.js";

const redis = (settings: unknown) => ({
  type: T.dmsEndpoint,
  inputs: { engineName: "redis", redisSettings: settings },
});

describePolicy(dmsRedisEndpointTls, {
  passes: [
    {
      title: "a Redis endpoint on the default protocol",
      fixture: redis({ authType: "none", port: 6379, serverName: "r" }),
    },
    { title: "a Redis endpoint with TLS", fixture: redis({ authType: "none", sslSecurityProtocol: "ssl-encryption" }) },
  ],
  fails: [
    {
      title: "a Redis endpoint in plaintext",
      fixture: redis({ authType: "none", sslSecurityProtocol: "plaintext" }),
      messages: [
        'redisSettings.sslSecurityProtocol is "plaintext"; set it to "ssl-encryption" (with sslCaCertificateArn to verify the server)',
      ],
    },
  ],
  unknown: { fixture: redis(UNKNOWN), path: "redisSettings" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
