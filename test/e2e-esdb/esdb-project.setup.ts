// Runs before every test file of the esdb Jest project: startKeyward() then boots each server on
// EventStoreDB (see test/support/keyward-under-test.ts). Jest gives each test file its own process.env copy.
process.env.KEYWARD_E2E_EVENT_STORE = 'esdb';
