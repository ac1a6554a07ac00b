/** The exit-code contract, documented in the README. */
export const EXIT_OK = 0;
/** Invalid input, or letters that were not produced. */
export const EXIT_INVALID = 1;
/** Usage, configuration, I/O or internal failure. */
export const EXIT_FAILURE = 2;
