export * from './keyward-config';
export * from './config.errors';
export * from './load-config';
export * from './trusted-proxies';
export * from './tls-config';
export * from './audit-destination';
