export * from './option-values';
export * from './options';
export * from './model';
export { planBuild } from './plan';
export type { PlanContext } from './plan';
export { VERSIONS, GLIBC_OF_BASE, checkPinned } from './versions';
export { DEFAULT_MIRROR } from './images';
export { planDirectory, readOptionsOf } from './from-directory';
export type { PlannedProject } from './from-directory';
