import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { MAX_FRAME_BYTES } from '@pairchat/schema';
import { AuthService } from './auth/auth-service.ts';
import { migrateStoredNames } from './auth/name-guard.ts';
import { burstWindow } from './limits/make-limiter.ts';
import type { Config } from './config.ts';
import { FrameLimits } from './limits/frame-limits.ts';
import mediaPlugin from './media/plugin.ts';
import authPlugin from './plugins/auth.ts';
import bodyRatePlugin from './plugins/body-rate.ts';
import chatPlugin from './plugins/chat.ts';
import contactsPlugin from './plugins/contacts.ts';
import { answerClientError, frameworkErrorText } from './plugins/early-errors.ts';
import errorsPlugin, { sendError } from './plugins/errors.ts';
import limitsPlugin from './plugins/limits.ts';
import pushPlugin from './plugins/push.ts';
import { busPlugin, presencePlugin } from './plugins/realtime.ts';
import registryPlugin from './plugins/registry.ts';
import securityPlugin from './plugins/security.ts';
import spaPlugin from './plugins/spa.ts';
import storePlugin from './plugins/store.ts';
import type { EventBus } from './realtime/bus/port.ts';
import { LocalPresence } from './realtime/presence/local-presence.ts';
import type { Presence } from './realtime/presence/port.ts';
import { onSocketError } from './realtime/socket-errors.ts';
import { wsRoutes } from './realtime/ws-route.ts';
import authRoutes from './routes/auth/index.ts';
import blockRoutes from './routes/blocks/index.ts';
import chatRoutes from './routes/chats/index.ts';
import contactRoutes from './routes/contacts/index.ts';
import searchRoutes from './routes/search/index.ts';
import healthRoutes from './routes/health/index.ts';
import meRoutes from './routes/me/index.ts';
import mediaRoutes from './routes/media/index.ts';
import pushRoutes from './routes/push/index.ts';
import userRoutes from './routes/users/index.ts';
import type { Store } from './store/port.ts';

export interface AppDeps {
  config: Config;
  store: Store;
  bus: EventBus;
  /** Who is online across processes; by default, this process alone. */
  presence?: Presence;
  /** The process's logger (main.ts shares it with the bus); false for none; by default one at LOG_LEVEL. */
  logger?: FastifyBaseLogger | false;
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** REST bodies are small; the largest (a send) is far below this. */
const BODY_LIMIT_BYTES = 64 * 1024;
/**
 * How long shutdown waits for the frames sockets are handling before it closes them with 1001: 5 s, and at most a
 * quarter of SHUTDOWN_TIMEOUT_MS, so the close handshakes finish before main.ts cuts what is still open (at half).
 */
const drainMs = (shutdownTimeoutMs: number) => Math.min(5000, shutdownTimeoutMs / 4);

/** Builds the Fastify instance from its plugins; does not listen. Closing it closes the store, bus and presence. */
export async function buildApp({ config, store, bus, presence = new LocalPresence(), logger }: AppDeps) {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: logger === false ? false : { level: config.LOG_LEVEL } }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Errors found before a route runs answer the contract's body too (never Fastify's or Node's own shape).
    frameworkErrors: (err, _req, reply) => {
      void sendError(reply, 400, 'bad_request', frameworkErrorText(err));
    },
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();
  // Inputs are validated with the shared zod schemas. Outputs are typed by the same schemas at compile time (the
  // type provider checks every handler's return) and built field by field by explicit mappers (toChat, toMessage,
  // { id, name }), so they are serialized without a second runtime validation, which cost more than the query on a
  // long chat list (30 ms of 45 for 1,000 chats).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // The shared parts, as named plugins (closed in onClose hooks, the last registered first): store, bus and
  // presence are opened by the caller (main.ts picks the adapters); the chat service and the registry use them.
  await app.register(storePlugin, { store });
  await app.register(busPlugin, { bus });
  await app.register(presencePlugin, { presence });
  await app.register(registryPlugin);
  // Every limit's counts: in Redis with REDIS_URL (shared by all processes), else in memory (plugins/limits.ts).
  await app.register(limitsPlugin, { redisUrl: config.REDIS_URL, trustTtlSeconds: config.AUTH_TRUST_DAYS * 86_400 });
  await app.register(pushPlugin, {
    coalesceMs: config.PUSH_COALESCE_MS,
    allowInsecureEndpoints: config.PUSH_ALLOW_INSECURE_ENDPOINTS,
  });
  // Media before the chat service, which sends only media the access rule lets the sender see. The sweep of unsent
  // uploads asks the messages too: a file some message (not recalled) carries is in use and kept.
  await app.register(mediaPlugin, { config, messages: store.messages, users: store.users });
  const sendLimit = app.limits.makeLimiter(burstWindow(config.SEND_BURST, config.SEND_RATE_PER_SECOND, 'send'));
  // Blocks and MESSAGING, which the chat service enforces on every send, typing and presence change.
  await app.register(contactsPlugin, { messaging: config.MESSAGING });
  await app.register(chatPlugin, {
    sendLimit,
    presenceCoalesceMs: config.PRESENCE_COALESCE_MS,
    policy: app.messagingPolicy,
  });
  // Accounts stored before name skeletons were get theirs (and their folded name keys) before anyone can register.
  const migrated = await migrateStoredNames(store.users);
  if (migrated > 0) app.log.info({ migrated }, 'stored names brought up to the name rules');
  const auth = new AuthService(store, {
    scryptLogN: config.SCRYPT_LOG_N,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS ?? config.SESSION_TTL_DAYS * 24 * 3600,
    // A session ended on this process closes its sockets on every process.
    onSessionEnded: (session) => bus.publish({ kind: 'close-session', userId: session.userId, sessionId: session.id }),
  });

  await app.register(errorsPlugin);
  await app.register(bodyRatePlugin, {
    graceSeconds: config.BODY_TIMEOUT_SECONDS,
    minBytesPerSecond: config.BODY_MIN_RATE,
  });
  await app.register(securityPlugin, { allowedOrigins: config.ALLOWED_ORIGINS });
  await app.register(fastifyCookie);
  await app.register(authPlugin, { auth });
  await app.register(fastifyWebsocket, {
    options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false },
    errorHandler: onSocketError,
    // On shutdown the listener stops taking connections first; then sends in flight finish (their acks go out),
    // and only then are sockets closed, with 1001 so clients reconnect (to another process, behind a balancer).
    preClose: async () => {
      await app.registry.drainAndClose(drainMs(config.SHUTDOWN_TIMEOUT_MS));
    },
  });
  await app.register(healthRoutes);
  await app.register(authRoutes, {
    perAddress: config.AUTH_RATE_PER_ADDRESS,
    perName: config.AUTH_RATE_PER_NAME,
    nameBudgetPerHour: config.AUTH_NAME_BUDGET_PER_HOUR,
    registration: config.REGISTRATION,
  });
  await app.register(meRoutes, {
    passwordChecksPerMinute: config.AUTH_RATE_PER_NAME,
    forgetRelations: (id: string) => app.contacts.forgetUser(id),
  });
  await app.register(userRoutes);
  await app.register(chatRoutes, { recallWindowSeconds: config.RECALL_WINDOW_SECONDS });
  await app.register(searchRoutes);
  await app.register(contactRoutes);
  await app.register(blockRoutes);
  await app.register(pushRoutes);
  await app.register(mediaRoutes, { maxBytes: config.MEDIA_MAX_BYTES });
  await app.register(wsRoutes, {
    allowedOrigins: config.ALLOWED_ORIGINS,
    maxSocketsPerPerson: config.MAX_SOCKETS_PER_PERSON,
    bufferLimitBytes: config.SOCKET_BUFFER_LIMIT_BYTES,
    frameLimits: new FrameLimits(
      {
        windowSeconds: config.FRAME_LIMIT_WINDOW_SECONDS,
        points: {
          typing: config.TYPING_FRAMES_PER_WINDOW,
          read: config.READ_FRAMES_PER_WINDOW,
          other: config.OTHER_FRAMES_PER_WINDOW,
        },
      },
      app.limits.makeLimiter,
      (err) => app.log.warn({ err }, 'frame limit store failed; letting frames through'),
    ),
    sessionCheckMs: config.SESSION_CHECK_SECONDS * 1000,
  });
  await app.register(spaPlugin, { root: path.resolve(config.WEB_DIST ?? DEFAULT_WEB_DIST) });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
