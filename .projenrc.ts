import { awscdk, javascript, DependencyType } from 'projen';

// aws-cdk-lib floor for users: cdk-nag 3 needs 2.257, and the construct uses nothing newer.
const CDK_FLOOR = '2.257.0';
// What we develop and test against: a recent release, so Lambda runtimes and cfn specs are current.
const CDK_DEV = '2.278.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-rust-multiarch',
  description:
    'Multi-arch (amd64 + arm64) container images for Rust services on AWS: cargo-chef + cargo-zigbuild Dockerfiles, native CodeBuild builders, one ECR image index.',
  author: 'cdk-rust-multiarch maintainers',
  authorAddress: 'maintainers@cdk-rust-multiarch.invalid',
  repositoryUrl: 'https://github.com/cdk-rust-multiarch/cdk-rust-multiarch.git',
  keywords: ['cdk', 'rust', 'docker', 'multi-arch', 'arm64', 'graviton', 'codebuild', 'ecr', 'cargo-zigbuild', 'cargo-chef'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',
  peerDependencyOptions: { pinnedDevDependency: false },

  cdkVersion: CDK_FLOOR,
  constructsVersion: '10.5.1',
  // TypeScript 7 is rejected by ts-jest and typescript-eslint; stay on the 6.0 line.
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',

  // Only npm is reachable from where this is built; the API stays jsii-clean all the same.
  publishToPypi: undefined,
  publishToMaven: undefined,
  publishToNuget: undefined,
  publishToGo: undefined,

  bundledDeps: ['@iarna/toml@2.2.5'],
  // RustServiceProject extends projen's Project: jsii needs projen's types from a peer dependency,
  // and the generated project brings its own projen.
  peerDeps: ['projen@^0.103.25'],
  // The deploy-time trigger (src/**/*.lambda.ts) is bundled by projen with esbuild and runs on a
  // current Node line with the AWS SDK v3 of the runtime (never bundled).
  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_22_X,
    bundlingOptions: { externals: ['@aws-sdk/*'] },
  },
  devDeps: [
    'cdk-nag@^3.0.2',
    'dockerfile-utils@^0.16.0',
    'dockerfile-ast@^0.7.0',
    'yaml@^2.6.0',
    '@aws-sdk/client-codebuild@^3',
    '@aws-sdk/client-ecr@^3',
    '@types/aws-lambda@^8',
    'aws-sdk-client-mock@^4',
    'esbuild',
  ],

  bin: { 'cdk-rust-multiarch': 'lib/cli/main.js' },

  jestOptions: {
    // A snapshot must be able to fail: never rewrite them in the test task. Update on purpose with
    // `npx jest -u`.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // A run that finds no test is a broken run, not a green one.
    passWithNoTests: false,
    jestConfig: {
      testTimeout: 120_000,
      // Jest's default leaves one of CI's two cores idle; the suites spawn cfn-lint and shellcheck,
      // so two workers keep both cores busy.
      maxWorkers: 2,
    },
  },

  githubOptions: { mergify: false },
  gitignore: ['/cdk.out/', '/examples/**/cdk.out/', '/examples/**/target/', '/.bench/'],
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/bench/', '/.ci/', '/scripts/'] },
});

// The peer dependencies keep the floor; development uses a recent aws-cdk-lib (peerDependencyOptions
// below stops projen from pinning the dev copy to the floor).
project.deps.addDependency(`aws-cdk-lib@${CDK_DEV}`, DependencyType.BUILD);
project.deps.addDependency('constructs@10.5.1', DependencyType.BUILD);
// projen asks for the `ts6.0` dist-tag of @types/node, which the registry does not publish; take the
// types of the oldest Node line we support.
project.deps.removeDependency('@types/node', DependencyType.BUILD);
project.deps.addDependency('@types/node@^20', DependencyType.BUILD);

// The deploy-time trigger's shared handler code (beside the *.lambda.ts entry points) imports the AWS SDK
// v3, which the Lambda runtime provides and the bundle leaves out: a dev dependency, never a runtime one.
project.eslint?.allowDevDeps('src/image/trigger/**');
// ts-jest transpiles the tests without type-checking them (isolatedModules), and the examples and
// benchmarks run with ts-node --transpile-only: type-check all of them first.
project.testTask.prependExec('tsc --noEmit -p examples/tsconfig.json');
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');

// Only Lambda handler code logs (through its one logger); everything else throws or annotates.
project.eslint?.addRules({ 'no-console': 'error' });

// Benchmarks are scripts, not tests: speed targets are measured, never asserted by timed tests.
// The README's main job: synthesize the example app and show what was generated.
const example = project.addTask('example', {
  description: 'Synthesize the example app (examples/main.ts) to examples/cdk.out and print a summary',
});
example.spawn(project.tasks.tryFind('bundle')!);
example.exec('ts-node --transpile-only --project test/tsconfig.json examples/main.ts');

const bench = project.addTask('bench', {
  description: 'Time reading, planning and rendering every corpus project, and synthesis against DockerImageAsset (bench/run.ts)',
});
// The synthesized apps reference the bundled deploy-time trigger.
bench.spawn(project.tasks.tryFind('bundle')!);
bench.exec('ts-node --transpile-only --project test/tsconfig.json bench/run.ts');

project.synth();
