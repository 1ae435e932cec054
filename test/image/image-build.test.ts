import * as fs from 'fs';
import { nagFindings } from '../support/nag';
import { ScaffoldImage, stack } from './support';

test('probe', () => {
  const { app, stack: s } = stack();
  new ScaffoldImage(s, 'Api');
  fs.writeFileSync('/tmp/nag.txt', nagFindings(app).join('\n'));
});
