/* An extra C file compiled into an API-mode module (SourceOptions.withSources). */
#include "apimode_demo.h"

int extra_answer(void) { return SQUARE(6) + EXTRA_OFFSET; }
