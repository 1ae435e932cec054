import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { defaultDeps, onEvent, OnEventResponse } from './trigger';

/** Provider-framework `onEvent` of the image build: starts the CodeBuild batch. */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<OnEventResponse> {
  return onEvent(event, defaultDeps());
}
