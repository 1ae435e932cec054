import { cmd, dq, fail, quote, raw, when } from '../../src/render/shell';

describe('shell', () => {
  test('quotes only words that need it', () => {
    expect(quote('linux/amd64')).toBe('linux/amd64');
    expect(quote('imageDetails[0].imageDigest')).toBe("'imageDetails[0].imageDigest'");
    expect(quote("it's")).toBe("'it'\\''s'");
    expect(quote('')).toBe("''");
  });

  test('quotes the words of Dockerfile RUN lines: paths with spaces, expansions and globs stay literal', () => {
    // GIVEN words the Dockerfile passes to the shell: a project folder, an env value, a package name
    // WHEN they are quoted
    // THEN only the ones with characters the shell would read are single-quoted
    expect(quote('/src/my app/target')).toBe("'/src/my app/target'");
    expect(quote('-C link-arg=$ORIGIN')).toBe("'-C link-arg=$ORIGIN'");
    expect(quote('lib*.so')).toBe("'lib*.so'");
    expect(quote('libssl-dev')).toBe('libssl-dev');
  });

  test('keeps expansions in double-quoted and raw words', () => {
    expect(cmd('echo', dq('$IMAGE_REPO:$IMAGE_TAG'), raw('"$(cat x)"'))).toBe('echo "$IMAGE_REPO:$IMAGE_TAG" "$(cat x)"');
  });

  test('builds one-line conditionals whose body failure fails the line', () => {
    expect(when(['[ -e a ]', '[ -e b ]'], 'touch c', fail('no'))).toBe('if [ -e a ] && [ -e b ]; then touch c; { echo no >&2; false; }; fi');
  });

  test('fails on a multi-line word', () => {
    expect(() => quote('a\nb')).toThrow(/A shell word of the buildspec or the Dockerfile must be one line; received "a\\nb"\. Remove the newline/);
  });

  test('fails on a double-quoted word holding a quote', () => {
    expect(() => dq('a"b')).toThrow(/Cannot double-quote "a\\"b"/);
  });

  test('fails on a conditional without conditions', () => {
    expect(() => when([], 'true')).toThrow(/needs at least one condition/);
  });
});
