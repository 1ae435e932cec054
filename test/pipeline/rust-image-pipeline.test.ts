import { createHash } from 'crypto';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Artifact } from 'aws-cdk-lib/aws-codepipeline';
import { CodeStarConnectionsSourceAction, ManualApprovalAction } from 'aws-cdk-lib/aws-codepipeline-actions';
import { FlowLogDestination, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Cluster, ContainerInsights, FargateService } from 'aws-cdk-lib/aws-ecs';
import { RustFargateTaskDefinition } from '../../src/ecs/rust-fargate-task-definition';
import { BuildStrategy } from '../../src/image/build-strategy';
import { RustMultiArchImage } from '../../src/image/rust-multi-arch-image';
import { RustImagePipeline } from '../../src/pipeline/rust-image-pipeline';
import { RustImagePipelineProps } from '../../src/pipeline/rust-image-pipeline-props';
import { caseImage, testStack } from '../ecs/support';
import { cfnLint } from '../support/cfn-lint';
import { nagFindings } from '../support/nag';

const CONNECTION = 'arn:aws:codeconnections:eu-west-1:123456789012:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

function source(): CodeStarConnectionsSourceAction {
  return new CodeStarConnectionsSourceAction({ actionName: 'Source', connectionArn: CONNECTION, owner: 'acme', repo: 'svc', branch: 'main', output: new Artifact('Source') });
}

function service(stack: Stack, image: RustMultiArchImage, id: string, containerName?: string): FargateService {
  const cluster = (stack.node.tryFindChild('Cluster') as Cluster | undefined) ?? new Cluster(stack, 'Cluster', {
    vpc: new Vpc(stack, 'Vpc', { maxAzs: 2, flowLogs: { all: { destination: FlowLogDestination.toCloudWatchLogs() } } }),
    containerInsightsV2: ContainerInsights.ENABLED,
  });
  const taskDefinition = new RustFargateTaskDefinition(stack, `${id}Task`, { image, container: containerName ? { containerName } : undefined });
  return new FargateService(stack, id, { cluster, taskDefinition });
}

type PipelineTestProps = Partial<RustImagePipelineProps> & { strategy?: BuildStrategy };

function pipelineOf(props: PipelineTestProps = {}): { stack: Stack; template: Template; image: RustMultiArchImage } {
  const { stack } = testStack('Delivery');
  const image = caseImage(stack, 'B31', { ports: [8080], strategy: props.strategy });
  new RustImagePipeline(stack, 'Pipeline', { image, source: source(), services: [{ service: service(stack, image, 'Api') }], ...props });
  return { stack, template: Template.fromStack(stack), image };
}

/** The buildspec object of the pipeline's CodeBuild project. */
function pipelineBuildspec(template: Template): any {
  const projects = template.findResources('AWS::CodeBuild::Project', { Properties: { Source: { Type: 'CODEPIPELINE' } } });
  const [project] = Object.values(projects);
  const text = (project.Properties.Source.BuildSpec['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : 'TOKEN')).join('');
  return JSON.parse(text);
}

describe('RustImagePipeline', () => {
  test('is a V2 pipeline with Source, Build and one Deploy stage per service', () => {
    // GIVEN / WHEN
    const { template } = pipelineOf();

    // THEN
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      PipelineType: 'V2',
      RestartExecutionOnUpdate: false,
      Stages: [
        { Name: 'Source', Actions: [Match.objectLike({ Name: 'Source', ActionTypeId: Match.objectLike({ Provider: 'CodeStarSourceConnection' }), OutputArtifacts: [{ Name: 'Source' }] })] },
        {
          Name: 'Build',
          Actions: [Match.objectLike({
            Name: 'BuildImage',
            ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' },
            InputArtifacts: [{ Name: 'Source' }],
            OutputArtifacts: [{ Name: 'image_index' }],
            Configuration: {
              ProjectName: { Ref: Match.stringLikeRegexp('^PipelineBuildProject') },
              BatchEnabled: 'true',
              EnvironmentVariables: '[{"name":"IMAGE_TAG","type":"PLAINTEXT","value":"#{codepipeline.PipelineExecutionId}"}]',
            },
          })],
        },
        {
          Name: 'Deploy-Api',
          Actions: [Match.objectLike({
            Name: 'Deploy',
            ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'ECS', Version: '1' },
            InputArtifacts: [{ Name: 'image_index' }],
            Configuration: { ClusterName: { Ref: Match.stringLikeRegexp('^Cluster') }, ServiceName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Api'), 'Name'] }, FileName: 'imagedefinitions-app.json' },
          })],
        },
      ],
    });
  });

  test('runs the image\'s own batch graph, restrictions and timeout on the pipeline source', () => {
    // GIVEN / WHEN
    const { template } = pipelineOf();

    // THEN the pipeline project is a batch project with the image project's limits
    const image = Object.values(template.findResources('AWS::CodeBuild::Project', { Properties: { Source: { Type: 'S3' } } }))[0];
    template.hasResourceProperties('AWS::CodeBuild::Project', {
      Source: { Type: 'CODEPIPELINE', BuildSpec: Match.anyValue() },
      Artifacts: { Type: 'CODEPIPELINE' },
      Environment: { Type: 'LINUX_CONTAINER', Image: 'aws/codebuild/standard:7.0', ComputeType: 'BUILD_GENERAL1_SMALL', PrivilegedMode: true, ImagePullCredentialsType: 'CODEBUILD' },
      TimeoutInMinutes: 50,
      BuildBatchConfig: { ...image.Properties.BuildBatchConfig, ServiceRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineBuildProjectBatchServiceRole'), 'Arn'] } },
    });
    const buildspec = pipelineBuildspec(template);
    expect(buildspec.batch['build-graph'].map((n: any) => [n.identifier, n.env.type, n.env.image, n.env['compute-type']])).toEqual([
      ['build_amd64', 'LINUX_CONTAINER', 'aws/codebuild/standard:7.0', 'BUILD_GENERAL1_LARGE'],
      ['build_arm64', 'ARM_CONTAINER', 'aws/codebuild/amazonlinux2-aarch64-standard:3.0', 'BUILD_GENERAL1_LARGE'],
      ['image_index', 'LINUX_CONTAINER', 'aws/codebuild/standard:7.0', 'BUILD_GENERAL1_SMALL'],
    ]);
    expect(buildspec.env.variables).toMatchObject({ DOCKERFILE: 'Dockerfile', DOCKERIGNORE: '.dockerignore', BUILD_CONTEXT: '.', IMAGE_TAG: '', OUTPUT_DIR: '.rust-multiarch-pipeline' });
    expect(buildspec.artifacts).toEqual({ 'base-directory': '.rust-multiarch-pipeline', 'files': ['**/*'] });
  });

  test('checks the committed Dockerfile against the one the image plan rendered', () => {
    // GIVEN / WHEN
    const { template, image } = pipelineOf({ contextPath: './services/api/', dockerfilePath: 'services/api/docker/Dockerfile' });

    // THEN
    const buildspec = pipelineBuildspec(template);
    expect(buildspec.env.variables).toMatchObject({
      DOCKERFILE: 'services/api/docker/Dockerfile',
      DOCKERIGNORE: 'services/api/.dockerignore',
      BUILD_CONTEXT: 'services/api',
      DOCKERFILE_SHA256: createHash('sha256').update(image._build.rendered.dockerfile).digest('hex'),
      DOCKERIGNORE_SHA256: createHash('sha256').update(image._build.rendered.dockerignore).digest('hex'),
    });
  });

  test('the build project may push to the image and cache repositories; the build action may only drive its own batch', () => {
    // GIVEN / WHEN
    const { template } = pipelineOf();

    // THEN
    const push = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'ecr:CompleteLayerUpload', 'ecr:UploadLayerPart', 'ecr:InitiateLayerUpload', 'ecr:PutImage'];
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^PipelineBuildProjectRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: push, Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ImageRepository'), 'Arn'] } },
          { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
          { Action: 'ecr:DescribeImages', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ImageRepository'), 'Arn'] } },
          { Action: push, Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ImageCacheRepository'), 'Arn'] } },
        ]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^PipelineBuildProjectBatchServiceRole') }],
      PolicyDocument: { Statement: [{ Action: ['codebuild:StartBuild', 'codebuild:StopBuild', 'codebuild:RetryBuild'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineBuildProject'), 'Arn'] } }] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^PipelineBuildBuildImageCodePipelineActionRole') }],
      PolicyDocument: { Statement: [{ Action: ['codebuild:BatchGetBuildBatches', 'codebuild:StartBuildBatch', 'codebuild:StopBuildBatch'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineBuildProject'), 'Arn'] } }] },
    });
  });

  test('stops for a manual approval between build and deploy when asked', () => {
    // GIVEN / WHEN
    const { template } = pipelineOf({ manualApproval: true });

    // THEN
    const [pipeline] = Object.values(template.findResources('AWS::CodePipeline::Pipeline'));
    expect(pipeline.Properties.Stages.map((s: any) => s.Name)).toEqual(['Source', 'Build', 'Approve', 'Deploy-Api']);
    expect(pipeline.Properties.Stages[2].Actions[0].ActionTypeId).toEqual({ Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' });
  });

  test('deploys each service with the image definitions of its own container', () => {
    // GIVEN two services whose containers have different names
    const { stack } = testStack('Delivery');
    const image = caseImage(stack, 'B31', { ports: [8080] });
    const api = service(stack, image, 'Api');
    const worker = service(stack, image, 'Worker', 'worker');

    // WHEN
    new RustImagePipeline(stack, 'Pipeline', { image, source: source(), services: [{ service: api }, { service: worker }] });

    // THEN
    const template = Template.fromStack(stack);
    const [pipeline] = Object.values(template.findResources('AWS::CodePipeline::Pipeline'));
    expect(pipeline.Properties.Stages.slice(2).map((s: any) => [s.Name, s.Actions[0].Configuration.FileName])).toEqual([
      ['Deploy-Api', 'imagedefinitions-app.json'],
      ['Deploy-Worker', 'imagedefinitions-worker.json'],
    ]);
    const last = pipelineBuildspec(template).phases.build.commands.slice(-2);
    expect(last).toEqual([
      expect.stringContaining('> "$OUTPUT_DIR/imagedefinitions-app.json"; fi'),
      expect.stringContaining('> "$OUTPUT_DIR/imagedefinitions-worker.json"; fi'),
    ]);
  });

  test('the deploy role may update only its service and pass only its task definition\'s roles', () => {
    // WHEN
    const { stack, template } = pipelineOf();

    // THEN
    const statements = Object.entries<any>(template.findResources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith('PipelineDeployApiRole'))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const serviceArn = stack.resolve((stack.node.findChild('Api') as FargateService).serviceArn);
    const task = stack.node.findChild('ApiTask') as RustFargateTaskDefinition;
    expect(statements).toContainEqual({ Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Effect: 'Allow', Resource: serviceArn });
    expect(statements).toContainEqual({
      Action: 'iam:PassRole',
      Effect: 'Allow',
      Resource: [stack.resolve(task.taskRole.roleArn), stack.resolve(task.executionRole!.roleArn)],
      Condition: { StringEqualsIfExists: { 'iam:PassedToService': ['ecs-tasks.amazonaws.com'] } },
    });
    const wildcard = statements.filter((st) => st.Resource === '*').flatMap((st) => [].concat(st.Action));
    expect(wildcard.sort()).toEqual(['ecs:DescribeTaskDefinition', 'ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:RegisterTaskDefinition', 'ecs:TagResource']);
  });

  test('with the CROSS strategy the output artifact is the single node\'s', () => {
    // GIVEN / WHEN
    const { template } = pipelineOf({ strategy: BuildStrategy.CROSS });

    // THEN
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([Match.objectLike({ Name: 'Build', Actions: [Match.objectLike({ OutputArtifacts: [{ Name: 'build_cross' }] })] })]),
    });
    expect(pipelineBuildspec(template).batch['build-graph'].map((n: any) => n.identifier)).toEqual(['build_cross']);
  });

  test('builds the toolchain stage inline when the image uses a reusable toolchain image (its Dockerfile is not in the source)', () => {
    // GIVEN / WHEN
    const { stack } = testStack('Delivery');
    const image = caseImage(stack, 'B31', { toolchainImage: true });
    new RustImagePipeline(stack, 'Pipeline', { image, source: source(), services: [{ service: service(stack, image, 'Api') }] });

    // THEN the image's own buildspec uses the toolchain image, the pipeline's does not
    const template = Template.fromStack(stack);
    const [own] = Object.values(template.findResources('AWS::CodeBuild::Project', { Properties: { Source: { Type: 'S3' } } }));
    expect(JSON.stringify(own.Properties.Source.BuildSpec)).toContain('TOOLCHAIN_DOCKERFILE');
    expect(Object.keys(pipelineBuildspec(template).env.variables)).not.toContain('TOOLCHAIN_DOCKERFILE');
  });

  test('a pipeline with two services and an approval passes cfn-lint and cdk-nag', () => {
    // GIVEN a stack bound to a region only, so the VPC's zones are looked up at deploy time
    const app = new App();
    const stack = new Stack(app, 'Delivery', { env: { region: 'eu-west-1' } });
    const image = caseImage(stack, 'B31', { ports: [8080] });
    const services = [{ service: service(stack, image, 'Api') }, { service: service(stack, image, 'Worker', 'worker') }];

    // WHEN
    new RustImagePipeline(stack, 'Pipeline', { image, source: source(), services, manualApproval: true });

    // THEN
    expect(cfnLint(Template.fromStack(stack).toJSON())).toEqual([]);
    expect(nagFindings(app)).toEqual([]);
  });

  test('fails without services', () => {
    // GIVEN
    const { stack } = testStack('Delivery');
    const image = caseImage(stack, 'B31');

    // WHEN / THEN
    expect(() => new RustImagePipeline(stack, 'Pipeline', { image, source: source(), services: [] })).toThrow(
      /^RustImagePipeline Delivery\/Pipeline: services is empty; give at least one ECS service to deploy the image to\.$/,
    );
  });

  test('fails when the source action has no output artifact', () => {
    // GIVEN an action with no output
    const { stack } = testStack('Delivery');
    const image = caseImage(stack, 'B31');
    const api = service(stack, image, 'Api');

    // WHEN / THEN
    expect(() => new RustImagePipeline(stack, 'Pipeline', { image, source: new ManualApprovalAction({ actionName: 'Gate' }), services: [{ service: api }] })).toThrow(
      /^RustImagePipeline Delivery\/Pipeline: the source action 'Gate' has no output artifact; give it `output: new Artifact\(\)`\.$/,
    );
  });

  test('fails on a context path outside the source', () => {
    // GIVEN
    const { stack } = testStack('Delivery');
    const image = caseImage(stack, 'B31');
    const api = service(stack, image, 'Api');

    // WHEN / THEN
    expect(() => new RustImagePipeline(stack, 'Pipeline', { image, source: source(), services: [{ service: api }], contextPath: '../api' })).toThrow(
      /^RustImagePipeline Delivery\/Pipeline: contextPath '\.\.\/api' must be a relative path inside the source artifact/,
    );
  });
});
