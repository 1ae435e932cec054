import { Annotations, NestedStack, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/**
 * The warning for an image used from another stack. The digest (and the tag) of an image change
 * with every new build; across top-level stacks they travel as CloudFormation exports, and
 * CloudFormation refuses to update an export another stack imports, so the image's stack fails to
 * deploy after the next source change. Nested stacks pass values as parameters, which may change.
 */

export const CROSS_STACK_WARNING_ID = 'cdk-rust-multiarch:image:cross-stack-reference';

/**
 * Warns on `consumer` when it is in another top-level stack than `image`. For every place the
 * library wires an image into a consumer (ECS container images, Lambda code).
 */
export function warnIfCrossStack(image: unknown, consumer: IConstruct, use: string): void {
  if (!Construct.isConstruct(image)) {
    return;
  }
  const imageStack = topLevelStack(image);
  const consumerStack = topLevelStack(consumer);
  if (imageStack === consumerStack) {
    return;
  }
  Annotations.of(consumer).addWarningV2(CROSS_STACK_WARNING_ID,
    `${use} uses the image ${image.node.path} of stack ${imageStack.stackName} from stack ${consumerStack.stackName}. Its digest ` +
    'changes with every build and reaches this stack through a CloudFormation export, which CloudFormation refuses to update ' +
    `while it is imported: the next build would fail the deploy of ${imageStack.stackName}. Create the image in ` +
    `${consumerStack.stackName} (or a nested stack of it), or pass the image URI between the stacks yourself (an SSM parameter).`);
}

function topLevelStack(scope: IConstruct): Stack {
  let stack = Stack.of(scope);
  while (NestedStack.isNestedStack(stack) && stack.nestedStackParent) {
    stack = stack.nestedStackParent;
  }
  return stack;
}
