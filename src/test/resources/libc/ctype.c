/* ctype.h in the C locale */
#include <stdio.h>
#include <ctype.h>

int main(void)
{
	int c;
	const char *s = "aZ09 _\t\n!~\x7f";

	for (; *s; s++) {
		c = (unsigned char)*s;
		printf("%3d: alnum %d alpha %d digit %d xdigit %d space %d upper %d lower %d print %d graph %d punct %d cntrl %d -> %c%c\n",
		       c, !!isalnum(c), !!isalpha(c), !!isdigit(c), !!isxdigit(c), !!isspace(c), !!isupper(c),
		       !!islower(c), !!isprint(c), !!isgraph(c), !!ispunct(c), !!iscntrl(c),
		       isprint(toupper(c)) ? toupper(c) : '.', isprint(tolower(c)) ? tolower(c) : '.');
	}
	return 0;
}
