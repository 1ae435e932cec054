import * as path from 'path';
import { CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { FlowLogDestination, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Cluster, ContainerInsights } from 'aws-cdk-lib/aws-ecs';
import { ApplicationLoadBalancedFargateService } from 'aws-cdk-lib/aws-ecs-patterns';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { RustFargateTaskDefinition, RustMultiArchImage } from '../../src';

/** The hello-api service of examples/hello-api: its image, and an ALB Fargate service on ARM64 (Graviton). */
export interface HelloApiService {
  readonly image: RustMultiArchImage;
  readonly service: ApplicationLoadBalancedFargateService;
}

/** Where examples/hello-api is, from this file. */
export const HELLO_API_DIR = path.join(__dirname, '..', 'hello-api');

/** Adds the image, a VPC, a cluster and the load-balanced service to `scope`. */
export function addHelloApiService(scope: Construct): HelloApiService {
  const image = new RustMultiArchImage(scope, 'Image', { path: HELLO_API_DIR, ports: [8080] });

  const vpc = new Vpc(scope, 'Vpc', {
    maxAzs: 2,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: SubnetType.PUBLIC },
      { name: 'private', subnetType: SubnetType.PRIVATE_WITH_EGRESS },
    ],
    flowLogs: { all: { destination: FlowLogDestination.toCloudWatchLogs() } },
  });
  const cluster = new Cluster(scope, 'Cluster', { vpc, containerInsightsV2: ContainerInsights.ENABLED });

  // the task definition carries the architecture; the pattern only gets it (case B31)
  const taskDefinition = new RustFargateTaskDefinition(scope, 'Task', { image, cpu: 256, memoryLimitMiB: 512 });
  const service = new ApplicationLoadBalancedFargateService(scope, 'Service', {
    cluster,
    taskDefinition,
    desiredCount: 2,
    publicLoadBalancer: true,
    circuitBreaker: { rollback: true },
    minHealthyPercent: 100,
  });
  // the service needs the listener (and the task role) before it starts; the target group it
  // references already, which cfn-lint reports as a redundant DependsOn (W3005)
  const cfnService = service.service.node.defaultChild as CfnResource;
  cfnService.addOverride('DependsOn', [service.listener, taskDefinition.taskRole].map((c) => Stack.of(scope).getLogicalId(c.node.defaultChild as CfnResource)));
  service.targetGroup.configureHealthCheck({ path: '/health', interval: Duration.seconds(15), healthyThresholdCount: 2 });

  const accessLogs = new Bucket(scope, 'AccessLogs', {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(accessLogs).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This bucket receives the load balancer access logs; logging access to the log bucket itself would need a bucket without end.',
  });
  service.loadBalancer.logAccessLogs(accessLogs, 'alb');
  Validations.of(service.loadBalancer).acknowledge({
    id: 'AwsSolutions-EC23',
    reason: 'A public web service: its load balancer accepts HTTP from anywhere; the tasks only accept traffic from the load balancer.',
  });
  return { image, service };
}

/** The stack name and environment of the examples: a region with Graviton CodeBuild hosts. */
export const EXAMPLE_ENV = { region: 'eu-west-1' };

/** Returns the stack the service stack examples share. */
export function exampleStack(scope: Construct, id: string): Stack {
  return new Stack(scope, id, { env: EXAMPLE_ENV });
}
