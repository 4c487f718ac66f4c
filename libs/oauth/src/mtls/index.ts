export * from './presented-certificate';
export * from './certificate-names';
export * from './forwarded-client-certificate';
export * from './client-certificate-reader';
export * from './client-certificate-verifier';
export * from './certificate-binding';
