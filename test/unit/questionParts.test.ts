import { describe, expect, it } from 'vitest';
import { questionParts, questionsOnly } from '../../src/domain/knowledge/questionParts.js';

describe('the questions of one message', () => {
  it('when several questions are joined by "and", then each is a part and the greeting goes', () => {
    expect(questionParts('hi! how much are cupcakes and do you do vegan ones and can you deliver to parramatta')).toEqual([
      'how much are cupcakes',
      'do you do vegan ones',
      'can you deliver to parramatta',
    ]);
  });

  it('when questions are separated by question marks or commas, then each is a part', () => {
    expect(questionParts('What are your hours? Do you take cards?')).toEqual(['What are your hours', 'Do you take cards']);
    expect(questionParts('how long do they keep, can i freeze them')).toEqual(['how long do they keep', 'can i freeze them']);
  });

  it('when "and" joins two things in one question, then it stays one question', () => {
    expect(questionParts('do you have chocolate and vanilla cupcakes?')).toEqual(['do you have chocolate and vanilla cupcakes']);
    expect(questionParts('gluten free?')).toEqual(['gluten free']);
  });

  it('when a clause asks nothing, then it is read with the question beside it, not split off', () => {
    expect(questionParts('my chain keeps slipping, how much to fix')).toEqual(['my chain keeps slipping how much to fix']);
    expect(questionParts('My chain keeps slipping. How much to fix?')).toEqual(['My chain keeps slipping How much to fix']);
    expect(questionParts('tell me about delivery and how much is it')).toEqual(['tell me about delivery', 'how much is it']);
    expect(questionsOnly('my daughter turns five, how much is the small cake')).toBe('how much is the small cake');
    expect(questionsOnly('how much is the small cake')).toBeUndefined();
  });
});
