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

// Project options are not inherited from the top level, so both projects spread these.
const shared = {
  rootDir: __dirname,
  // .cache holds the Node 24 copy of the tree, build outputs and tools: never tests or modules of this run.
  modulePathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/dist/'],
  testEnvironment: 'node',
  // ESM-only packages are compiled to CommonJS for Jest (Node 20 runs them natively through require(esm)).
  // content-disposition 2 (under @fastify/static) and cookie 2 (under light-my-request, Fastify's inject) are ESM-only too.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|jose|openid-client|oauth4webapi|content-disposition|cookie|@fastify/static/node_modules/content-disposition|light-my-request/node_modules/cookie)/)',
  ],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc], '^.+\\.mjs$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@keyward/(domain|event-store|projections|oauth|audit|config|logging|application|testing)$': '<rootDir>/libs/$1/src',
    '^@keyward/(domain|event-store|projections|oauth|audit|config|logging|application|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'sqlite',
      testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
      // test/e2e-esdb needs EventStoreDB, test/e2e-esdb-cluster a cluster; they run in those projects only.
      testPathIgnorePatterns: [
        '/node_modules/',
        '/dist/',
        '<rootDir>/.cache/',
        '<rootDir>/test/e2e-esdb/',
        '<rootDir>/test/e2e-esdb-cluster/',
      ],
    },
    {
      ...shared,
      // The end-to-end suite again, on EventStoreDB (EVENTSTORE_URL when set, otherwise the test double),
      // plus the tests that only make sense there (store outage).
      displayName: 'esdb',
      testRegex: '/test/(e2e|e2e-esdb)/.*\\.e2e-spec\\.ts$',
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/.cache/'],
      setupFiles: ['<rootDir>/test/e2e-esdb/esdb-project.setup.ts'],
    },
    {
      ...shared,
      // The end-to-end suite and the adapter's contract once more, on a three-node cluster double (gossip
      // seeds, leader, followers), plus failover under load. The single-node outage test stays in esdb.
      displayName: 'esdb-cluster',
      testRegex: ['/test/(e2e|e2e-esdb-cluster)/.*\\.e2e-spec\\.ts$', '/libs/event-store/src/esdb/esdb-event-store\\.int-spec\\.ts$'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/.cache/'],
      setupFiles: ['<rootDir>/test/e2e-esdb-cluster/esdb-cluster-project.setup.ts'],
    },
  ],
  // One real Kafka broker for the run (unless KAFKA_BROKERS names one already, as .ci/run does).
  globalSetup: '<rootDir>/libs/testing/src/kafka/jest-global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/kafka/jest-global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
