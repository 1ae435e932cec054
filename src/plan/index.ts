export * from './option-values';
export * from './options';
export * from './model';
export { planBuild, PlanContext } from './plan';
export { VERSIONS, GLIBC_OF_BASE, checkPinned } from './versions';
export { DEFAULT_MIRROR } from './images';
export { planDirectory, readOptionsOf, PlannedProject } from './from-directory';
