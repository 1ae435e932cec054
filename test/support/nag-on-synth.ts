/**
 * Preloaded (`ts-node -r`) into a CDK app run as a child process: before the app synthesizes, writes
 * cdk-nag's unacknowledged AwsSolutions findings (see nag.ts) as a JSON array to $NAG_REPORT.
 */
import * as fs from 'fs';
import { App, StageSynthesisOptions } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { nagFindings } from './nag';

const report = process.env.NAG_REPORT;
if (!report) {
  throw new Error('nag-on-synth: set NAG_REPORT to the file the findings are written to.');
}
const synth = App.prototype.synth;
App.prototype.synth = function nagThenSynth(this: App, options?: StageSynthesisOptions): CloudAssembly {
  fs.writeFileSync(report, JSON.stringify(nagFindings(this)));
  return synth.call(this, options);
};
