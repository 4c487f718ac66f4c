import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { KeywardConfig } from '@keyward/config';
import { ADMIN_SCOPES, BUILT_IN_SCOPES } from '@keyward/domain';
import { authorizationServerMetadata, ClientAuthenticator, SigningKeyRing, TokenEndpoint } from '@keyward/oauth';
import { CLOCK, KEYWARD_CONFIG, type Clock } from '@keyward/application';

/**
 * RFC 8414 metadata and the RFC 7517 key set. scopes_supported lists the built-in scopes only:
 * organizations' own catalogs are theirs and are not advertised to everyone (RFC 8414 §2 makes it optional).
 */
@Controller()
@ApiTags('discovery')
export class DiscoveryController {
  constructor(
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly keys: SigningKeyRing,
    private readonly tokenEndpoint: TokenEndpoint,
    private readonly authenticator: ClientAuthenticator,
  ) {}

  @Get('.well-known/oauth-authorization-server')
  @Header('cache-control', 'public, max-age=300')
  authorizationServer() {
    return this.metadata();
  }

  @Get('.well-known/openid-configuration')
  @Header('cache-control', 'public, max-age=300')
  openidConfiguration() {
    return this.metadata();
  }

  @Get('.well-known/jwks.json')
  @Header('content-type', 'application/jwk-set+json')
  @Header('cache-control', 'public, max-age=60')
  jwks() {
    return this.keys.jwks(this.clock());
  }

  private metadata() {
    const scopes = [...new Set([...ADMIN_SCOPES, ...Object.keys(BUILT_IN_SCOPES)])];
    return authorizationServerMetadata({
      issuer: this.config.issuer,
      scopes,
      signingAlgorithms: ['ES256', 'EdDSA', 'RS256'],
      grantTypes: this.tokenEndpoint.grantTypes,
      authMethods: this.authenticator.methods,
      mtlsBaseUrl: this.mtlsBaseUrl(),
    });
  }

  /** RFC 8705 §5: keyward's own TLS listener asks for certificates at the issuer; a proxy may sit elsewhere (MTLS_ENDPOINT_BASE_URL). */
  private mtlsBaseUrl(): string | undefined {
    const { tls, mtls, issuer } = this.config;
    if (!tls && mtls.clientCertHeader === undefined) return undefined;
    return mtls.endpointBaseUrl ?? issuer;
  }
}
