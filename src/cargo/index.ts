export { readCargoProject, DEFAULT_TRIPLES } from './project';
export { CargoError } from './errors';
export * from './model';
