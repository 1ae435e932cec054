import { cmd, dq, fail, quote, raw, when } from '../../src/render/shell';

describe('shell', () => {
  test('quotes only words that need it', () => {
    expect(quote('linux/amd64')).toBe('linux/amd64');
    expect(quote('imageDetails[0].imageDigest')).toBe("'imageDetails[0].imageDigest'");
    expect(quote("it's")).toBe("'it'\\''s'");
    expect(quote('')).toBe("''");
  });

  test('keeps expansions in double-quoted and raw words', () => {
    expect(cmd('echo', dq('$IMAGE_REPO:$IMAGE_TAG'), raw('"$(cat x)"'))).toBe('echo "$IMAGE_REPO:$IMAGE_TAG" "$(cat x)"');
  });

  test('builds one-line conditionals whose body failure fails the line', () => {
    expect(when(['[ -e a ]', '[ -e b ]'], 'touch c', fail('no'))).toBe('if [ -e a ] && [ -e b ]; then touch c; { echo no >&2; false; }; fi');
  });

  test('fails on a multi-line word', () => {
    expect(() => quote('a\nb')).toThrow(/must be one line; received "a\\nb"/);
  });

  test('fails on a double-quoted word holding a quote', () => {
    expect(() => dq('a"b')).toThrow(/Cannot double-quote "a\\"b"/);
  });

  test('fails on a conditional without conditions', () => {
    expect(() => when([], 'true')).toThrow(/needs at least one condition/);
  });
});
