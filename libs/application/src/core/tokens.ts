/** Injection tokens for what is not a class: the config, the store port, the clock. */
export const KEYWARD_CONFIG = Symbol('KEYWARD_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CLOCK = Symbol('CLOCK');
export const READ_MODEL_CONSISTENCY = Symbol('READ_MODEL_CONSISTENCY');

export type Clock = () => Date;
