export { startKafkaBroker, type KafkaBroker } from './kafka-broker';
