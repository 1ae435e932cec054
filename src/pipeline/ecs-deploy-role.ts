import { BaseService, IBaseService } from 'aws-cdk-lib/aws-ecs';
import { AccountRootPrincipal, AddToPrincipalPolicyResult, IRole, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * The role of one ECS deploy action, scoped to the service it deploys. CDK's EcsDeployAction adds
 * `ecs:UpdateService`, `ecs:DescribeServices` and `iam:PassRole` on `*` to whatever role it is given;
 * it gets a view of this role that drops those two wildcard statements, and the role holds scoped
 * ones instead: UpdateService/DescribeServices on the service, PassRole on its task definition's task
 * and execution roles. RegisterTaskDefinition, DescribeTaskDefinition, DescribeTasks, ListTasks and
 * TagResource stay on `*` (RegisterTaskDefinition and DescribeTaskDefinition have no resource-level
 * permission; the new revision's ARN is unknown before it is registered).
 */
export function ecsDeployRole(scope: Construct, id: string, service: IBaseService): IRole {
  const role = new Role(scope, id, { assumedBy: new AccountRootPrincipal() });
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ecs:DescribeServices', 'ecs:UpdateService'], resources: [service.serviceArn] }));
  role.addToPrincipalPolicy(new PolicyStatement({
    actions: ['ecs:DescribeTaskDefinition', 'ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:RegisterTaskDefinition', 'ecs:TagResource'],
    resources: ['*'],
  }));
  // a service imported by ARN has no task definition here: its roles are unknown, so PassRole stays on *
  const task = service instanceof BaseService ? service.taskDefinition : undefined;
  const passed = task ? [task.taskRole, task.executionRole].filter((r): r is IRole => r !== undefined).map((r) => r.roleArn) : ['*'];
  role.addToPrincipalPolicy(new PolicyStatement({
    actions: ['iam:PassRole'],
    resources: passed,
    conditions: { StringEqualsIfExists: { 'iam:PassedToService': ['ecs-tasks.amazonaws.com'] } },
  }));

  const view = Object.create(role) as Role;
  view.addToPrincipalPolicy = (statement: PolicyStatement): AddToPrincipalPolicyResult =>
    isWildcardDeployStatement(statement) ? { statementAdded: true, policyDependable: role } : role.addToPrincipalPolicy(statement);
  view.addToPolicy = (statement: PolicyStatement): boolean => view.addToPrincipalPolicy(statement).statementAdded;
  return view;
}

/** CDK's own `ecs:*` and `iam:PassRole` statements on `*`, which the role above replaces. */
function isWildcardDeployStatement(statement: PolicyStatement): boolean {
  const json = statement.toStatementJson();
  const resources = ([] as string[]).concat(json.Resource ?? []);
  const actions = ([] as string[]).concat(json.Action ?? []);
  return resources.length === 1 && resources[0] === '*' && actions.length > 0 &&
    (actions.every((a) => a.startsWith('ecs:')) ? actions.includes('ecs:UpdateService') : actions.every((a) => a === 'iam:PassRole'));
}
