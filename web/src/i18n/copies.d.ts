/** A messages file's copy that exports one language's object, `messages?pick=eventsZh` (see packs.ts): typed there. */
declare module "*Zh";
declare module "*En";
