export * from './federation-trust';
export * from './federation-trust.rules';
export * from './subject-match';
export * from './claim-conditions';
