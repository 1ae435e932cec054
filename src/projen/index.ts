export * from './rust-service-dockerfile';
export * from './rust-service-project-options';
export * from './rust-service-project';
