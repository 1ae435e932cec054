import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { addHelloApiService, exampleStack } from './hello-api-service';

/**
 * The ALB Fargate service example: hello-api built for amd64 and arm64 by CodeBuild at deploy time,
 * run on ARM64 Fargate behind a public load balancer, pinned to the image index digest.
 */
export function buildServiceStack(app: App): Stack {
  const stack = exampleStack(app, 'HelloApiService');
  const { image, service } = addHelloApiService(stack);
  new CfnOutput(stack, 'ImageUri', { value: image.imageUri, description: 'The image index, by digest' });
  new CfnOutput(stack, 'Url', { value: `http://${service.loadBalancer.loadBalancerDnsName}/`, description: 'The service' });
  return stack;
}
