/**
 * The bot: reads each turn once into a TurnInput, runs the main dialog and saves state. Everything
 * the bot says comes from the dialogs; this class only wires the turn.
 */
import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  type Dialog,
  type DialogState,
  type DialogStateManagerConfiguration,
} from 'botbuilder-dialogs';
import { setTurnInput } from '../../dialogs/turnInput.js';
import type { TurnReader } from './turnReader.js';
import { ConcurrencyError } from '../domain/errors.js';

export interface SalesBotDeps {
  conversationState: ConversationState;
  /** The root dialog: it greets, routes and never ends. */
  mainDialog: Dialog;
  readTurn: TurnReader;
  /**
   * Runs the turn inside a scope the root sets up — one model budget for all of a turn's model
   * calls (OPENAI_TIMEOUT_MS); unset: the turn runs as it is.
   */
  aroundTurn?: (turn: () => Promise<void>) => Promise<void>;
}

/**
 * The turn-state key under which botbuilder-dialogs looks for its memory scopes and path resolvers
 * (DialogStateManager); without it, each turn's first DialogContext builds them anew.
 */
const DIALOG_MEMORY_CONFIGURATION = 'DialogStateManagerConfiguration';

export class SalesBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  /** The dialogs' memory scopes and path resolvers, as the first turn built them (they hold no turn's state). */
  private memory: DialogStateManagerConfiguration | undefined;

  constructor(private readonly deps: SalesBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState).add(deps.mainDialog);

    this.onMembersAdded(async (context, next) => {
      await this.runDialog(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.runDialog(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === 'handoff.status') await this.runDialog(context);
      await next();
    });
  }

  /**
   * Runs the turn and saves the state on the eTag it was read with. When another turn saved first
   * (a ConcurrencyError: two instances, or a lock that gave up), the turn runs once more on the
   * state as it now is; a second conflict fails the turn.
   */
  override async run(context: TurnContext): Promise<void> {
    const turn = async (): Promise<void> => {
      await (this.deps.aroundTurn ? this.deps.aroundTurn(() => super.run(context)) : super.run(context));
      await this.deps.conversationState.saveChanges(context, false);
    };
    try {
      await turn();
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      await this.deps.conversationState.load(context, true);
      await turn();
    }
  }

  private async runDialog(context: TurnContext): Promise<void> {
    setTurnInput(context, await this.deps.readTurn(context));
    if (this.memory && !context.turnState.has(DIALOG_MEMORY_CONFIGURATION))
      context.turnState.set(DIALOG_MEMORY_CONFIGURATION, this.memory);
    const dc = await this.dialogs.createContext(context);
    this.memory ??= dc.state.configuration;
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.deps.mainDialog.id);
  }
}
