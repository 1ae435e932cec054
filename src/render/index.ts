export { renderDockerfile } from './dockerfile';
export { renderToolchainDockerfile } from './toolchain-dockerfile';
export { renderDockerignore } from './dockerignore';
