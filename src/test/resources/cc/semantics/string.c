#include "prelude.h"
int test(void)
{
	ASSERT(97, "abc"[0]);
	ASSERT(0, "abc"[3]);
	ASSERT(4, sizeof("abc"));
	ASSERT(10, "\n"[0]);
	ASSERT(0, "\0x"[0]);
	ASSERT(7, "\a"[0]);
	ASSERT(27, "\e"[0]);
	ASSERT(65, "\x41"[0]);
	ASSERT(8, "\10"[0]);
	ASSERT(6, sizeof("ab" "cde"));
	ASSERT('c', ("ab" "cd")[2]);
	ASSERT(-1, "\xff"[0]);
	ASSERT(97, 'a');
	ASSERT(10, '\n');
	ASSERT(-128, '\x80');
	ASSERT(4, sizeof('a'));
	ASSERT(3, strlen("€") );
	const char *s = "hello";
	ASSERT(5, strlen(s));
	return failures;
}
