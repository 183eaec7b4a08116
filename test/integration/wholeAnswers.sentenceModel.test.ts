/**
 * The whole-answer conversations again with the sentence model on, as `npm start` runs the bot
 * (EMBEDDINGS=local by default): the same questions, the same expected answers.
 */
process.env.TEST_EMBEDDINGS = 'local';
await import('./wholeAnswers.test.js');
