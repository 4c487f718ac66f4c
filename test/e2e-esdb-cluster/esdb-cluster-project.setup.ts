// Runs before every test file of the esdb-cluster Jest project: startKeyward() and the adapter's contract
// tests then run on a three-node cluster double (libs/testing/src/esdb-double/esdb-cluster.ts), unless
// EVENTSTORE_URL names a real server. Jest gives each test file its own process.env copy.
process.env.KEYWARD_E2E_EVENT_STORE = 'esdb';
process.env.KEYWARD_ESDB_TOPOLOGY = 'cluster';
