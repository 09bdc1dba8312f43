export * from './entities.ts';
export * from './errors.ts';
export * from './rest.ts';
export * from './ws.ts';
export * from './push.ts';
