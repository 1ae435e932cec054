import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildPipelineStack } from '../../examples/infra';
import { HELLO_API_DIR } from '../../examples/infra/hello-api-service';
import { RustMultiArchImage } from '../../src/image/rust-multi-arch-image';
import { cfnLint } from '../support/cfn-lint';
import { nagFindings } from '../support/nag';

describe('examples/infra buildPipelineStack', () => {
  // GIVEN the example app's pipeline stack, synthesized once
  const app = new App();
  const stack = buildPipelineStack(app);
  const template = Template.fromStack(stack);

  test('has the stages Source, Build, Approve and Deploy-Service', () => {
    const [pipeline] = Object.values(template.findResources('AWS::CodePipeline::Pipeline'));
    expect(pipeline.Properties.PipelineType).toBe('V2');
    expect(pipeline.Properties.Stages.map((s: any) => [s.Name, s.Actions.map((a: any) => a.ActionTypeId.Provider)])).toEqual([
      ['Source', ['S3']], ['Build', ['CodeBuild']], ['Approve', ['Manual']], ['Deploy-Service', ['ECS']],
    ]);
  });

  test('the committed hello-api Dockerfile and .dockerignore are the ones the pipeline checks for', () => {
    // WHEN the image's rendered files are compared with the committed ones
    const image = stack.node.findChild('Image') as RustMultiArchImage;

    // THEN (regenerate with: cdk-rust-multiarch dockerfile examples/hello-api --ports 8080 --output examples/hello-api/Dockerfile, same for dockerignore)
    expect(fs.readFileSync(path.join(HELLO_API_DIR, 'Dockerfile'), 'utf8')).toBe(image._build.rendered.dockerfile);
    expect(fs.readFileSync(path.join(HELLO_API_DIR, '.dockerignore'), 'utf8')).toBe(image._build.rendered.dockerignore);
  });

  test('cfn-lint finds nothing', () => {
    expect(cfnLint(template.toJSON())).toEqual([]);
  });

  test('cdk-nag AwsSolutions finds nothing unacknowledged', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});
