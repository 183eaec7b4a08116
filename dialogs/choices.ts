/** Replies that ask a yes/no question carry Yes and No as choices (buttons, or numbers, by channel). */
import { MessageFactory, type Activity } from 'botbuilder';
import { copy } from './copy.js';

export const yesNo = (text: string): Partial<Activity> => MessageFactory.suggestedActions(copy.yesNoChoices(), text);
