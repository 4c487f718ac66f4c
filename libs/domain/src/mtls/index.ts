export * from './tls-client-auth';
