// Prints one plain line, `N passed, N failed`, from jest-junit's report, so CI reads the count of
// tests that really ran; exits non-zero when the report is missing or counts no test.
const fs = require('fs');

const file = process.argv[2] || 'test-reports/junit.xml';
const xml = fs.readFileSync(file, 'utf8');
const tag = (xml.match(/<testsuites\b[^>]*>/) || [''])[0];
const attr = (name) => Number((tag.match(new RegExp(`\\b${name}="(\\d+)"`)) || [])[1] || 0);
const tests = attr('tests');
const failed = attr('failures') + attr('errors');
if (tests === 0) {
  console.error(`jest ran no test (${file})`);
  process.exit(1);
}
console.log(`${tests - failed} passed, ${failed} failed`);
