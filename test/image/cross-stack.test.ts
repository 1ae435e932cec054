import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { FargateTaskDefinition } from 'aws-cdk-lib/aws-ecs';
import { RustMultiArchImage } from '../../src';
import { warnIfCrossStack } from '../../src/image/cross-stack';
import { caseDir } from '../support/shared';

const ENV = { account: '123456789012', region: 'eu-west-1' };

function containerIn(scope: Stack | NestedStack, image: RustMultiArchImage): void {
  new FargateTaskDefinition(scope, 'Task', { cpu: 256, memoryLimitMiB: 512 }).addContainer('Web', { image: image.toEcsImage() });
}

describe('an image used from another stack', () => {
  test('toEcsImage bound in another top-level stack warns on the container, naming both stacks and the fix', () => {
    // GIVEN the image in stack Images and its service in stack Services
    const app = new App();
    const images = new Stack(app, 'Images', { env: ENV });
    const services = new Stack(app, 'Services', { env: ENV });
    const image = new RustMultiArchImage(images, 'Api', { path: caseDir('B27') });
    // WHEN
    containerIn(services, image);
    // THEN
    Annotations.fromStack(services).hasWarning('/Services/Task/Web', Match.stringLikeRegexp(
      '^The container Services/Task/Web uses the image Images/Api of stack Images from stack Services\\. Its digest changes with every ' +
      'build and reaches this stack through a CloudFormation export, which CloudFormation refuses to update while it is imported: ' +
      'the next build would fail the deploy of Images\\. Create the image in Services \\(or a nested stack of it\\), or pass the image ' +
      'URI between the stacks yourself \\(an SSM parameter\\)\\. \\[ack: cdk-rust-multiarch:image:cross-stack-reference\\]$'));
  });

  test('the same stack and a nested stack of it do not warn', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: ENV });
    const image = new RustMultiArchImage(new NestedStack(stack, 'Images'), 'Api', { path: caseDir('B27') });
    containerIn(stack, image);
    containerIn(new NestedStack(stack, 'Services'), image);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('cross-stack-reference'));
  });

  test('the helper ignores an image that is not a construct', () => {
    const stack = new Stack(new App(), 'S');
    warnIfCrossStack({ imageDigest: 'sha256:x' }, stack, 'x');
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});
