export * from './rust-image-pipeline-props';
export * from './rust-image-pipeline';
