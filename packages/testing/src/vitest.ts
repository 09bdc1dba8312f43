import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { startJongodb } from './jongodb.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `mongodb://…` address of the run's MongoDB. */
    mongoUri: string;
    /** `jongodb` (the stand-in started by the setup) or `mongodb` (a real one from MONGODB_TEST_URI). */
    mongoTarget: 'jongodb' | 'mongodb';
  }
}

/**
 * A vitest `globalSetup`: one MongoDB for the whole run, a real one when MONGODB_TEST_URI is set, else jongodb
 * started here and stopped at the end. Test files each use their own database names (see `dbNameFor`), so they do
 * not see each other's data. Name this file in `test.globalSetup`.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const real = process.env.MONGODB_TEST_URI;
  if (real) {
    project.provide('mongoUri', real);
    project.provide('mongoTarget', 'mongodb');
    return undefined;
  }
  const server = await startJongodb();
  project.provide('mongoUri', server.uri);
  project.provide('mongoTarget', 'jongodb');
  return async () => {
    await server.stop();
  };
}

/** Inside a test: the address the global setup provided. */
export function mongoUri(): string {
  return inject('mongoUri');
}
