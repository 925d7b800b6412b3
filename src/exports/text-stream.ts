import { Readable } from 'node:stream';

/**
 * A byte stream of text chunks, produced only as it is read: the next chunk is asked for when the reader
 * (the socket, through Fastify) has taken the previous one, so an export holds about one chunk in memory
 * however large it is, and a slow or gone client stops the reading of the database.
 *
 * @example reply.send(textStream(csvChunks(batches, present)))
 */
export function textStream(chunks: AsyncIterable<string>): Readable {
  // Bytes, not objects: the buffer is then bounded by its size (one chunk of 500 rows exceeds it already).
  return Readable.from(chunks, { objectMode: false });
}
