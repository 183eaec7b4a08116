/**
 * The baseline: a bare echo bot on the same stack as the real one (restify with the same body
 * parser, CloudAdapter with ConfigurationBotFrameworkAuthentication and no app id), as in
 * BotBuilder-Samples' 02.echo-bot. No state, no transcripts, no validation — the cost of the
 * protocol alone, against which the full bot is measured.
 */
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id !== botId)) await context.sendActivity('Hello and welcome!');
      await next();
    });
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

export function createEchoServer(): restify.Server {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
    }),
  );
  adapter.onTurnError = async (context, error) => {
    await context.sendActivity(`error: ${error.message}`);
  };
  const bot = new EchoBot();
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 512 * 1024, mapParams: false }));
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return server;
}
