export * from './bounded-json-fetch';
export * from './issuer-key-sets';
export * from './federation-issuer-unavailable';
export * from './federated-assertion-verifier';
export * from './federated-client-verifier';
