import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildServiceStack } from '../../examples/infra';
import { cfnLint } from '../support/cfn-lint';
import { nagFindings } from '../support/nag';

describe('examples/infra buildServiceStack (ALB Fargate service on ARM64)', () => {
  // GIVEN the example app's service stack, synthesized once
  const app = new App();
  const stack = buildServiceStack(app);
  const template = Template.fromStack(stack);

  test('every task definition runs on ARM64 Linux and pins the image index digest', () => {
    // WHEN
    const defs = Object.values(template.findResources('AWS::ECS::TaskDefinition'));

    // THEN
    expect(defs.map((d) => d.Properties.RuntimePlatform)).toEqual([{ CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' }]);
    expect(defs[0].Properties.ContainerDefinitions[0].Image['Fn::Join'][1].slice(-2)).toEqual(['@', { 'Fn::GetAtt': [expect.stringMatching(/^Image/), 'ImageDigest'] }]);
    expect(defs[0].Properties.ContainerDefinitions[0].PortMappings).toEqual([{ ContainerPort: 8080, Protocol: 'tcp' }]);
  });

  test('the load balancer checks /health on the container port', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { HealthCheckPath: '/health', Port: 80, TargetType: 'ip' });
    template.hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      DeploymentConfiguration: Match.objectLike({ DeploymentCircuitBreaker: { Enable: true, Rollback: true } }),
      LoadBalancers: [{ ContainerName: 'app', ContainerPort: 8080, TargetGroupArn: Match.anyValue() }],
    });
  });

  test('cfn-lint finds nothing', () => {
    expect(cfnLint(template.toJSON())).toEqual([]);
  });

  test('cdk-nag AwsSolutions finds nothing unacknowledged', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});
