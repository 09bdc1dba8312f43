import type { TestProject } from 'vitest/node';
import { startJongodb } from './jongodb.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoTarget: string;
  }
}

/**
 * One MongoDB for the whole run: a real one when MONGODB_TEST_URI is set, else jongodb started here. Test files
 * each use their own database names, so they do not see each other's data.
 */
export default async function setup(project: TestProject) {
  const real = process.env.MONGODB_TEST_URI;
  if (real) {
    project.provide('mongoUri', real);
    project.provide('mongoTarget', 'mongodb');
    return;
  }
  const server = await startJongodb();
  project.provide('mongoUri', server.uri);
  project.provide('mongoTarget', 'jongodb');
  return () => server.stop();
}
