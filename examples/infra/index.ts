export { buildServiceStack } from './service-stack';
export { buildPipelineStack } from './pipeline-stack';
