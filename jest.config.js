// One runner for every tier; the file suffix says the tier (.spec / .int-spec / .e2e-spec).
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // ESM-only packages are compiled to CommonJS for Jest (Node 20 runs them natively through require(esm)).
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose|openid-client|oauth4webapi)/)'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc], '^.+\\.mjs$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@keyward/(domain|event-store|projections|oauth|audit|config|testing)$': '<rootDir>/libs/$1/src',
    '^@keyward/(domain|event-store|projections|oauth|audit|config|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
