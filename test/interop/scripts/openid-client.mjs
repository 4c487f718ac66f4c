// Drives keyward with openid-client 6 as an integration would: discovery, then client credentials grants
// with each client authentication method, DPoP, introspection and revocation. Prints one JSON line.
import * as client from 'openid-client';
import { importJWK } from 'jose';

const input = JSON.parse(process.argv[2]);
const insecure = { execute: [client.allowInsecureRequests] }; // loopback http in tests only
const issuer = new URL(input.issuer);
const out = {};

const basic = await client.discovery(
  issuer,
  input.secretClient.clientId,
  undefined,
  client.ClientSecretBasic(input.secretClient.clientSecret),
  insecure,
);
out.metadata = basic.serverMetadata();
out.basic = await client.clientCredentialsGrant(basic, { scope: 'read:reports' });

const post = await client.discovery(
  issuer,
  input.secretClient.clientId,
  undefined,
  client.ClientSecretPost(input.secretClient.clientSecret),
  insecure,
);
out.post = await client.clientCredentialsGrant(post);

const privateKey = await importJWK(input.keyClient.privateJwk, 'ES256');
const signed = await client.discovery(
  issuer,
  input.keyClient.clientId,
  undefined,
  client.PrivateKeyJwt({ key: privateKey, kid: input.keyClient.privateJwk.kid }),
  insecure,
);
out.privateKeyJwt = await client.clientCredentialsGrant(signed);

const dpop = client.getDPoPHandle(basic, await client.randomDPoPKeyPair('ES256'));
out.dpop = await client.clientCredentialsGrant(basic, {}, { DPoP: dpop });

const introspector = await client.discovery(
  issuer,
  input.introspector.clientId,
  undefined,
  client.ClientSecretBasic(input.introspector.clientSecret),
  insecure,
);
out.introspectedDpop = await client.tokenIntrospection(introspector, out.dpop.access_token);
await client.tokenRevocation(basic, out.basic.access_token);
out.introspectedRevoked = await client.tokenIntrospection(introspector, out.basic.access_token);

process.stdout.write(JSON.stringify(out) + '\n');
