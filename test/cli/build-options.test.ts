import { parseArgs, UsageError } from '../../src/cli/args';
import { BUILD_OPTION_SPEC, buildOptionsOf } from '../../src/cli/build-options';

const parse = (...argv: string[]) => buildOptionsOf(parseArgs(['dockerfile', ...argv], { dockerfile: BUILD_OPTION_SPEC }));

describe('buildOptionsOf', () => {
  test('--env and --build-env are repeatable KEY=VALUE pairs kept whole, commas included', () => {
    // GIVEN runtime and build variables WHEN parsed
    const o = parse('--env', 'HOST=0.0.0.0', '--env=CORS=a,b', '--build-env', 'KANIDM_BUILD_PROFILE=container_generic');
    // THEN each becomes one entry of the construct's props
    expect(o.environment).toEqual({ HOST: '0.0.0.0', CORS: 'a,b' });
    expect(o.buildEnvironment).toEqual({ KANIDM_BUILD_PROFILE: 'container_generic' });
  });

  test('--health-check becomes an exec-form command', () => {
    expect(parse('--health-check', 'wget -q --spider http://127.0.0.1:8080/health').healthCheck).toEqual({
      command: ['wget', '-q', '--spider', 'http://127.0.0.1:8080/health'],
    });
  });

  test('fails for an --env without =', () => {
    expect(() => parse('--env', 'HOST')).toThrow(UsageError);
    expect(() => parse('--env', 'HOST')).toThrow(/^--env: 'HOST' is not KEY=VALUE$/);
  });

  test('--ports keeps a repeated port once', () => {
    expect(parse('--ports', '80,80,8080').ports).toEqual([80, 8080]);
  });

  test.each(['1e3', '0x50', '80.0', '+80'])('fails for --ports %j, which is not written in digits', (value) => {
    expect(() => parse(`--ports=${value}`)).toThrow(new UsageError(`--ports: '${value}' is not a port number (1-65535)`));
  });
});
