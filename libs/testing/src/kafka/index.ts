export { startKafkaBroker, type KafkaBroker, type SecureListener } from './kafka-broker';
export { kafkaBrokersForTests } from './kafka-brokers-for-tests';
