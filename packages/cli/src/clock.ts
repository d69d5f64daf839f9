/** The system clock, read once per command by the composition root and handed to the commands. */
export const systemClock = (): Date => new Date()
