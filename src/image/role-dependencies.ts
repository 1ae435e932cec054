import { CfnResource, Stack } from 'aws-cdk-lib';
import { IRole, Role } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnStateMachine, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/**
 * CDK makes a function (and a state machine) depend on its whole role: the role and its default
 * policy. The role is already referenced with GetAtt, so cfn-lint reports the role in DependsOn as
 * redundant (W3005). This keeps only the policy, which is the dependency that matters: the function
 * must not run before its permissions exist.
 */
export function dependOnRolePoliciesOnly(scope: Construct): void {
  for (const c of scope.node.findAll()) {
    // the provider framework's waiter state machine keeps its role as a child named Role
    const child = c.node.tryFindChild('Role');
    const role = c instanceof LambdaFunction || c instanceof StateMachine ? c.role : child instanceof Role ? child : undefined;
    const resource = c.node.defaultChild;
    const ownsRole = c instanceof LambdaFunction || c instanceof StateMachine || resource instanceof CfnStateMachine;
    if (role && ownsRole && resource instanceof CfnResource) {
      resource.addOverride('DependsOn', policyLogicalIds(role));
    }
  }
}

/** Logical ids of the default policy of a role created in this app (none for imported roles). */
export function policyLogicalIds(role: IRole): string[] {
  const policy = role instanceof Role ? role.node.tryFindChild('DefaultPolicy')?.node.defaultChild : undefined;
  return policy instanceof CfnResource ? [Stack.of(policy).getLogicalId(policy)] : [];
}

/** The default policy construct of a role, when it has one. */
export function defaultPolicyOf(role: IRole | undefined): Construct[] {
  const policy = role instanceof Role ? role.node.tryFindChild('DefaultPolicy') : undefined;
  return policy ? [policy] : [];
}
