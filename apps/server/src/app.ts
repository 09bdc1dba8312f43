import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { MAX_FRAME_BYTES } from '@pairchat/schema';
import { AuthService } from './auth/auth-service.ts';
import { ChatService } from './chat/chat-service.ts';
import type { Config } from './config.ts';
import authPlugin from './plugins/auth.ts';
import errorsPlugin from './plugins/errors.ts';
import spaPlugin from './plugins/spa.ts';
import type { EventBus } from './realtime/bus/port.ts';
import { RoomRegistry } from './realtime/registry.ts';
import { wsRoutes } from './realtime/ws-route.ts';
import authRoutes from './routes/auth/index.ts';
import chatRoutes from './routes/chats/index.ts';
import healthRoutes from './routes/health/index.ts';
import userRoutes from './routes/users/index.ts';
import type { Store } from './store/port.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    bus: EventBus;
    chat: ChatService;
    registry: RoomRegistry;
  }
}

export interface AppDeps {
  config: Config;
  store: Store;
  bus: EventBus;
  logger?: FastifyServerOptions['logger'];
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** REST bodies are small; the largest (a send) is far below this. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Builds the Fastify instance from its plugins; does not listen. Closing it closes the store and bus. */
export async function buildApp({ config, store, bus, logger }: AppDeps) {
  const app = Fastify({
    logger: logger ?? { level: config.LOG_LEVEL },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const registry = new RoomRegistry();
  const auth = new AuthService(store, { scryptLogN: config.SCRYPT_LOG_N, sessionTtlDays: config.SESSION_TTL_DAYS });
  const chat = new ChatService(store, bus, registry);
  bus.subscribe((event) => registry.deliver(event));

  app.decorate('store', store);
  app.decorate('bus', bus);
  app.decorate('chat', chat);
  app.decorate('registry', registry);
  app.addHook('onClose', async () => {
    for (const conn of registry.all()) conn.socket.close(1001, 'server shutting down');
    await bus.close();
    await store.close();
  });

  await app.register(errorsPlugin);
  await app.register(fastifyCookie);
  await app.register(authPlugin, { auth });
  await app.register(fastifyWebsocket, {
    options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false },
  });
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(chatRoutes);
  await app.register(wsRoutes, { allowedOrigins: config.ALLOWED_ORIGINS });
  await app.register(spaPlugin, { root: path.resolve(config.WEB_DIST ?? DEFAULT_WEB_DIST) });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
