/**
 * Where these tests get a server process and a scratch folder. On main these helpers have moved to
 * `@pairchat/testing` (`startServerProcess`, `tempDir`, `RunningServer`): on merging, this file is the one import
 * to change.
 */
export { startServerProcess, type Proc } from '../helpers/processes.ts';
export { tempDir } from '../helpers/server.ts';
