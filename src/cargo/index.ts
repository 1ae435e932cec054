export { readCargoProject, DEFAULT_TRIPLES } from './project';
export { CargoError } from './errors';
export { knownNativeCrates, nativeNeed } from './native-needs';
export * from './model';
