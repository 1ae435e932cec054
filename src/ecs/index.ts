export * from './rust-image';
export * from './rust-container-options';
export * from './rust-container';
export * from './rust-fargate-task-definition';
