/* assert()'s failure: glibc's message on stderr, then abort(). */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>

void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func)
{
    fprintf(stderr, "%s: %s:%u: %s: Assertion `%s' failed.\n", program_invocation_short_name, file, line, func, expr);
    abort();
}
