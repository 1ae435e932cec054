// The jsii entry point: everything exported here is public API and must stay jsii-clean.
export * from './plan/option-values';
export * from './plan/options';
export * from './image';
export * from './projen';
export * from './ecs';
export * from './pipeline';
