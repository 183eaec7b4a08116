import { AppError } from '../../domain/errors.js';

/** The sentence model could not load or embed; retrieval carries on lexically. */
export class EmbedderError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('embedder', message, options);
  }
}
