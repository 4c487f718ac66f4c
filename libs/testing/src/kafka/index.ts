export { startKafkaBroker, type KafkaBroker } from './kafka-broker';
export { kafkaBrokersForTests } from './kafka-brokers-for-tests';
