export * from './entities.ts';
export * from './errors.ts';
export * from './media.ts';
export * from './rest.ts';
export * from './ws.ts';
export * from './names.ts';
export * from './push.ts';
export * from './text.ts';
