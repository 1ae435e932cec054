import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { defaultDeps, isComplete, IsCompleteResponse, OnEventResponse } from './trigger';

/** Provider-framework `isComplete` of the image build: polls the CodeBuild batch. */
export async function handler(
  event: CloudFormationCustomResourceEvent & { readonly Data?: OnEventResponse['Data'] },
): Promise<IsCompleteResponse> {
  return isComplete(event, defaultDeps());
}
