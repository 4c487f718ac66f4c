// Drives keyward with oauth4webapi 3: discovery, client credentials with client_secret_basic and
// private_key_jwt, introspection, revocation, and RFC 9068 validation as a resource server. Prints one JSON line.
import * as oauth from 'oauth4webapi';
import { importJWK } from 'jose';

const input = JSON.parse(process.argv[2]);
const options = { [oauth.allowInsecureRequests]: true }; // loopback http in tests only
const issuer = new URL(input.issuer);
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...options }));
const out = { issuer: as.issuer };

const secretClient = { client_id: input.secretClient.clientId };
const basic = oauth.ClientSecretBasic(input.secretClient.clientSecret);
const grant = await oauth.clientCredentialsGrantRequest(as, secretClient, basic, new URLSearchParams({ scope: 'read:reports' }), options);
out.basic = await oauth.processClientCredentialsResponse(as, secretClient, grant);

const keyClient = { client_id: input.keyClient.clientId };
const privateKey = await importJWK(input.keyClient.privateJwk, 'ES256');
const keyAuth = oauth.PrivateKeyJwt({ key: privateKey, kid: input.keyClient.privateJwk.kid });
out.privateKeyJwt = await oauth.processClientCredentialsResponse(
  as,
  keyClient,
  await oauth.clientCredentialsGrantRequest(as, keyClient, keyAuth, new URLSearchParams(), options),
);

const introspector = { client_id: input.introspector.clientId };
const introspectorAuth = oauth.ClientSecretBasic(input.introspector.clientSecret);
out.introspected = await oauth.processIntrospectionResponse(
  as,
  introspector,
  await oauth.introspectionRequest(as, introspector, introspectorAuth, out.basic.access_token, options),
);

// RFC 9068 §4: validation by a resource server, from the published JWKS.
const request = new Request(`${input.issuer}/resource`, { headers: { authorization: `Bearer ${out.privateKeyJwt.access_token}` } });
out.validated = await oauth.validateJwtAccessToken(as, request, input.issuer, options);

await oauth.processRevocationResponse(await oauth.revocationRequest(as, secretClient, basic, out.basic.access_token, options));
out.introspectedRevoked = await oauth.processIntrospectionResponse(
  as,
  introspector,
  await oauth.introspectionRequest(as, introspector, introspectorAuth, out.basic.access_token, options),
);

process.stdout.write(JSON.stringify(out) + '\n');
