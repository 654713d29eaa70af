/**
 * The largest buffer an encoder keeps for its next call. Encoders reuse one growing buffer, so a
 * single huge request would otherwise pin its memory for the life of the process; past this size
 * the buffer is dropped after the call and the next call starts small again.
 */
export const MAX_RETAINED_BUFFER = 8 * 1024 * 1024;
