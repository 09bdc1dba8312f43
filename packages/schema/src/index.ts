export * from './entities.ts';
export * from './errors.ts';
export * from './media.ts';
export * from './rest.ts';
export * from './ws.ts';
