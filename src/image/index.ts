export * from './build-strategy';
export * from './rust-multi-arch-image-props';
export * from './rust-multi-arch-image';
