/** Entry point: configuration, composition, listen, graceful shutdown. */
import { loadDotEnv, parseConfig } from './config.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { AppError } from './domain/errors.js';

loadDotEnv();
let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const logger = createLogger(config.LOG_LEVEL);

try {
  const app = await createApp(config, logger);
  const port = await app.listen();
  logger.info(
    { port, host: config.HOST, store: config.DATABASE_URL ? 'postgres' : 'lowdb' },
    `bot listening on http://localhost:${port}`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    app.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (error) {
  if (error instanceof AppError) console.error(error.message);
  else console.error(error);
  process.exit(1);
}
